import type { z } from 'zod';
import {
  checkDutyList,
  checkFilterRules,
  checkKnowledgeBase,
  checkTerritory,
  checkUnitLevels,
  checkUnits,
  isCityTerritory,
  placeUnit,
  problemAt,
  territoryDistricts,
  type Problems,
} from './cross-checks';
import { formatPath, ReferenceDataError, type ReferenceProblem } from './errors';
import { checkHolidays, checkPolicy } from './policy-checks';
import {
  cityTerritoryFile,
  districtTerritoryFile,
  dutyListFile,
  filterRulesFile,
  holidaysFile,
  knowledgeBaseFile,
  policyFile,
  ROW_ARRAYS,
  type TerritoryFile,
  unitsFile,
} from './schemas';
import type { District, ReferenceData, ReferenceFileKey, Street, Unit } from './types';

/** The raw content of each data file (parsed JSON), keyed like `REFERENCE_FILES`. */
export type RawReferenceFiles = Readonly<Record<ReferenceFileKey, unknown>>;

/**
 * Validates the data files and builds the reference data. Throws one `ReferenceDataError` whose
 * message names the file, row and field of the first problem, e.g.
 * `duty-list.json row 17 (matter CG-031) field leadUnitId: unknown unit "ZJW-9"`.
 */
export function parseReferenceData(raw: RawReferenceFiles): ReferenceData {
  const files = parseShapes(raw);
  const kinds = new Map(files.units.units.map((u) => [u.id, u.kind]));
  const matterCodes = new Set(files.dutyList.matterTypes.map((m) => m.code));
  const problems: Problems = [
    ...checkUnits(files.units),
    ...checkUnitLevels(files.units, files.territory),
    ...checkTerritory(files.territory, files.units),
    ...checkDutyList(files.dutyList, kinds),
    ...checkHolidays(files.holidays),
    ...checkPolicy(files.policy),
    ...checkKnowledgeBase(files.knowledgeBase, matterCodes),
    ...checkFilterRules(files.filterRules),
  ];
  if (problems.length > 0) throw new ReferenceDataError(problems);
  return build(files);
}

type ParsedFiles = ReturnType<typeof parseShapes>;

function parseShapes(raw: RawReferenceFiles) {
  const problems: ReferenceProblem[] = [];
  const parse = <T>(key: ReferenceFileKey, schema: z.ZodType<T>): T => {
    const result = schema.safeParse(raw[key]);
    if (!result.success) problems.push(...issuesToProblems(key, raw[key], result.error));
    // On failure the value is never used: we throw below.
    return result.data as T;
  };
  const files = {
    // A city file has `districts`; a single-district file (the shape before the city level) has not.
    territory: parse<TerritoryFile>(
      'territory',
      isCityShaped(raw.territory) ? cityTerritoryFile : districtTerritoryFile,
    ),
    units: parse('units', unitsFile),
    dutyList: parse('dutyList', dutyListFile),
    holidays: parse('holidays', holidaysFile),
    policy: parse('policy', policyFile),
    knowledgeBase: parse('knowledgeBase', knowledgeBaseFile),
    filterRules: parse('filterRules', filterRulesFile),
  };
  if (problems.length > 0) throw new ReferenceDataError(problems);
  return files;
}

function isCityShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'districts' in value;
}

const ROW_LABELS: Record<ReferenceFileKey, readonly [string, string] | null> = {
  territory: ['street', 'id'],
  units: ['unit', 'id'],
  dutyList: ['matter', 'code'],
  holidays: ['year', 'year'],
  policy: null,
  knowledgeBase: ['entry', 'id'],
  filterRules: ['rule', 'id'],
};

function issuesToProblems(key: ReferenceFileKey, value: unknown, error: z.ZodError): Problems {
  const city = key === 'territory' && isCityShaped(value);
  const rowArray = city ? 'districts' : ROW_ARRAYS[key];
  return error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (rowArray !== null && head === rowArray && typeof index === 'number') {
      const row = field(field(value, rowArray), index);
      const label = city ? districtLabel(row) : rowLabel(key, row);
      return problemAt(key, index, label, formatPath(rest), issue.message);
    }
    return problemAt(key, null, null, formatPath(issue.path), issue.message);
  });
}

function field(value: unknown, key: string | number): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function districtLabel(row: unknown): string | null {
  const id = field(row, 'id');
  return typeof id === 'string' ? `district ${id}` : null;
}

function rowLabel(key: ReferenceFileKey, row: unknown): string | null {
  const spec = ROW_LABELS[key];
  const id = spec ? field(row, spec[1]) : undefined;
  return spec && (typeof id === 'string' || typeof id === 'number') ? `${spec[0]} ${id}` : null;
}

function build(files: ParsedFiles): ReferenceData {
  const units: Unit[] = files.units.units.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name,
    ranked: u.ranked ?? true,
    ...placeUnit(u, files.territory),
  }));
  const territory = territoryDistricts(files.territory);
  const streets: Street[] = territory.flatMap(({ block, streets }) =>
    streets.map((s) => ({
      ...s,
      districtId: block.id,
      communities: s.communities.map((c) => ({
        ...c,
        streetId: s.id,
        districtId: block.id,
        grids: c.grids.map((g) => ({
          ...g,
          communityId: c.id,
          streetId: s.id,
          districtId: block.id,
        })),
      })),
    })),
  );
  const districts: District[] = territory.map(({ block, streets }) => ({
    ...block,
    streetIds: streets.map((s) => s.id),
  }));
  const city = isCityTerritory(files.territory) ? files.territory.city : null;
  const communities = streets.flatMap((s) => s.communities);
  const matterTypes = files.dutyList.matterTypes.map((m) => ({
    ...m,
    leadUnitId: m.leadUnitId ?? null,
    needsPlace: m.needsPlace ?? true,
  }));
  const { version: _p, description: _pd, ...policy } = files.policy;
  const { version: _f, description: _fd, ...filterRules } = files.filterRules;
  return {
    versions: {
      territory: files.territory.version,
      units: files.units.version,
      dutyList: files.dutyList.version,
      holidays: files.holidays.version,
      policy: files.policy.version,
      knowledgeBase: files.knowledgeBase.version,
      filterRules: files.filterRules.version,
    },
    city,
    districts,
    district: districts[0],
    streets,
    units,
    matterTypes,
    holidays: { years: files.holidays.years },
    policy,
    knowledgeBase: files.knowledgeBase.entries,
    filterRules,
    index: {
      units: new Map(units.map((u) => [u.id, u])),
      matterTypes: new Map(matterTypes.map((m) => [m.code, m])),
      streets: new Map(streets.map((s) => [s.id, s])),
      communities: new Map(communities.map((c) => [c.id, c])),
      grids: new Map(communities.flatMap((c) => c.grids).map((g) => [g.id, g])),
      districts: new Map(districts.map((d) => [d.id, d])),
      roles: new Map(units.map((u) => [roleKey(u.districtId, u.role), u])),
    },
  };
}

/** Key of `ReferenceIndex.roles`: `districtId/role`, or `/role` for a city-level unit. */
export function roleKey(districtId: string | null, role: string): string {
  return `${districtId ?? ''}/${role}`;
}
