import { sampleReferenceData } from '../reference/sample';
import { routeOrder } from './route-order';

const ref = sampleReferenceData();
const firstGridOf = (streetId: string) =>
  ref.index.streets.get(streetId)?.communities[0].grids[0].id ?? '';

describe('routeOrder', () => {
  it('routes every matter type, in every street, to existing units', () => {
    for (const matter of ref.matterTypes) {
      for (const street of ref.streets) {
        const route = routeOrder(
          { matterTypeCode: matter.code, gridId: firstGridOf(street.id) },
          ref,
        );
        if (route.kind !== 'dispatch')
          throw new Error(`${matter.code} in ${street.id}: ${route.kind}`);
        for (const unitId of [
          route.leadUnitId,
          ...route.assistingUnitIds,
          ...route.supervisingUnitIds,
        ]) {
          expect(ref.index.units.has(unitId)).toBe(true);
        }
        expect(route.leadUnitId).toBe(
          matter.streetRole === 'assist' ? matter.leadUnitId : street.id,
        );
        expect(route.assistingUnitIds).not.toContain(route.leadUnitId);
        if (matter.streetRole === 'assist') expect(route.assistingUnitIds[0]).toBe(street.id);
        expect(route.gridResponsible).not.toBeNull();
      }
    }
  });

  it('picks the grid person for the matter block, else the grid worker', () => {
    const party = routeOrder({ matterTypeCode: 'DQ-006', gridId: 'XHJD-01-1' }, ref);
    const safety = routeOrder({ matterTypeCode: 'PA-002', gridId: 'XHJD-01-1' }, ref);
    expect(party.kind === 'dispatch' && party.gridResponsible?.role).toBe('专职网格员');
    expect(safety.kind === 'dispatch' && safety.gridResponsible?.role).toBe('社区民警');
  });

  it('falls back to the district (兜底) when a street-led matter has no place', () => {
    const route = routeOrder({ matterTypeCode: 'CG-002' }, ref);
    expect(route).toMatchObject({
      kind: 'dispatch',
      leadUnitId: 'ZHZX',
      assistingUnitIds: ['CGZF', 'SJJ'],
      supervisingUnitIds: [],
    });
    expect(route.kind === 'dispatch' && route.rule).toContain('属地不明');
  });

  it('sends what it cannot route to the manual dispatch queue', () => {
    expect(routeOrder({ matterTypeCode: 'XX-001', gridId: 'XHJD-01-1' }, ref)).toMatchObject({
      kind: 'manual',
      code: 'no_rule',
    });
    expect(routeOrder({ matterTypeCode: 'CG-002', gridId: 'NOPE-1' }, ref)).toMatchObject({
      kind: 'manual',
      code: 'unknown_place',
    });
    expect(
      routeOrder({ matterTypeCode: 'CG-002', gridId: 'XHJD-01-1', streetId: 'LYJD' }, ref),
    ).toMatchObject({
      kind: 'manual',
      code: 'place_conflict',
    });
  });

  it('never re-dispatches to a unit that returned the order', () => {
    for (const matter of ref.matterTypes) {
      const first = routeOrder({ matterTypeCode: matter.code, gridId: 'CPJD-01-1' }, ref);
      if (first.kind !== 'dispatch') throw new Error(matter.code);
      const again = routeOrder({ matterTypeCode: matter.code, gridId: 'CPJD-01-1' }, ref, {
        returnedByUnitIds: [first.leadUnitId],
        returnCount: 1,
      });
      if (again.kind !== 'dispatch') throw new Error(`${matter.code}: ${again.kind}`);
      expect(again.leadUnitId).not.toBe(first.leadUnitId);
      expect(again.assistingUnitIds).not.toContain(first.leadUnitId);
      expect(again.rule).toContain('已退单');
    }
  });

  it('re-dispatches a department return to the next unit with a duty, not down to the street', () => {
    const route = routeOrder({ matterTypeCode: 'CG-003', gridId: 'LYJD-01-1' }, ref, {
      returnedByUnitIds: ['CGZF'],
      returnCount: 1,
    });
    expect(route).toMatchObject({
      kind: 'dispatch',
      leadUnitId: 'ZJW',
      assistingUnitIds: ['LYJD', 'STHJ'],
    });
  });

  it('goes to arbitration after two returns, listing the units still available', () => {
    const route = routeOrder({ matterTypeCode: 'CG-003', gridId: 'LYJD-01-1' }, ref, {
      returnedByUnitIds: ['CGZF', 'ZJW'],
      returnCount: 2,
    });
    expect(route).toMatchObject({
      kind: 'arbitration',
      returnCount: 2,
      candidateUnitIds: ['STHJ', 'ZHZX'],
    });
    // The count cannot be understated: two returning units are two returns.
    expect(
      routeOrder({ matterTypeCode: 'CG-003', gridId: 'LYJD-01-1' }, ref, {
        returnedByUnitIds: ['CGZF', 'ZJW'],
        returnCount: 0,
      }).kind,
    ).toBe('arbitration');
  });
});
