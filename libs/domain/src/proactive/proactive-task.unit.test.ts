import { sampleReferenceData } from '../reference/sample';
import { SAMPLE_PROACTIVE_TASKS } from './sample-proactive-tasks';
import {
  assessTaskEffect,
  complaintsIn,
  DEFAULT_PROACTIVE_TASK_POLICY,
  measurementSpans,
} from './proactive-task';

const policy = DEFAULT_PROACTIVE_TASK_POLICY;
const DAY = 86_400_000;

describe('proactive task effect (未诉先办成效)', () => {
  it('compares the weeks before the task started with as many weeks after verification', () => {
    const started = new Date('2026-11-02T02:00:00Z');
    const verified = new Date('2026-11-20T08:00:00Z');
    const { before, after } = measurementSpans(started, verified, 4);
    expect(before).toEqual({ from: new Date(started.getTime() - 28 * DAY), to: started });
    expect(after).toEqual({ from: verified, to: new Date(verified.getTime() + 28 * DAY) });
  });

  it('calls a drop of at least 30 % effective, less or a rise not effective', () => {
    expect(assessTaskEffect(10, 7, policy)).toMatchObject({ verdict: 'effective', change: -0.3 });
    expect(assessTaskEffect(10, 2, policy).explanation).toMatch(/下降 80%/);
    expect(assessTaskEffect(10, 8, policy)).toMatchObject({
      verdict: 'not_effective',
      change: -0.2,
    });
    expect(assessTaskEffect(6, 9, policy)).toMatchObject({ verdict: 'not_effective', change: 0.5 });
    expect(assessTaskEffect(6, 9, policy).explanation).toMatch(/增至 9 件/);
  });

  it('does not judge on too few complaints before, and refuses nonsense counts', () => {
    expect(assessTaskEffect(2, 0, policy)).toMatchObject({
      verdict: 'insufficient_data',
      change: -1,
    });
    expect(assessTaskEffect(0, 4, policy)).toMatchObject({
      verdict: 'insufficient_data',
      change: null,
    });
    expect(() => assessTaskEffect(-1, 2, policy)).toThrow(RangeError);
    expect(() => assessTaskEffect(1.5, 2, policy)).toThrow(RangeError);
  });

  it('counts the orders of the matter and place within the span, end exclusive', () => {
    const at = (d: string) => new Date(d);
    const rows = [
      {
        orderId: 'a',
        matterTypeCode: 'CG-004',
        streetId: 'FQJD',
        communityId: 'FQJD-02',
        receivedAt: at('2026-11-01T00:00:00Z'),
      },
      {
        orderId: 'b',
        matterTypeCode: 'CG-004',
        streetId: 'FQJD',
        communityId: 'FQJD-01',
        receivedAt: at('2026-11-02T00:00:00Z'),
      },
      {
        orderId: 'c',
        matterTypeCode: 'CG-003',
        streetId: 'FQJD',
        communityId: 'FQJD-02',
        receivedAt: at('2026-11-02T00:00:00Z'),
      },
      {
        orderId: 'd',
        matterTypeCode: 'CG-004',
        streetId: 'FQJD',
        communityId: 'FQJD-02',
        receivedAt: at('2026-11-08T00:00:00Z'),
      },
    ];
    const span = { from: at('2026-11-01T00:00:00Z'), to: at('2026-11-08T00:00:00Z') };
    expect(complaintsIn(rows, { matterTypeCode: 'CG-004', communityId: 'FQJD-02' }, span)).toEqual([
      'a',
    ]);
    expect(complaintsIn(rows, { matterTypeCode: 'CG-004', streetId: 'FQJD' }, span)).toEqual([
      'a',
      'b',
    ]);
    expect(
      complaintsIn(rows, { matterTypeCode: 'CG-004' }, { ...span, to: at('2026-11-09T00:00:00Z') }),
    ).toEqual(['a', 'b', 'd']);
  });
});

describe('sample proactive tasks', () => {
  it('name real units, matters and places of the sample district', () => {
    const ref = sampleReferenceData();
    for (const t of SAMPLE_PROACTIVE_TASKS) {
      expect(ref.index.units.get(t.ownerUnitId)).toBeDefined();
      expect(ref.index.matterTypes.get(t.scope.matterTypeCode)).toBeDefined();
      if (t.scope.communityId)
        expect(ref.index.communities.get(t.scope.communityId)?.streetId).toBe(t.scope.streetId);
      if (t.source.kind === 'hotspot')
        expect(
          t.source.hotspotId.startsWith(`${t.scope.matterTypeCode}|${t.scope.communityId}|`),
        ).toBe(true);
    }
  });
});
