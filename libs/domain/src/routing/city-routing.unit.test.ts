import { sampleEnforcementPowers } from '../enforcement/sample';
import { districtReferenceData } from '../reference/city';
import { sampleCityReferenceData, sampleReferenceData } from '../reference/sample';
import {
  arbiterFor,
  checkPushDown,
  type CityRoutingContext,
  type CityRoutingDecision,
  type CityRoutingRequest,
  escalationTarget,
  routeCityOrder,
} from './city-routing';
import { routeOrder } from './route-order';

const ref = sampleCityReferenceData();
const ctx: CityRoutingContext = { ref, powers: sampleEnforcementPowers() };
const DAY = '2026-12-01';
const CITY = { level: 'city' } as const;
const district = (districtId: string) => ({ level: 'district', districtId }) as const;
const firstGridOf = (streetId: string) =>
  ref.index.streets.get(streetId)?.communities[0].grids[0].id ?? '';

function dispatch(
  request: Partial<CityRoutingRequest> & { matterTypeCode: string },
  returned: string[] = [],
  context: CityRoutingContext = ctx,
) {
  const route = routeCityOrder({ takenBy: CITY, day: DAY, ...request }, context, {
    returnedByUnitIds: returned,
    returnCount: returned.length,
  });
  if (route.kind !== 'dispatch')
    throw new Error(`expected a dispatch, got ${JSON.stringify(route)}`);
  return route;
}

describe('routeCityOrder: 云川区 as before', () => {
  it('routes every matter in every 云川区 street as routeOrder does, when no power is in force', () => {
    const before = sampleReferenceData();
    for (const context of [ctx, { ref: before, powers: ctx.powers }]) {
      for (const matter of ref.matterTypes) {
        for (const street of before.streets) {
          const request = { matterTypeCode: matter.code, gridId: firstGridOf(street.id) };
          const old = routeOrder(request, before);
          const now = dispatch(
            { ...request, takenBy: district('YC'), day: '2019-12-31' },
            [],
            context,
          );
          expect(old.kind).toBe('dispatch');
          if (old.kind !== 'dispatch') continue;
          expect(now).toMatchObject({
            leadUnitId: old.leadUnitId,
            assistingUnitIds: old.assistingUnitIds,
            supervisingUnitIds: old.supervisingUnitIds,
            gridResponsible: old.gridResponsible,
            dispatchedByUnitId: 'ZHZX',
            districtId: 'YC',
            enforcement: null,
          });
        }
      }
    }
  });

  it('keeps the district fallback for a street-led matter without a place', () => {
    expect(dispatch({ matterTypeCode: 'CG-002', takenBy: district('YC') })).toMatchObject({
      leadUnitId: 'ZHZX',
      assistingUnitIds: ['CGZF', 'SJJ'],
      supervisingUnitIds: [],
    });
  });
});

describe('routeCityOrder: the city centre dispatches directly (市级直派)', () => {
  it('to a department of the place’s district, the district centre supervising', () => {
    const route = dispatch({ matterTypeCode: 'CG-007', gridId: firstGridOf('LS-SQJD') });
    expect(route).toMatchObject({
      leadUnitId: 'LS-CGW',
      leadLevel: 'district',
      assistingUnitIds: ['LS-SQJD', 'LS-JTW'],
      supervisingUnitIds: ['LS-ZHZX'],
      dispatchedByUnitId: 'BJ-RXZX',
      districtId: 'LS',
    });
    expect(route.rule).toContain('市级直派澜山区');
    expect(route.rule).toContain('澜山区接诉即办指挥中心督办');
  });

  it('to the street or township itself for what the street leads', () => {
    expect(dispatch({ matterTypeCode: 'SQ-013', communityId: 'HX-NPX-02' })).toMatchObject({
      leadUnitId: 'HX-NPX',
      leadLevel: 'street',
      supervisingUnitIds: ['HX-ZHZX'],
    });
  });

  it('to a city enterprise for a utility the district has no branch of', () => {
    const route = dispatch({ matterTypeCode: 'MS-001', gridId: firstGridOf('HX-XKJD') });
    expect(route).toMatchObject({
      leadUnitId: 'BJ-ZLS',
      leadLevel: 'city',
      assistingUnitIds: ['HX-XKJD', 'HX-SWJ'],
      supervisingUnitIds: ['BJ-RXZX'],
    });
    // 云川区 has its own water branch.
    expect(dispatch({ matterTypeCode: 'MS-001', gridId: firstGridOf('XHJD') }).leadUnitId).toBe(
      'ZLS',
    );
  });

  it('to the subway company for the subway, wherever the call comes from', () => {
    expect(dispatch({ matterTypeCode: 'MS-040' })).toMatchObject({
      leadUnitId: 'BJ-DT',
      leadLevel: 'city',
      assistingUnitIds: ['BJ-JTW'],
      supervisingUnitIds: ['BJ-RXZX'],
    });
    expect(dispatch({ matterTypeCode: 'MS-040', gridId: firstGridOf('HX-HFJD') })).toMatchObject({
      leadUnitId: 'BJ-DT',
      assistingUnitIds: ['HX-HFJD', 'HX-JTW'],
    });
    // Taken by a district centre, that centre follows up what it dispatched.
    expect(dispatch({ matterTypeCode: 'MS-040', takenBy: district('LS') })).toMatchObject({
      leadUnitId: 'BJ-DT',
      supervisingUnitIds: ['LS-ZHZX'],
    });
  });

  it('to a city department for a placeless matter, a district centre to its own', () => {
    expect(dispatch({ matterTypeCode: 'MS-011' })).toMatchObject({
      leadUnitId: 'BJ-RSJ',
      leadLevel: 'city',
      districtId: null,
      supervisingUnitIds: ['BJ-RXZX'],
    });
    expect(dispatch({ matterTypeCode: 'MS-011', takenBy: district('LS') }).leadUnitId).toBe(
      'LS-RSJ',
    );
  });

  it('to the city fallback when nothing places a street-led matter', () => {
    const route = dispatch({ matterTypeCode: 'CG-002' });
    expect(route).toMatchObject({
      leadUnitId: 'BJ-RXZX',
      supervisingUnitIds: [],
      districtId: null,
    });
    expect(route.rule).toContain('属地不明');
  });

  it('to the next unit with a duty when the district has nobody for the lead role', () => {
    const route = dispatch({ matterTypeCode: 'MS-029', gridId: firstGridOf('LS-BYZ') });
    expect(route.leadUnitId).toBe('LS-GZFJ');
    expect(
      dispatch({ matterTypeCode: 'MS-029', gridId: firstGridOf('LS-BYZ') }, ['LS-GZFJ']).leadUnitId,
    ).toBe('LS-ZHZX');
    expect(route.rule).toContain('澜山区无承担NYNCJ职责的单位');
  });

  it('every street of every district is routable for every matter, to existing units', () => {
    for (const street of ref.streets) {
      for (const matter of ref.matterTypes) {
        const route = dispatch({ matterTypeCode: matter.code, gridId: firstGridOf(street.id) });
        for (const id of [route.leadUnitId, ...route.assistingUnitIds, ...route.supervisingUnitIds])
          expect(ref.index.units.has(id)).toBe(true);
        const units = [route.leadUnitId, ...route.assistingUnitIds].map((id) =>
          ref.index.units.get(id),
        );
        expect(units.every((u) => u?.districtId === street.districtId || u?.level === 'city')).toBe(
          true,
        );
      }
    }
  });
});

describe('routeCityOrder: a district centre', () => {
  it('does not dispatch into another district', () => {
    expect(
      routeCityOrder(
        {
          matterTypeCode: 'CG-007',
          gridId: firstGridOf('HX-HFJD'),
          takenBy: district('YC'),
          day: DAY,
        },
        ctx,
      ),
    ).toEqual({
      kind: 'manual',
      code: 'outside_district',
      reason: '禾丰街道属于禾溪区，不在云川区辖区，转市级热线中心派单',
    });
  });

  it('still sends unknown matters and places to the manual queue', () => {
    const at = (r: Partial<CityRoutingRequest>) =>
      routeCityOrder({ matterTypeCode: 'CG-007', takenBy: CITY, day: DAY, ...r }, ctx).kind ===
      'manual';
    expect(at({ matterTypeCode: 'XX-001' })).toBe(true);
    expect(at({ gridId: 'NOPE-1' })).toBe(true);
    expect(at({ gridId: firstGridOf('LS-JMJD'), streetId: 'XHJD' })).toBe(true);
  });
});

describe('routeCityOrder: devolved enforcement powers (执法职权下放)', () => {
  it('sends a covered matter to the street’s team, the former department supporting', () => {
    const route = dispatch({ matterTypeCode: 'CG-003', gridId: firstGridOf('XHJD') });
    expect(route).toMatchObject({
      leadUnitId: 'XHJD',
      assistingUnitIds: ['CGZF', 'ZJW', 'STHJ'],
      supervisingUnitIds: ['ZHZX'],
      enforcement: { powerId: 'ZF-CG-001', teamName: '星湖街道综合执法队', supportUnitId: 'CGZF' },
    });
    expect(route.rule).toContain('由星湖街道综合执法队办理');
    expect(route.rule).toContain('云川区城市管理综合行政执法局专业支撑');
    expect(dispatch({ matterTypeCode: 'CG-017', gridId: firstGridOf('LS-SQJD') })).toMatchObject({
      leadUnitId: 'LS-SQJD',
      assistingUnitIds: ['LS-STHJ', 'LS-ZJW', 'LS-CGZF'],
      enforcement: { supportUnitId: 'LS-STHJ' },
    });
  });

  it('uses the list in force on the order’s day', () => {
    const on = (day: string) =>
      dispatch({ matterTypeCode: 'CG-017', gridId: firstGridOf('XHJD'), day });
    expect(on('2024-06-01')).toMatchObject({ leadUnitId: 'ZJW', enforcement: null });
    expect(on('2024-11-01')).toMatchObject({ leadUnitId: 'XHJD' });
    expect(
      dispatch({ matterTypeCode: 'CG-003', gridId: firstGridOf('XHJD') }, [], { ref, powers: null })
        .leadUnitId,
    ).toBe('CGZF');
  });

  it('needs a street: without a place the department keeps the matter', () => {
    expect(dispatch({ matterTypeCode: 'CG-003', takenBy: district('YC') })).toMatchObject({
      leadUnitId: 'CGZF',
      enforcement: null,
    });
  });
});

describe('returns, arbitration and escalation at the right level', () => {
  it('moves a returned order on to the support department, never back', () => {
    const route = dispatch({ matterTypeCode: 'CG-003', gridId: firstGridOf('XHJD') }, ['XHJD']);
    expect(route.leadUnitId).toBe('CGZF');
    expect(route.assistingUnitIds).not.toContain('XHJD');
  });

  it('has the district centre arbitrate within one district', () => {
    const route = routeCityOrder(
      { matterTypeCode: 'CG-007', gridId: firstGridOf('LS-JMJD'), takenBy: CITY, day: DAY },
      ctx,
      { returnedByUnitIds: ['LS-CGW', 'LS-JTW'], returnCount: 2 },
    );
    expect(route).toMatchObject({
      kind: 'arbitration',
      arbiterUnitId: 'LS-ZHZX',
      arbiterLevel: 'district',
      candidateUnitIds: ['LS-ZHZX'],
    });
  });

  it('has the city centre arbitrate when a city unit or a second district is involved', () => {
    const utility = routeCityOrder(
      { matterTypeCode: 'MS-001', gridId: firstGridOf('HX-XKJD'), takenBy: CITY, day: DAY },
      ctx,
      { returnedByUnitIds: ['BJ-ZLS', 'HX-SWJ'], returnCount: 2 },
    );
    expect(utility).toMatchObject({
      kind: 'arbitration',
      arbiterUnitId: 'BJ-RXZX',
      arbiterLevel: 'city',
    });
    // A 云川区 street returned it as outside its territory (管辖错误); re-placed in 澜山区.
    const crossDistrict = routeCityOrder(
      { matterTypeCode: 'SQ-013', gridId: firstGridOf('LS-JMJD'), takenBy: CITY, day: DAY },
      ctx,
      { returnedByUnitIds: ['XHJD', 'LS-JMJD'], returnCount: 2 },
    );
    expect(crossDistrict).toMatchObject({ kind: 'arbitration', arbiterLevel: 'city' });
    expect(arbiterFor(['XHJD', 'CGW'], null, ref)).toEqual({
      arbiterUnitId: 'ZHZX',
      arbiterLevel: 'district',
    });
  });

  it('escalates a street to its district centre, a district unit to the city', () => {
    expect(escalationTarget('LS-BYZ', ref)).toMatchObject({
      toUnitId: 'LS-ZHZX',
      level: 'district',
    });
    expect(escalationTarget('HX-CGW', ref)).toMatchObject({ toUnitId: 'BJ-RXZX', level: 'city' });
    expect(escalationTarget('ZHZX', ref)).toMatchObject({ toUnitId: 'BJ-RXZX', level: 'city' });
    expect(escalationTarget('BJ-DT', ref)).toMatchObject({ toUnitId: 'BJ-RXZX', level: 'city' });
    expect(escalationTarget('BJ-RXZX', ref)).toBeNull();
    // A district's view still knows its city.
    expect(escalationTarget('CGW', districtReferenceData(ref, 'YC'))).toMatchObject({
      level: 'city',
    });
  });
});

describe('checkPushDown (自上而下派回街道)', () => {
  const check = (over: Partial<Parameters<typeof checkPushDown>[0]>) =>
    checkPushDown(
      {
        matterTypeCode: 'CG-007',
        fromUnitId: 'CGW',
        toUnitId: 'XHJD',
        day: DAY,
        reason: '',
        ...over,
      },
      ctx,
    );

  it('flags a matter the street only assists, sent down without a reason', () => {
    expect(check({})).toEqual({
      flagged: true,
      code: 'pushed_down_without_reason',
      explanation:
        '自上而下派回街道：云川区城市管理委员会将CG-007 道路破损派回星湖街道办事处，该事项街道只参与配合，且未说明理由',
    });
    expect(check({ fromUnitId: 'BJ-RXZX', toUnitId: 'LS-JMJD', reason: '请街道' }).flagged).toBe(
      true,
    );
  });

  it('does not flag a reasoned one, a street duty, a devolved power or a sideways move', () => {
    expect(check({ reason: '该路段为小区内部道路，属地街道负责协调产权单位维修' })).toMatchObject({
      flagged: false,
      code: 'reasoned',
    });
    expect(check({ matterTypeCode: 'CG-002' })).toMatchObject({
      flagged: false,
      code: 'street_duty',
    });
    expect(check({ matterTypeCode: 'CG-003', fromUnitId: 'CGZF' })).toMatchObject({
      flagged: false,
      code: 'street_duty',
    });
    expect(check({ matterTypeCode: 'CG-003', fromUnitId: 'CGZF', day: '2019-01-01' }).flagged).toBe(
      true,
    );
    expect(check({ fromUnitId: 'LYJD' })).toMatchObject({ flagged: false, code: 'not_downward' });
  });
});

// Compile-time check that the union stays exhaustive for the process layer.
export function kinds(d: CityRoutingDecision): string {
  switch (d.kind) {
    case 'dispatch':
    case 'manual':
    case 'arbitration':
      return d.kind;
  }
}
