import { sampleReferenceData } from '../reference/sample';
import { whistleDepartmentEvaluation, type WhistleParticipation } from './whistle-evaluation';

const { policy } = sampleReferenceData();
let seq = 0;
const part = (
  departmentId: string,
  more: Partial<WhistleParticipation> = {},
): WhistleParticipation => ({
  whistleId: `W-${++seq}`,
  departmentId,
  report: 'on_time',
  commitment: 'made',
  rating: { timeliness: 5, commitment: 4, result: 3 },
  ...more,
});

describe('whistleDepartmentEvaluation', () => {
  it('averages the street ratings and maps them onto 0–100', () => {
    const [gzfj] = whistleDepartmentEvaluation(
      [part('GZFJ'), part('GZFJ', { rating: { timeliness: 3, commitment: 4, result: 5 } })],
      policy,
    );
    expect(gzfj).toMatchObject({
      whistles: 2,
      ratedWhistles: 2,
      timeliness: 4,
      commitment: 4,
      result: 4,
      overall: 4,
      score: 75,
    });
  });

  it('rates a missed report at the bottom, whatever the street typed', () => {
    const [cgzf] = whistleDepartmentEvaluation(
      [
        part('CGZF', { report: 'missed', commitment: 'missed' }),
        part('CGZF', { rating: { timeliness: 5, commitment: 5, result: 5 } }),
      ],
      policy,
    );
    expect(cgzf).toMatchObject({
      missedReports: 1,
      missedCommitments: 0,
      timeliness: 3,
      commitment: 3,
      result: 3,
      score: 50,
    });
  });

  it('rates a missing commitment (表态) at the bottom and counts it', () => {
    const [zjw] = whistleDepartmentEvaluation(
      [part('ZJW', { commitment: 'missed', report: 'late' })],
      policy,
    );
    expect(zjw).toMatchObject({
      lateReports: 1,
      missedCommitments: 1,
      commitment: 1,
      timeliness: 5,
    });
  });

  it('flags uniform top marks and leaves unrated departments without a score', () => {
    const top = { timeliness: 5, commitment: 5, result: 5 };
    const [a, b] = whistleDepartmentEvaluation(
      [
        part('A', { rating: top }),
        part('A', { rating: top }),
        part('A', { rating: top }),
        part('B', { rating: null }),
      ],
      policy,
    );
    expect(a).toMatchObject({ departmentId: 'A', uniformTopMarks: true, score: 100 });
    expect(b).toMatchObject({
      departmentId: 'B',
      ratedWhistles: 0,
      overall: null,
      score: null,
      uniformTopMarks: false,
    });
  });

  it('rejects ratings off the scale', () => {
    expect(() =>
      whistleDepartmentEvaluation(
        [part('A', { rating: { timeliness: 6, commitment: 1, result: 1 } })],
        policy,
      ),
    ).toThrow(RangeError);
  });
});
