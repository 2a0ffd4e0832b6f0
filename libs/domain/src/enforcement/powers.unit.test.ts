import raw from '../../data/enforcement-powers.json';
import { sampleCityReferenceData } from '../reference/sample';
import {
  devolvedPowerFor,
  EnforcementPowerListError,
  parseEnforcementPowers,
  powerHistory,
  powersInForce,
} from './powers';
import { sampleEnforcementPowers } from './sample';

const list = sampleEnforcementPowers();

function errorsAfter(mutate: (file: typeof raw) => void): readonly string[] {
  const file = structuredClone(raw);
  mutate(file);
  try {
    parseEnforcementPowers(file, sampleCityReferenceData());
  } catch (e) {
    if (e instanceof EnforcementPowerListError) return e.problems;
    throw e;
  }
  throw new Error('expected the list to be rejected');
}

describe('the devolved enforcement powers (执法职权清单)', () => {
  it('is versioned and maps each power to matter types', () => {
    expect(list.version).toMatch(/^2026/);
    expect(list.powers.length).toBeGreaterThanOrEqual(8);
    expect(new Set(list.powers.map((p) => p.source))).toEqual(
      new Set(['city_management', 'environment', 'landscaping', 'water']),
    );
  });

  it('knows which power covers a matter on a given day', () => {
    expect(devolvedPowerFor(list, 'CG-003', '2026-12-01')?.power.id).toBe('ZF-CG-001');
    expect(devolvedPowerFor(list, 'CG-003', '2020-06-30')).toBeNull(); // before the devolution
    expect(devolvedPowerFor(list, 'CG-007', '2026-12-01')).toBeNull(); // 道路破损: not devolved
  });

  it('applies withdrawals for their dates, open-ended or limited', () => {
    // Withdrawn for good from 2023-07-01.
    expect(devolvedPowerFor(list, 'CG-018', '2023-06-30')?.power.id).toBe('ZF-CG-004');
    expect(devolvedPowerFor(list, 'CG-018', '2023-07-01')).toBeNull();
    // Withdrawn for a campaign, 2024-03-01 … 2024-10-31, then back with the street.
    expect(devolvedPowerFor(list, 'CG-017', '2024-02-29')).not.toBeNull();
    expect(devolvedPowerFor(list, 'CG-017', '2024-03-01')).toBeNull();
    expect(devolvedPowerFor(list, 'CG-017', '2024-10-31')).toBeNull();
    expect(devolvedPowerFor(list, 'CG-017', '2024-11-01')?.power.id).toBe('ZF-HJ-002');
  });

  it('applies amendments of the covered matters and the end of a time-limited power', () => {
    expect(devolvedPowerFor(list, 'CG-015', '2025-03-31')).toBeNull();
    const amended = devolvedPowerFor(list, 'CG-015', '2025-04-01');
    expect(amended?.power.id).toBe('ZF-CG-005');
    expect(amended?.amendedBy?.id).toBe('TZ-2025-01');
    expect(devolvedPowerFor(list, 'CG-030', '2026-06-30')?.power.id).toBe('ZF-CG-006');
    expect(devolvedPowerFor(list, 'CG-030', '2026-07-01')).toBeNull();
    const ids = (day: string) => powersInForce(list, day).map((p) => p.power.id);
    expect(ids('2026-12-01')).not.toContain('ZF-CG-006');
    expect(ids('2026-01-01')).toContain('ZF-CG-006');
  });

  it('tells each power’s history with reasons, for tracking', () => {
    expect(powerHistory(list, 'ZF-HJ-002')).toEqual([
      {
        from: '2020-07-01',
        to: '2024-02-29',
        inForce: true,
        matterTypeCodes: ['CG-017'],
        reason: '初始下放',
      },
      {
        from: '2024-03-01',
        to: '2024-10-31',
        inForce: false,
        matterTypeCodes: [],
        reason: expect.stringContaining('扬尘治理专项行动'),
      },
      {
        from: '2024-11-01',
        to: null,
        inForce: true,
        matterTypeCodes: ['CG-017'],
        reason: '初始下放',
      },
    ]);
    expect(powerHistory(list, 'ZF-CG-006').map((p) => [p.from, p.to, p.inForce])).toEqual([
      ['2025-01-01', '2026-06-30', true],
      ['2026-07-01', null, false],
    ]);
    expect(() => powerHistory(list, 'ZF-X')).toThrow('Unknown enforcement power "ZF-X"');
  });

  it('rejects bad lists, naming file, row and field', () => {
    expect(
      errorsAfter((f) => {
        f.powers[1].matterTypeCodes = ['CG-999'];
        f.powers[2].supportRole = 'ZLS';
        f.adjustments[0].powerId = 'ZF-NOPE';
        (f.adjustments[2] as { matterTypeCodes?: string[] }).matterTypeCodes = undefined;
      }),
    ).toEqual([
      'enforcement-powers.json row 2 (power ZF-CG-002) field matterTypeCodes[0]: unknown matter type "CG-999"',
      'enforcement-powers.json row 3 (power ZF-CG-003) field supportRole: unit "ZLS" is a enterprise; expected department',
      'enforcement-powers.json row 1 (adjustment TZ-2023-01) field powerId: unknown power "ZF-NOPE"',
      'enforcement-powers.json row 3 (adjustment TZ-2025-01) field matterTypeCodes: required to amend a power',
    ]);
    expect(
      errorsAfter((f) => {
        f.adjustments[1].to = '2024-01-01';
        f.powers[0].from = '2020-13-01';
      }),
    ).toEqual(['enforcement-powers.json row 1 (power ZF-CG-001) field from: not a real date']);
    expect(
      errorsAfter((f) => {
        f.adjustments[1].to = '2024-01-01';
      }),
    ).toEqual([
      'enforcement-powers.json row 2 (adjustment TZ-2024-01) field to: 2024-01-01 is before from 2024-03-01',
    ]);
  });
});
