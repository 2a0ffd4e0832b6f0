import { type EventEnvelope } from '@hotline/contracts';
import { sampleReferenceData, whistleDepartmentEvaluation } from '@hotline/domain';
import { evolveWhistle, participation, type WhistleSnapshot } from './whistle-snapshot';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let seq = 0;
const ev = (type: string, payload: Record<string, unknown>, minutes = seq * 10): EventEnvelope => {
  seq += 1;
  return {
    eventId: `w${seq}`,
    aggregateType: 'whistle',
    aggregateId: 'WH-XHJD-0001',
    sequence: seq,
    type,
    schemaVersion: 1,
    occurredAt: at(minutes),
    payload,
  };
};
const fold = (events: EventEnvelope[]) =>
  events.reduce<WhistleSnapshot | null>((s, e) => evolveWhistle(s, e), null)!;

const blown = () =>
  ev(
    'WhistleBlown',
    {
      streetId: 'XHJD',
      whistleType: 'routine',
      matterTypeCode: 'CG-010',
      title: '老旧小区违建',
      summonedUnitIds: ['CGZF', 'ZJW'],
      reportBy: at(24 * 60),
    },
    0,
  );

beforeEach(() => (seq = 0));

describe('evolveWhistle', () => {
  it('follows every department from 报到 to 表态, completion and 核查, then closes', () => {
    const steps = [
      blown(),
      ev('DepartmentReported', { departmentId: 'CGZF', mode: 'on_site', withinLimit: true }, 20),
      ev(
        'DepartmentReported',
        { departmentId: 'ZJW', mode: 'remote', withinLimit: false },
        30 * 60,
      ),
      ev(
        'CommitmentMade',
        { departmentId: 'CGZF', measures: '三日内拆除', dueBy: at(3 * 1440) },
        31 * 60,
      ),
      ev(
        'CommitmentMade',
        { departmentId: 'ZJW', measures: '出具认定意见', dueBy: at(2 * 1440) },
        31 * 60,
      ),
      ev('DepartmentCompleted', { departmentId: 'ZJW' }, 2 * 1440),
      ev('DepartmentCompleted', { departmentId: 'CGZF' }, 3 * 1440),
      ev('WhistleVerified', { passed: true }, 3 * 1440 + 60),
      ev(
        'WhistleEvaluated',
        { departmentId: 'CGZF', timeliness: 5, commitment: 5, result: 4 },
        3 * 1440 + 90,
      ),
      ev('WhistleClosed', { outcome: 'solved' }, 3 * 1440 + 120),
    ];
    const statuses = steps.map((_, i) => fold(steps.slice(0, i + 1)).status);
    expect(statuses).toEqual([
      'reporting',
      'reporting',
      'committing',
      'committing',
      'acting',
      'acting',
      'verifying',
      'verified',
      'verified',
      'closed',
    ]);
    const s = fold(steps);
    expect(s.departments).toEqual([
      expect.objectContaining({
        departmentId: 'CGZF',
        report: 'on_time',
        commitment: 'made',
        verified: true,
        timeliness: 5,
        result: 4,
      }),
      expect.objectContaining({
        departmentId: 'ZJW',
        report: 'late',
        reportMode: 'remote',
        commitment: 'made',
        verified: true,
        timeliness: null,
      }),
    ]);
    expect(s).toMatchObject({
      month: '2026-11',
      outcome: 'solved',
      closedAt: at(3 * 1440 + 120),
      lastSequence: 10,
    });
  });

  it('keeps a missed report on record, counts owed steps as missed at the close, and feeds the evaluation', () => {
    const s = fold([
      blown(),
      ev('DepartmentReported', { departmentId: 'CGZF', withinLimit: true }, 20),
      ev('ReportDeadlineMissed', { departmentId: 'ZJW' }, 24 * 60),
      ev('WhistleEscalated', { districtWhistleId: 'WH-YC-0001', reason: '部门未到' }, 25 * 60),
      ev('WhistleClosed', {}, 26 * 60),
    ]);
    expect(s.departments.map((d) => [d.departmentId, d.report, d.commitment])).toEqual([
      ['CGZF', 'on_time', 'missed'],
      ['ZJW', 'missed', 'missed'],
    ]);
    expect(s).toMatchObject({ escalated: true, districtWhistleId: 'WH-YC-0001', status: 'closed' });
    const parts = s.departments.map((d) => participation(s.whistleId, true, d)!);
    const evaluation = whistleDepartmentEvaluation(parts, sampleReferenceData().policy);
    expect(
      evaluation.map((e) => [e.departmentId, e.missedReports, e.missedCommitments, e.score]),
    ).toEqual([
      ['CGZF', 0, 1, null],
      ['ZJW', 1, 0, 0],
    ]);
  });

  it('reads the department however the contract names it, and ignores what it cannot read', () => {
    const s = fold([blown(), ev('DepartmentReported', { unitId: 'ZJW', withinLimit: true }, 5)]);
    expect(s.departments.find((d) => d.departmentId === 'ZJW')?.report).toBe('on_time');
    const same = evolveWhistle(s, ev('DepartmentReported', { nobody: true }, 6))!;
    expect(same.departments).toEqual(s.departments);
    expect(same.lastSequence).toBe(3);
  });

  it('shows nothing before the whistle was blown', () => {
    seq = 1;
    expect(evolveWhistle(null, ev('DepartmentReported', { departmentId: 'CGZF' }))).toBeNull();
  });
});
