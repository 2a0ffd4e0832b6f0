import dutyList from '../../data/duty-list.json';
import filterRules from '../../data/filter-rules.json';
import holidays from '../../data/holidays.json';
import knowledgeBase from '../../data/knowledge-base.json';
import policy from '../../data/policy.json';
import territory from '../../data/territory.json';
import units from '../../data/units.json';
import {
  cityUnits,
  districtById,
  districtOfUnit,
  districtCentreOfStreet,
  districtReferenceData,
  streetsOfDistrict,
  unitForRole,
  unitsOfDistrict,
  viewForStreet,
} from './city';
import { ReferenceDataError } from './errors';
import { loadCityReferenceData, loadReferenceData } from './load';
import { parseReferenceData } from './parse';
import { sampleCityReferenceData, sampleReferenceData } from './sample';

const sampleFiles = { territory, units, dutyList, holidays, policy, knowledgeBase, filterRules };
type Files = typeof sampleFiles;

function errorsAfter(mutate: (files: Files) => void): string[] {
  const files = structuredClone(sampleFiles);
  mutate(files);
  try {
    parseReferenceData(files);
  } catch (e) {
    if (e instanceof ReferenceDataError) return e.problems.map((p) => formatted(p));
    throw e;
  }
  throw new Error('expected the data to be rejected');
}

function formatted(p: ReferenceDataError['problems'][number]): string {
  const row = p.row === null ? '' : ` row ${p.row}${p.rowLabel ? ` (${p.rowLabel})` : ''}`;
  return `${p.file}${row}${p.field ? ` field ${p.field}` : ''}: ${p.message}`;
}

/** The data as it was written before the city level: 云川区 alone, units without levels. */
function singleDistrictFiles() {
  const { streets, ...district } = territory.districts[0];
  return {
    ...sampleFiles,
    // The subway (a city-level enterprise) came with the city level.
    dutyList: {
      ...dutyList,
      matterTypes: dutyList.matterTypes.filter((m) => m.leadUnitId !== 'BJ-DT'),
    },
    territory: { version: territory.version, district, streets },
    units: {
      version: units.version,
      units: units.units
        .filter((u) => u.districtId === 'YC')
        .map(({ level: _l, districtId: _d, ...u }) => u),
    },
  };
}

describe('the sample city', () => {
  const city = sampleCityReferenceData();

  it('has a city level with its centre and three districts, 云川区 first', () => {
    expect(city.city).toEqual({
      id: 'BJ',
      name: '北京市',
      centreUnitId: 'BJ-RXZX',
      fallbackUnitId: 'BJ-RXZX',
    });
    expect(city.districts.map((d) => d.id)).toEqual(['YC', 'LS', 'HX']);
    expect(city.district.id).toBe('YC');
    for (const d of city.districts) {
      expect(streetsOfDistrict(city, d.id).length).toBeGreaterThanOrEqual(3);
      expect(districtById(city, d.id).supervisingUnitId).toBe(
        d.id === 'YC' ? 'ZHZX' : `${d.id}-ZHZX`,
      );
    }
    expect(() => districtById(city, 'XX')).toThrow('Unknown district "XX"; known: YC, LS, HX');
  });

  it('gives every unit its level and district, and every place its district', () => {
    expect(city.index.units.get('XHJD')).toMatchObject({ level: 'street', districtId: 'YC' });
    expect(city.index.units.get('CGW')).toMatchObject({ level: 'district', districtId: 'YC' });
    expect(city.index.units.get('BJ-DT')).toMatchObject({ level: 'city', districtId: null });
    expect(city.index.grids.get('LS-JMJD-01-1')).toMatchObject({
      communityId: 'LS-JMJD-01',
      streetId: 'LS-JMJD',
      districtId: 'LS',
    });
    for (const street of city.streets) {
      expect(city.index.units.get(street.id)?.districtId).toBe(street.districtId);
    }
    expect(districtOfUnit(city, 'HX-CGW')?.name).toBe('禾溪区');
    expect(districtOfUnit(city, 'BJ-DT')).toBeNull();
    expect(cityUnits(city).map((u) => u.kind)).toContain('enterprise');
    expect(cityUnits(city).find((u) => u.id === 'BJ-RXZX')?.ranked).toBe(false);
  });

  it('finds the unit carrying a duty-list role in each district, the city where none', () => {
    expect(unitForRole(city, 'CGW', 'YC')?.id).toBe('CGW');
    expect(unitForRole(city, 'CGW', 'LS')?.id).toBe('LS-CGW');
    expect(unitForRole(city, 'ZLS', 'YC')?.id).toBe('ZLS');
    expect(unitForRole(city, 'ZLS', 'HX')?.id).toBe('BJ-ZLS');
    expect(unitForRole(city, 'BJ-DT', 'LS')?.id).toBe('BJ-DT');
    expect(unitForRole(city, 'NYNCJ', 'LS')).toBeNull();
    // Every unit the duty list names has a carrier in 禾溪区 (its own or the city's).
    const roles = new Set(
      city.matterTypes.flatMap((m) => [m.leadUnitId ?? [], ...m.assistingUnitIds].flat()),
    );
    for (const role of roles) {
      expect(unitForRole(city, role, 'HX')).not.toBeNull();
    }
    expect(unitsOfDistrict(city, 'LS').every((u) => u.districtId === 'LS')).toBe(true);
  });

  it('is offered by name', () => {
    expect(loadReferenceData('sample-city')).toBe(city);
    expect(loadReferenceData('sample-district')).toBe(sampleReferenceData());
  });
});

describe('a district view', () => {
  const city = sampleCityReferenceData();

  it('of 云川区 is the data as it was before the city level (ids, units, rankings)', () => {
    const before = parseReferenceData(singleDistrictFiles());
    const view = sampleReferenceData();
    expect(before.city).toBeNull();
    expect(view.district).toEqual(before.district);
    expect(view.streets).toEqual(before.streets);
    expect([...view.index.grids.keys()]).toEqual([...before.index.grids.keys()]);
    // The same units, ranked as before; the city-level units come on top, unranked here.
    const ranked = (us: typeof view.units) => us.filter((u) => u.ranked).map((u) => u.id);
    expect(ranked(view.units)).toEqual(ranked(before.units));
    expect(view.units.filter((u) => u.level !== 'city')).toEqual(before.units);
    expect(view.units.filter((u) => u.level === 'city').every((u) => !u.ranked)).toBe(true);
  });

  it('of another district holds its own streets and units only', () => {
    const view = districtReferenceData(city, 'HX');
    expect(view.district.name).toBe('禾溪区');
    expect(view.streets.every((s) => s.districtId === 'HX')).toBe(true);
    expect(view.index.streets.has('XHJD')).toBe(false);
    expect(view.index.units.has('CGW')).toBe(false);
    expect(view.index.units.has('HX-CGW')).toBe(true);
    expect(unitForRole(view, 'ZLS', 'HX')?.id).toBe('BJ-ZLS');
  });
});

describe('a single-district file (the shape before the city level)', () => {
  it('still parses, its units placed in the district by their kind', () => {
    const ref = parseReferenceData(singleDistrictFiles());
    expect(ref.districts.map((d) => d.id)).toEqual(['YC']);
    expect(ref.index.units.get('QYZ')).toMatchObject({ level: 'street', districtId: 'YC' });
    expect(ref.index.units.get('ZLS')).toMatchObject({
      level: 'district',
      districtId: 'YC',
      role: 'ZLS',
    });
  });
});

describe('bad city data: errors name file, row and field', () => {
  it('requires a level and a known district on every unit of a city', () => {
    expect(
      errorsAfter((f) => {
        const u = f.units.units[40] as Record<string, unknown>;
        delete u.level;
        f.units.units[0].districtId = 'XX';
      }),
    ).toEqual([
      'units.json row 1 (unit XHJD) field districtId: unknown district "XX"',
      `units.json row 41 (unit ${f(40)}) field level: required in a city: "city", "district" or "street"`,
      'territory.json row 1 (district YC) field streets[0].id: its unit in units.json belongs to district "XX", not YC',
    ]);
  });

  it('rejects a street unit at the wrong level and a city unit with a district', () => {
    expect(
      errorsAfter((f) => {
        f.units.units[1].level = 'district';
        (f.units.units.find((u) => u.id === 'BJ-DT') as Record<string, unknown>).districtId = 'YC';
      }),
    ).toEqual([
      'units.json row 2 (unit LYJD) field level: a street is at level "street"',
      `units.json row ${row('BJ-DT')} (unit BJ-DT) field districtId: must be absent for a city-level unit`,
    ]);
  });

  it('rejects unknown roles and two units carrying one role in a district', () => {
    expect(
      errorsAfter((f) => {
        (f.units.units.find((u) => u.id === 'LS-SJJ') as Record<string, unknown>).role = 'CGW';
        (f.units.units.find((u) => u.id === 'HX-SJJ') as Record<string, unknown>).role = 'NOPE';
      }),
    ).toEqual([
      `units.json row ${row('LS-SJJ')} (unit LS-SJJ) field role: district LS already has "LS-CGW" for role "CGW"`,
      `units.json row ${row('HX-SJJ')} (unit HX-SJJ) field role: unknown unit "NOPE"`,
    ]);
  });

  it('checks the centres: the city centre is a city unit, a district centre its own', () => {
    expect(
      errorsAfter((f) => {
        f.territory.city.centreUnitId = 'ZHZX';
        f.territory.districts[1].supervisingUnitId = 'HX-ZHZX';
      }),
    ).toEqual([
      'territory.json field city.centreUnitId: unit "ZHZX" is not a city-level unit',
      'territory.json row 2 (district LS) field supervisingUnitId: unit "HX-ZHZX" does not belong to district LS',
    ]);
  });

  it('reports shape errors by district row', () => {
    expect(
      errorsAfter((f) => {
        (f.territory.districts[2].streets[0] as Record<string, unknown>).kind = 'village';
      })[0],
    ).toMatch(/^territory\.json row 3 \(district HX\) field streets\[0\]\.kind: /);
  });
});

function f(index: number): string {
  return units.units[index].id;
}

function row(id: string): number {
  return units.units.findIndex((u) => u.id === id) + 1;
}

describe('a street answered from the data that knows it (whistles of every district)', () => {
  const view = sampleReferenceData();
  const city = sampleCityReferenceData();

  it('answers 云川区 from its own view, other districts from the city, unknown streets with null', () => {
    expect(viewForStreet(view, city, 'XHJD')).toBe(view);
    expect(viewForStreet(view, city, 'LS-JMJD')).toBe(city);
    expect(viewForStreet(view, city, 'ZZ-NONE')).toBeNull();
  });

  it('names the centre of the street’s own district', () => {
    expect(districtCentreOfStreet(view, city, 'XHJD')).toBe('ZHZX');
    expect(districtCentreOfStreet(view, city, 'LS-JMJD')).toBe('LS-ZHZX');
    expect(districtCentreOfStreet(view, city, 'HX-XKJD')).toBe('HX-ZHZX');
    expect(districtCentreOfStreet(view, city, 'ZZ-NONE')).toBeNull();
  });

  it('loads the whole city of a named set (a district’s view: its city)', () => {
    expect(loadCityReferenceData('sample-district')).toBe(city);
    expect(loadCityReferenceData('sample-city')).toBe(city);
    expect(() => loadCityReferenceData('nowhere')).toThrow(/Unknown reference data "nowhere"/);
  });
});
