import { sampleReferenceData } from '../reference/sample';
import { findHotspots, type HotspotInput } from './find-hotspots';

const ref = sampleReferenceData();
const asOf = new Date('2026-11-23T10:00:00+08:00');
const DAY = 86_400_000;
const orders = (n: number, more: Partial<HotspotInput>, daysAgo = 1): HotspotInput[] =>
  Array.from({ length: n }, (_, i) => ({
    orderId: `${more.matterTypeCode ?? 'CG-004'}-${more.gridId ?? more.communityId}-${daysAgo}-${i}`,
    matterTypeCode: 'CG-004',
    receivedAt: new Date(asOf.getTime() - daysAgo * DAY),
    ...more,
  }));

describe('findHotspots', () => {
  it('finds five orders of one matter in one community within seven days, grids rolled up', () => {
    const hotspots = findHotspots(
      [
        ...orders(3, { gridId: 'FQJD-02-1' }),
        ...orders(2, { gridId: 'FQJD-02-2' }),
        ...orders(4, { communityId: 'FQJD-01' }),
      ],
      asOf,
      ref,
    );
    expect(hotspots.map((h) => [h.matterTypeCode, h.communityId, h.orderIds.length])).toEqual([
      ['CG-004', 'FQJD-02', 5],
    ]);
  });

  it('ignores orders older than the window and other matter types', () => {
    const hotspots = findHotspots(
      [
        ...orders(4, { communityId: 'FQJD-02' }),
        ...orders(1, { communityId: 'FQJD-02' }, 7),
        ...orders(1, { communityId: 'FQJD-02', matterTypeCode: 'CG-003' }),
      ],
      asOf,
      ref,
    );
    expect(hotspots).toEqual([]);
  });
});
