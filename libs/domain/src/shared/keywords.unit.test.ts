import { meaningfulLength, normalizeText } from './keywords';

describe('text helpers', () => {
  it('normalize full-width characters, spaces and case', () => {
    expect(normalizeText('ＡＢＣ 停 水\t２号楼')).toBe('abc停水2号楼');
  });

  it('count only letters, digits and CJK characters', () => {
    expect(meaningfulLength('单位不对！！！…')).toBe(4);
    expect(meaningfulLength('   ，。、')).toBe(0);
    expect(meaningfulLength('3号楼 A座')).toBe(5);
  });
});
