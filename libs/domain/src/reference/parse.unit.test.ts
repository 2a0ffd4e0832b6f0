import dutyList from '../../data/duty-list.json';
import filterRules from '../../data/filter-rules.json';
import holidays from '../../data/holidays.json';
import knowledgeBase from '../../data/knowledge-base.json';
import policy from '../../data/policy.json';
import territory from '../../data/territory.json';
import units from '../../data/units.json';
import { ReferenceDataError } from './errors';
import { parseReferenceData, type RawReferenceFiles } from './parse';
import { sampleReferenceData } from './sample';

const sampleFiles = { territory, units, dutyList, holidays, policy, knowledgeBase, filterRules };
type Files = typeof sampleFiles;
const freshFiles = (): Files => structuredClone(sampleFiles);

/** Parses a fresh copy of the sample after `mutate` edits it; returns the error message. */
function errorAfter(mutate: (files: Files) => void): string {
  const files = freshFiles();
  mutate(files);
  try {
    parseReferenceData(files);
  } catch (e) {
    if (e instanceof ReferenceDataError) return e.message;
    throw e;
  }
  throw new Error('expected the data to be rejected');
}

describe('the shipped sample', () => {
  const ref = sampleReferenceData();

  it('has the size the issue asks for', () => {
    expect(ref.streets.length).toBeGreaterThanOrEqual(8);
    expect(ref.streets.some((s) => s.kind === 'township')).toBe(true);
    expect(ref.index.grids.size).toBeGreaterThanOrEqual(40);
    const handlers = ref.units.filter((u) => u.kind === 'department' || u.kind === 'enterprise');
    expect(handlers.length).toBeGreaterThanOrEqual(15);
    expect(ref.units.some((u) => u.kind === 'enterprise')).toBe(true);
    expect(ref.matterTypes.length).toBeGreaterThanOrEqual(80);
  });

  it('covers all six blocks and all three street roles, with whistle-list matters', () => {
    expect(new Set(ref.matterTypes.map((m) => m.block)).size).toBe(6);
    expect(new Set(ref.matterTypes.map((m) => m.streetRole))).toEqual(
      new Set(['lead', 'coordinate', 'assist']),
    );
    expect(ref.matterTypes.filter((m) => m.whistle).length).toBeGreaterThan(5);
  });

  it('names a lead unit exactly for the matters the street only assists', () => {
    for (const m of ref.matterTypes) {
      expect(m.leadUnitId !== null).toBe(m.streetRole === 'assist');
    }
  });

  it('records each file version and denormalises the territory', () => {
    expect(ref.versions.dutyList).toMatch(/^2026/);
    const grid = ref.index.grids.get('QYZ-02-1');
    expect(grid).toMatchObject({ communityId: 'QYZ-02', streetId: 'QYZ' });
    expect(ref.index.communities.get('QYZ-02')?.kind).toBe('village');
  });

  it('is parsed once and shared', () => {
    expect(sampleReferenceData()).toBe(ref);
  });
});

describe('bad data: one clear error naming file, row and field', () => {
  it('rejects a duty-list row naming an unknown unit', () => {
    const message = errorAfter((f) => {
      const row = f.dutyList.matterTypes.findIndex((m) => m.code === 'CG-031');
      f.dutyList.matterTypes[row].leadUnitId = 'ZJW-9';
    });
    const row = dutyList.matterTypes.findIndex((m) => m.code === 'CG-031') + 1;
    expect(message).toBe(
      `duty-list.json row ${row} (matter CG-031) field leadUnitId: unknown unit "ZJW-9"`,
    );
  });

  it('rejects an assisting unit that is a street', () => {
    expect(
      errorAfter((f) => {
        f.dutyList.matterTypes[0].assistingUnitIds = ['XHJD'];
      }),
    ).toBe(
      'duty-list.json row 1 (matter DQ-001) field assistingUnitIds[0]: unit "XHJD" is a street; expected department or enterprise',
    );
  });

  it('requires a lead unit when the street only assists', () => {
    const message = errorAfter((f) => {
      const row = f.dutyList.matterTypes.find((m) => m.code === 'MS-001');
      if (row) delete row.leadUnitId;
    });
    expect(message).toMatch(
      /^duty-list\.json row \d+ \(matter MS-001\) field leadUnitId: required when the street only assists/,
    );
  });

  it('reports shape errors with the zod message and the nested path', () => {
    const message = errorAfter((f) => {
      (
        f.territory.districts[0].streets[2].communities[1].grids[0].responsible.default as {
          name: unknown;
        }
      ).name = 42;
    });
    expect(message).toMatch(
      /^territory\.json row 1 \(district YC\) field streets\[2\]\.communities\[1\]\.grids\[0\]\.responsible\.default\.name: .*expected string/,
    );
  });

  it('rejects misspelt fields instead of ignoring them', () => {
    const message = errorAfter((f) => {
      (f.units.units[0] as Record<string, unknown>).rankd = false;
    });
    expect(message).toMatch(/^units\.json row 1 \(unit XHJD\): Unrecognized key/);
  });

  it('rejects duplicate place ids and street units without territory', () => {
    expect(
      errorAfter((f) => {
        f.territory.districts[0].streets[1].communities[0].grids[0].id = 'XHJD-01-1';
      }),
    ).toBe(
      'territory.json row 1 (district YC) field streets[1].communities[0].grids[0].id: duplicate place id "XHJD-01-1"',
    );
    expect(
      errorAfter((f) => {
        f.units.units.push({
          id: 'XJJD',
          kind: 'street',
          name: '新街街道办事处',
          level: 'street',
          districtId: 'YC',
        });
      }),
    ).toBe('territory.json field districts: unit "XJJD" (street) has no territory');
  });

  it('rejects an adjusted workday that is not a weekend', () => {
    expect(
      errorAfter((f) => {
        f.holidays.years[1].adjustedWorkdays[0].date = '2026-01-05';
      }),
    ).toBe(
      'holidays.json row 2 (year 2026) field adjustedWorkdays[0].date: 2026-01-05 is not a weekend day',
    );
  });

  it('rejects score weights that do not sum to 1', () => {
    expect(
      errorAfter((f) => {
        f.policy.scoring.weights.response = 0.25;
      }),
    ).toBe('policy.json field scoring.weights: weights must sum to 1 (got 0.95)');
  });

  it('rejects a day-based limit that is not whole days', () => {
    expect(
      errorAfter((f) => {
        f.policy.handling.general.amount = 7.5;
      }),
    ).toBe(
      'policy.json field handling.general.amount: naturalDays must be a whole number (got 7.5)',
    );
  });

  it('rejects a knowledge-base entry pointing at an unknown matter', () => {
    expect(
      errorAfter((f) => {
        f.knowledgeBase.entries[0].matterTypeCode = 'MS-999';
      }),
    ).toBe(
      'knowledge-base.json row 1 (entry KB-001) field matterTypeCode: unknown matter type "MS-999"',
    );
  });

  it('names a missing file and counts further problems', () => {
    const files: RawReferenceFiles = { ...freshFiles(), policy: undefined, filterRules: undefined };
    expect(() => parseReferenceData(files)).toThrow(
      /^policy\.json: Invalid input: expected object, received undefined \(and 1 more problems\)$/,
    );
  });

  it('lists every problem for the editor', () => {
    const files = freshFiles();
    files.dutyList.matterTypes[0].assistingUnitIds = ['NOPE'];
    files.dutyList.matterTypes[1].assistingUnitIds = ['NOPE'];
    try {
      parseReferenceData(files);
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ReferenceDataError);
      expect((e as ReferenceDataError).problems.map((p) => p.row)).toEqual([1, 2]);
    }
  });
});
