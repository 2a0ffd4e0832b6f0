import { sampleReferenceData, whistleDepartmentEvaluation } from '@hotline/domain';
import { type EventEnvelope } from '@hotline/contracts';
import { WhistleStory } from './whistle-test-events';
import { evolveWhistle, participation, type WhistleSnapshot } from './whistle-snapshot';

const fold = (events: EventEnvelope[]) =>
  events.reduce<WhistleSnapshot | null>((s, e) => evolveWhistle(s, e), null)!;

describe('evolveWhistle', () => {
  let t = Date.parse('2026-11-23T02:00:00Z');
  const w = () => new WhistleStory('WH-XHJD-0001', () => new Date((t += 600_000)));

  it('follows every department from 报到 to 表态, completion and 核查, then closes', () => {
    const s = w();
    const steps = [
      s.blown(),
      s.reported('CGZF'),
      s.reported('ZJW', false, 'remote'),
      s.committed('CGZF'),
      s.committed('ZJW'),
      s.completed('ZJW'),
      s.completed('CGZF'),
      s.verified('CGZF'),
      s.verified('ZJW'),
      s.closed([
        { departmentId: 'CGZF', report: 'on_time', commitment: 'made' },
        { departmentId: 'ZJW', report: 'late', commitment: 'made' },
      ]),
      s.evaluated('CGZF', 5, 5, 4),
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
      'verifying',
      'verified',
      'closed',
      'closed',
    ]);
    const whistle = fold(steps);
    expect(whistle).toMatchObject({
      level: 'street',
      ownerUnitId: 'XHJD',
      linkedOrderIds: ['HL20261123-0000042'],
      month: '2026-11',
      outcome: 'solved',
      lastSequence: 11,
    });
    expect(whistle.departments).toEqual([
      expect.objectContaining({
        departmentId: 'CGZF',
        report: 'on_time',
        commitment: 'made',
        verified: true,
        counted: true,
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
  });

  it('sends a part back when 核查 fails', () => {
    const s = w();
    const whistle = fold([
      s.blown(['CGZF']),
      s.reported('CGZF'),
      s.committed('CGZF'),
      s.completed('CGZF'),
      s.verified('CGZF', false),
    ]);
    expect(whistle.status).toBe('acting');
    expect(whistle.departments[0]).toMatchObject({ verified: false, completedAt: null });
  });

  it('keeps misses and 督办 on record, takes the closing record as final, and feeds the evaluation', () => {
    const s = w();
    const whistle = fold([
      s.blown(),
      s.reported('CGZF'),
      s.reportMissed('ZJW'),
      s.escalatedDepartment('ZJW'),
      s.closed(
        [
          { departmentId: 'CGZF', report: 'on_time', commitment: 'missed', counted: false },
          { departmentId: 'ZJW', report: 'missed', commitment: 'missed' },
        ],
        'unsolved',
      ),
    ]);
    expect(
      whistle.departments.map((d) => [
        d.departmentId,
        d.report,
        d.commitment,
        d.misses,
        d.escalations,
        d.counted,
      ]),
    ).toEqual([
      ['CGZF', 'on_time', 'missed', [], 0, false],
      ['ZJW', 'missed', 'missed', ['report'], 1, true],
    ]);
    const parts = whistle.departments
      .map((d) => participation(whistle.whistleId, true, d))
      .filter((p) => p !== null);
    expect(parts.map((p) => p.departmentId)).toEqual(['ZJW']); // released before its commitment was due
    const [zjw] = whistleDepartmentEvaluation(parts, sampleReferenceData().policy);
    expect(zjw).toMatchObject({ missedReports: 1, score: 0 });
    expect(participation(whistle.whistleId, false, whistle.departments[1]!)).toBeNull(); // not before the close
  });

  it('lists a refused whistle (吹哨泛化 guard) with nobody owing anything', () => {
    expect(evolveWhistle(null, new WhistleStory('WH-XHJD-0002').refused())).toMatchObject({
      status: 'refused',
      departments: [],
    });
  });

  it('changes nothing shown for a progress note, and shows nothing before the whistle was blown', () => {
    const s = w();
    const blown = fold([s.blown()]);
    const noted = evolveWhistle(blown, {
      ...s.reported('CGZF'),
      type: 'DepartmentProgressReported',
      payload: { departmentId: 'CGZF', note: '已到现场' },
    })!;
    expect(noted.departments).toEqual(blown.departments);
    expect(noted.lastSequence).toBe(2);
    expect(evolveWhistle(null, new WhistleStory('WH-X').reported('CGZF'))).toBeNull();
  });
});
