import { sampleReferenceData } from '../reference/sample';
import raw from '../../data/deputy-stations.json';
import {
  DeputyStationsError,
  canHandProposalTo,
  checkProposalDue,
  findDeputy,
  parseDeputyStations,
  reminderAt,
  stationRecords,
} from './deputies';
import { sampleDeputyStations } from './sample-deputy-stations';

const ref = sampleReferenceData();

describe('the deputies’ stations (家站点)', () => {
  it('loads the sample: homes, stations and contact points, each with deputies, and the policy', () => {
    const data = sampleDeputyStations();
    expect(data.version).toBe('2026.11-sample.1');
    expect(new Set(data.stations.map((s) => s.kind))).toEqual(
      new Set(['home', 'station', 'contact_point']),
    );
    expect(data.stations.every((s) => s.deputies.length > 0)).toBe(true);
    expect(data.policy.answer).toEqual({ unit: 'workingDays', amount: 15 });
  });

  it('finds a deputy and their station', () => {
    expect(findDeputy(sampleDeputyStations(), 'RD-XH-03')).toMatchObject({
      deputy: { name: '刘建军' },
      station: { id: 'RDLLZ-XHJD-02', communityId: 'XHJD-02' },
    });
    expect(findDeputy(sampleDeputyStations(), 'RD-NOPE')).toBeUndefined();
  });

  it('refuses a deputy in two stations, an unknown street, a community of another street, a contact point without community', () => {
    const file = structuredClone(raw) as { stations: Record<string, unknown>[] };
    const [first, second] = file.stations as [Record<string, unknown>, Record<string, unknown>];
    second['deputies'] = (first['deputies'] as unknown[]).slice(0, 1);
    first['streetId'] = 'NOPE';
    second['communityId'] = 'LYJD-01';
    const contact = file.stations.find((s) => s['kind'] === 'contact_point')!;
    delete contact['communityId'];
    let problems: string[] = [];
    try {
      parseDeputyStations(file, ref);
    } catch (e) {
      expect(e).toBeInstanceOf(DeputyStationsError);
      problems = (e as DeputyStationsError).problems;
    }
    expect(problems).toEqual([
      'stations.0.streetId: no street NOPE',
      'stations.1.communityId: LYJD-01 is not in XHJD',
      'stations.1.deputies.0.id: RD-XH-01 appears twice (a deputy enters one station)',
      'stations.2.communityId: a contact point (联系点) sits in a community',
    ]);
  });

  it('refuses a malformed file with the field at fault', () => {
    expect(() =>
      parseDeputyStations({ ...raw, policy: { ...raw.policy, reminderFraction: 1.5 } }, ref),
    ).toThrow(/policy.reminderFraction/);
    expect(() =>
      parseDeputyStations({ ...raw, stations: [{ ...raw.stations[0], deputies: [] }] }, ref),
    ).toThrow(/at least one deputy/);
  });
});

describe('handing a proposal over (交办)', () => {
  const home = sampleDeputyStations().stations.find((s) => s.id === 'RDZJ-XHJD')!;

  it('goes to a department, an enterprise or the station’s own street', () => {
    expect(canHandProposalTo(ref, home, 'JTW')).toEqual({ ok: true });
    expect(canHandProposalTo(ref, home, 'ZLS')).toEqual({ ok: true });
    expect(canHandProposalTo(ref, home, 'XHJD')).toEqual({ ok: true });
  });

  it('never to another street, to the hotline centre, or to a unit that does not exist', () => {
    expect(canHandProposalTo(ref, home, 'LYJD')).toEqual({
      ok: false,
      reason: expect.stringMatching(/不是站点所在的街道/),
    });
    expect(canHandProposalTo(ref, home, 'ZHZX')).toEqual({
      ok: false,
      reason: expect.stringMatching(/不承办/),
    });
    expect(canHandProposalTo(ref, home, 'XX')).toEqual({
      ok: false,
      reason: expect.stringMatching(/没有编号为 XX/),
    });
  });

  it('takes a due date after now and within the longest limit', () => {
    const now = new Date('2026-11-23T02:00:00Z');
    const latest = new Date('2027-02-20T02:00:00Z');
    expect(checkProposalDue(new Date('2026-12-10T10:00:00Z'), now, latest)).toEqual({ ok: true });
    expect(checkProposalDue(now, now, latest)).toMatchObject({ ok: false });
    expect(checkProposalDue(new Date('2027-03-01T00:00:00Z'), now, latest)).toEqual({
      ok: false,
      reason: expect.stringMatching(/不能晚于/),
    });
  });

  it('reminds at the policy’s fraction of the window', () => {
    expect(
      reminderAt(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-11T00:00:00Z'), 0.8),
    ).toEqual(new Date('2026-11-09T00:00:00Z'));
  });
});

describe('a station’s record', () => {
  it('counts received, handed over, answered, on time, rated by rating, reported back', () => {
    const item = {
      stationId: 'A',
      handedOver: true,
      answered: true,
      answeredOnTime: true,
      rating: 'satisfied' as const,
      reportedBack: true,
    };
    const records = stationRecords(
      [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      [
        item,
        { ...item, answeredOnTime: false, rating: 'dissatisfied', reportedBack: false },
        { ...item, answered: false, answeredOnTime: false, rating: null, reportedBack: false },
        {
          ...item,
          stationId: 'B',
          handedOver: false,
          answered: false,
          rating: null,
          reportedBack: false,
        },
      ],
    );
    expect(records).toEqual([
      {
        stationId: 'A',
        received: 3,
        handedOver: 3,
        answered: 2,
        answeredOnTime: 1,
        rated: 2,
        satisfied: 1,
        basicallySatisfied: 0,
        dissatisfied: 1,
        reportedBack: 1,
      },
      expect.objectContaining({ stationId: 'B', received: 1, handedOver: 0, answered: 0 }),
    ]);
  });
});
