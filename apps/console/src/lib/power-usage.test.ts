import { onTimeText, powerUsageQuery, powerUsageRows, streetsOf } from './power-usage';

describe('power usage', () => {
  it('sends the month always and only the filters chosen', () => {
    expect(powerUsageQuery({ month: '2026-11' })).toEqual({ month: '2026-11' });
    expect(
      powerUsageQuery({ month: '2026-11', district: 'LS', street: null, power: 'ZF-CG-001' }),
    ).toEqual({ month: '2026-11', district: 'LS', power: 'ZF-CG-001' });
    expect(powerUsageQuery({ month: '2026-11', district: '', street: 'XHJD' })).toEqual({
      month: '2026-11',
      street: 'XHJD',
    });
  });

  it('shows on time as closed on time of counted, and a dash when nothing was counted', () => {
    expect(onTimeText({ counted: 10, closedOnTime: 8 })).toBe('8/10');
    expect(onTimeText({ counted: 0, closedOnTime: 0 })).toBe('—');
    expect(onTimeText({})).toBe('—');
  });

  it('puts each street under its power, with the power’s totals on the power row', () => {
    const rows = powerUsageRows(
      [
        {
          powerId: 'ZF-CG-001',
          powerName: '夜间施工噪声',
          streetId: 'XHJD',
          streetName: '星湖街道办事处',
          dispatched: 3,
          closed: 2,
          counted: 2,
          closedOnTime: 1,
          onTimeRate: 0.5,
          satisfactionRate: 1,
        },
        {
          powerId: 'ZF-CG-001',
          powerName: '夜间施工噪声',
          streetId: 'LYJD',
          streetName: null,
          dispatched: 1,
          closed: 0,
          counted: 0,
          closedOnTime: 0,
          onTimeRate: null,
          satisfactionRate: null,
        },
      ],
      [
        {
          powerId: 'ZF-CG-001',
          powerName: '夜间施工噪声',
          streets: 2,
          dispatched: 4,
          closed: 2,
          counted: 2,
          closedOnTime: 1,
          onTimeRate: 0.5,
          satisfactionRate: 1,
        },
        { powerId: 'ZF-CG-002', powerName: '油烟', streets: 0, dispatched: 0 },
      ],
      (id) => `名称-${id}`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      key: 'ZF-CG-001',
      kind: 'power',
      dispatched: 4,
      closedOnTime: '1/2',
      onTimeRate: '50.0%',
      satisfactionRate: '100.0%',
    });
    expect(rows[0]!.children!.map((c) => [c.key, c.name, c.onTimeRate])).toEqual([
      ['ZF-CG-001/XHJD', '星湖街道办事处', '50.0%'],
      ['ZF-CG-001/LYJD', '名称-LYJD', '—'],
    ]);
    // No streets: no expander.
    expect(rows[1]!.children).toBeUndefined();
  });

  it('keeps a street whose power has no totals', () => {
    const rows = powerUsageRows(
      [{ powerId: 'ZF-X', powerName: '某职权', streetId: 'XHJD', dispatched: 1 }],
      [],
    );
    expect(rows.map((r) => [r.key, r.name, r.children?.length])).toEqual([['ZF-X', '某职权', 1]]);
  });

  it('offers the streets of the chosen district only', () => {
    const streets = [
      { id: 'XHJD', districtId: 'YC' },
      { id: 'LS-JMJD', districtId: 'LS' },
    ];
    expect(streetsOf(streets, 'LS').map((s) => s.id)).toEqual(['LS-JMJD']);
    expect(streetsOf(streets, null)).toHaveLength(2);
  });
});
