import { classifyMatter } from '../routing/classify-matter';
import { sampleReferenceData } from '../reference/sample';
import { keywordScore, matchKeywords, normalizeText } from './keywords';

const NEGATIONS = ['没有', '不是', '未'];

describe('composite keywords (A+B)', () => {
  it('match when every part occurs in one clause, commas included', () => {
    const text = normalizeText('星湖东里工地夜间22点后仍在施工，噪音很大');
    expect(matchKeywords(text, ['工地+噪音', '施工+噪音'], NEGATIONS)).toEqual([
      '工地+噪音',
      '施工+噪音',
    ]);
  });

  it('do not match across sentences, nor when a part is negated', () => {
    expect(
      matchKeywords(normalizeText('工地在东边。我家附近噪音大'), ['工地+噪音'], NEGATIONS),
    ).toEqual([]);
    expect(matchKeywords(normalizeText('工地那边没有噪音'), ['工地+噪音'], NEGATIONS)).toEqual([]);
    expect(matchKeywords(normalizeText('隔壁工地的事'), ['工地+噪音'], NEGATIONS)).toEqual([]);
  });

  it('score the parts’ characters, not the plus sign', () => {
    expect(keywordScore(['工地+噪音'])).toBe(4);
  });

  it('classify how callers actually speak', () => {
    const ref = sampleReferenceData();
    const cases: [string, string][] = [
      ['星湖东里3号楼旁工地夜间22点后仍在施工，噪音很大', 'CG-003'],
      ['我们楼的电梯又坏了，老人下不了楼', 'SQ-005'],
      ['楼上装修天天很吵，装修噪音从早到晚', 'SQ-011'],
      ['家里没水了，水龙头不出水一上午了', 'MS-001'],
      ['老板一直拖欠工资，工资三个月不给了', 'MS-013'],
    ];
    for (const [text, code] of cases) {
      const s = classifyMatter(text, ref);
      expect({ text, code: s.kind === 'match' ? s.matterTypeCode : null }).toEqual({ text, code });
    }
  });
});
