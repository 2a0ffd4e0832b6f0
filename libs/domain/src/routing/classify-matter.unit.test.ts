import { sampleReferenceData } from '../reference/sample';
import { classifyMatter } from './classify-matter';

const ref = sampleReferenceData();

describe('classifyMatter', () => {
  it('prefers the longer, more specific keyword and lists alternatives', () => {
    const s = classifyMatter('暖气跑水了，水流了一地', ref);
    expect(s).toMatchObject({
      kind: 'match',
      matterTypeCode: 'MS-006',
      matchedKeywords: ['暖气跑水'],
    });
    expect(s.kind === 'match' && s.alternatives[0]).toEqual({ matterTypeCode: 'MS-007', score: 2 });
  });

  it('ignores negated keywords', () => {
    expect(classifyMatter('家里没有停电，就是燃气打不着火', ref)).toMatchObject({
      matterTypeCode: 'MS-004',
    });
  });

  it('breaks ties deterministically and says so', () => {
    const s = classifyMatter('公厕旁边的护栏坏了', ref);
    expect(s).toMatchObject({ kind: 'match', matterTypeCode: 'CG-022' });
    expect(s.explanation).toContain('得分相同');
  });

  it('admits when nothing matches', () => {
    expect(classifyMatter('你好，我想反映个情况', ref)).toMatchObject({ kind: 'none' });
  });
});
