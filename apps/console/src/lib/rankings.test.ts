import { pushDownRows, rankingChoices, rankingSections, rankingsQuery } from './rankings';

const DISTRICTS = [{ id: 'YC' }, { id: 'LS' }];

describe('rankings', () => {
  it('names the district only for a district ranking, and refuses one without it', () => {
    expect(rankingsQuery('2026-11', 'city', 'LS')).toEqual({ month: '2026-11', level: 'city' });
    expect(rankingsQuery('2026-11', 'district', 'LS')).toEqual({
      month: '2026-11',
      level: 'district',
      district: 'LS',
    });
    expect(() => rankingsQuery('2026-11', 'district', null)).toThrow('区级排名需要选择区');
  });

  it('offers a district centre its own district only, others the city first', () => {
    expect(
      rankingChoices({ role: 'supervisor', level: 'district', districtId: 'LS' }, DISTRICTS),
    ).toEqual({ levels: ['district'], level: 'district', district: 'LS', fixed: true });
    expect(rankingChoices({ role: 'supervisor' }, DISTRICTS)).toEqual({
      levels: ['city', 'district'],
      level: 'city',
      district: 'YC',
      fixed: false,
    });
    expect(rankingChoices({ role: 'auditor', level: 'city' }, DISTRICTS).levels).toEqual([
      'city',
      'district',
    ]);
  });

  it('shows the city’s own groups at city level only, in the published order', () => {
    const groups = { streets: [{ id: 'XHJD' }], cityDepartments: [{ id: 'BJ-CGW' }] };
    const city = rankingSections(groups, 'city');
    expect(city.map((s) => s.label)).toEqual([
      '街道',
      '乡镇',
      '区级部门',
      '公共服务企业',
      '市级部门',
      '市属企业',
    ]);
    expect(city.find((s) => s.key === 'cityDepartments')!.rows).toEqual([{ id: 'BJ-CGW' }]);
    expect(city.find((s) => s.key === 'townships')!.rows).toEqual([]);
    const district = rankingSections(groups, 'district');
    expect(district.map((s) => s.key)).toEqual([
      'streets',
      'townships',
      'departments',
      'enterprises',
    ]);
    expect(rankingSections(undefined, 'district')[0]!.rows).toEqual([]);
  });

  it('gives each district’s share of push-downs without a reason, and a total', () => {
    const rows = pushDownRows([
      { districtId: 'LS', orders: 3, pushDowns: 4, flagged: 1 },
      { districtId: 'YC', orders: 1, pushDowns: 1, flagged: 0 },
    ]);
    expect(rows.map((r) => [r.key, r.pushDowns, r.flagged, r.flaggedShare])).toEqual([
      ['LS', 4, 1, '25.0%'],
      ['YC', 1, 0, '0.0%'],
      ['total', 5, 1, '20.0%'],
    ]);
    expect(pushDownRows([{ districtId: null, orders: 0, pushDowns: 0, flagged: 0 }])).toEqual([
      { key: '—', districtId: null, orders: 0, pushDowns: 0, flagged: 0, flaggedShare: '—' },
    ]);
  });
});
