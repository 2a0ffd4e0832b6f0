/**
 * Checks that need more than one row or file: ids resolve, ids are unique, units have the kind
 * their use requires. Each returns problems instead of throwing so the editor sees them all.
 */
import type { ReferenceProblem } from './errors';
import type {
  CityTerritoryFile,
  DistrictTerritoryFile,
  DutyListFile,
  FilterRulesFile,
  KnowledgeBaseFile,
  TerritoryFile,
  UnitsFile,
} from './schemas';
import { REFERENCE_FILES, type ReferenceFileKey, type UnitKind, type UnitLevel } from './types';

export type Problems = ReferenceProblem[];

export function problemAt(
  key: ReferenceFileKey,
  rowIndex: number | null,
  rowLabel: string | null,
  field: string | null,
  message: string,
): ReferenceProblem {
  return {
    file: REFERENCE_FILES[key],
    row: rowIndex === null ? null : rowIndex + 1,
    rowLabel,
    field,
    message,
  };
}

type UnitKinds = ReadonlyMap<string, UnitKind>;
const HANDLING_KINDS: readonly UnitKind[] = ['department', 'enterprise'];

/** Rows whose id was seen before, as [index, id] pairs. */
function duplicates(ids: readonly string[]): [number, string][] {
  const seen = new Set<string>();
  const out: [number, string][] = [];
  ids.forEach((value, index) => {
    if (seen.has(value)) out.push([index, value]);
    seen.add(value);
  });
  return out;
}

export function checkUnits(file: UnitsFile): Problems {
  return duplicates(file.units.map((u) => u.id)).map(([i, id]) =>
    problemAt('units', i, `unit ${id}`, 'id', `duplicate unit id "${id}"`),
  );
}

/** One district of territory.json, with where its problems are reported. */
export interface TerritoryDistrict {
  readonly block: {
    readonly id: string;
    readonly name: string;
    readonly city: string;
    readonly supervisingUnitId: string;
    readonly fallbackUnitId: string;
  };
  readonly streets: DistrictTerritoryFile['streets'];
  /** Reports a problem at a field of the district (street null) or of one of its streets. */
  readonly at: (street: number | null, field: string, message: string) => ReferenceProblem;
}

export function isCityTerritory(file: TerritoryFile): file is CityTerritoryFile {
  return 'districts' in file;
}

/**
 * The districts of either shape. A city file reports rows by district (`row 2 (district LS)
 * field streets[1].communities[0].id`); a single-district file by street, as before.
 */
export function territoryDistricts(file: TerritoryFile): TerritoryDistrict[] {
  if (isCityTerritory(file)) {
    return file.districts.map(({ streets, ...block }, row) => ({
      block,
      streets,
      at: (street, field, message) =>
        problemAt(
          'territory',
          row,
          `district ${block.id}`,
          street === null ? field : `streets[${street}]${field ? `.${field}` : ''}`,
          message,
        ),
    }));
  }
  return [
    {
      block: file.district,
      streets: file.streets,
      at: (street, field, message) =>
        street === null
          ? problemAt('territory', null, null, `district.${field}`, message)
          : problemAt('territory', street, `street ${file.streets[street].id}`, field, message),
    },
  ];
}

/** A unit's level, district and role after defaults (a single-district file may omit them). */
export interface PlacedUnit {
  readonly level: UnitLevel;
  readonly districtId: string | null;
  readonly role: string;
}

export function placeUnit(unit: UnitsFile['units'][number], territory: TerritoryFile): PlacedUnit {
  const level =
    unit.level ?? (unit.kind === 'street' || unit.kind === 'township' ? 'street' : 'district');
  const soleDistrict = isCityTerritory(territory) ? undefined : territory.district.id;
  return {
    level,
    districtId: level === 'city' ? null : (unit.districtId ?? soleDistrict ?? null),
    role: unit.role ?? unit.id,
  };
}

/** Level, district and role of every unit, against the territory. */
export function checkUnitLevels(units: UnitsFile, territory: TerritoryFile): Problems {
  const problems: Problems = [];
  const city = isCityTerritory(territory);
  const districtIds = new Set(territoryDistricts(territory).map((d) => d.block.id));
  const byId = new Map(units.units.map((u) => [u.id, u]));
  const roleHolders = new Map<string, string>();
  units.units.forEach((unit, row) => {
    const at = (field: string, message: string) =>
      problems.push(problemAt('units', row, `unit ${unit.id}`, field, message));
    const placed = placeUnit(unit, territory);
    const local = unit.kind === 'street' || unit.kind === 'township';
    if (city && !unit.level) at('level', 'required in a city: "city", "district" or "street"');
    if (!city && unit.level === 'city')
      at('level', 'a single-district territory has no city level');
    if (local !== (placed.level === 'street')) {
      at(
        'level',
        local
          ? `a ${unit.kind} is at level "street"`
          : `a ${unit.kind} cannot be at level "street"`,
      );
    }
    if (placed.level === 'city' && unit.districtId !== undefined) {
      at('districtId', 'must be absent for a city-level unit');
    } else if (placed.level !== 'city') {
      if (placed.districtId === null) at('districtId', `required for a ${placed.level}-level unit`);
      else if (!districtIds.has(placed.districtId))
        at('districtId', `unknown district "${placed.districtId}"`);
    }
    if (unit.role !== undefined) {
      const named = byId.get(unit.role);
      if (!named) at('role', `unknown unit "${unit.role}"`);
      else if (named.role !== undefined && named.role !== named.id)
        at('role', `"${unit.role}" carries role "${named.role}" itself; name that role`);
      else if (named.kind !== unit.kind)
        at('role', `"${unit.role}" is a ${named.kind}; a ${unit.kind} cannot carry its duties`);
    }
    const key = `${placed.districtId ?? ''}/${placed.role}`;
    const holder = roleHolders.get(key);
    if (holder !== undefined) {
      const where = placed.districtId ? `district ${placed.districtId}` : 'the city';
      at('role', `${where} already has "${holder}" for role "${placed.role}"`);
    } else roleHolders.set(key, unit.id);
  });
  return problems;
}

export function checkTerritory(file: TerritoryFile, units: UnitsFile): Problems {
  const problems: Problems = [];
  const byId = new Map(units.units.map((u) => [u.id, u]));
  const kinds: UnitKinds = new Map(units.units.map((u) => [u.id, u.kind]));
  const placed = (unitId: string) => {
    const unit = byId.get(unitId);
    return unit ? placeUnit(unit, file) : undefined;
  };
  if (isCityTerritory(file)) {
    for (const field of ['centreUnitId', 'fallbackUnitId'] as const) {
      const unitId = file.city[field];
      const problem =
        kinds.get(unitId) !== 'department'
          ? unitProblem(unitId, kinds, ['department'])
          : placed(unitId)?.level !== 'city'
            ? `unit "${unitId}" is not a city-level unit`
            : null;
      if (problem) problems.push(problemAt('territory', null, null, `city.${field}`, problem));
    }
  }
  const seen = new Set<string>();
  const districtsSeen = new Set<string>();
  const streetsHeld = new Set<string>();
  for (const district of territoryDistricts(file)) {
    const { block } = district;
    const add = (street: number | null, field: string, message: string) =>
      problems.push(district.at(street, field, message));
    if (districtsSeen.has(block.id)) add(null, 'id', `duplicate district id "${block.id}"`);
    districtsSeen.add(block.id);
    for (const field of ['supervisingUnitId', 'fallbackUnitId'] as const) {
      const unitId = block[field];
      if (kinds.get(unitId) !== 'department') {
        add(null, field, unitProblem(unitId, kinds, ['department']));
      } else if (placed(unitId)?.districtId !== block.id) {
        add(null, field, `unit "${unitId}" does not belong to district ${block.id}`);
      }
    }
    district.streets.forEach((street, row) => {
      const at = (field: string, message: string) => add(row, field, message);
      streetsHeld.add(street.id);
      if (kinds.get(street.id) !== street.kind) {
        at('id', `needs a unit of kind "${street.kind}" with the same id in units.json`);
      } else if (placed(street.id)?.districtId !== block.id) {
        at(
          'id',
          `its unit in units.json belongs to district "${placed(street.id)?.districtId}", not ${block.id}`,
        );
      }
      const claim = (field: string, placeId: string) => {
        if (seen.has(placeId)) at(field, `duplicate place id "${placeId}"`);
        seen.add(placeId);
      };
      claim('id', street.id);
      street.communities.forEach((community, c) => {
        claim(`communities[${c}].id`, community.id);
        community.grids.forEach((grid, g) => claim(`communities[${c}].grids[${g}].id`, grid.id));
      });
    });
  }
  for (const [unitId, kind] of kinds) {
    if ((kind === 'street' || kind === 'township') && !streetsHeld.has(unitId)) {
      problems.push(
        problemAt(
          'territory',
          null,
          null,
          isCityTerritory(file) ? 'districts' : 'streets',
          `unit "${unitId}" (${kind}) has no territory`,
        ),
      );
    }
  }
  return problems;
}

function unitProblem(unitId: string, kinds: UnitKinds, allowed: readonly UnitKind[]): string {
  const kind = kinds.get(unitId);
  if (!kind) return `unknown unit "${unitId}"`;
  return `unit "${unitId}" is a ${kind}; expected ${allowed.join(' or ')}`;
}

const BLOCK_PREFIX = {
  party: 'DQ',
  safety: 'PA',
  urban: 'CG',
  community: 'SQ',
  livelihood: 'MS',
  support: 'ZB',
} as const;

export function checkDutyList(file: DutyListFile, kinds: UnitKinds): Problems {
  const problems: Problems = duplicates(file.matterTypes.map((m) => m.code)).map(([i, code]) =>
    problemAt('dutyList', i, `matter ${code}`, 'code', `duplicate matter code "${code}"`),
  );
  file.matterTypes.forEach((matter, row) => {
    const at = (field: string, message: string) =>
      problems.push(problemAt('dutyList', row, `matter ${matter.code}`, field, message));
    if (!matter.code.startsWith(`${BLOCK_PREFIX[matter.block]}-`)) {
      at('code', `block "${matter.block}" codes start with "${BLOCK_PREFIX[matter.block]}-"`);
    }
    if (matter.streetRole === 'assist' && !matter.leadUnitId) {
      at('leadUnitId', 'required when the street only assists (参与配合)');
    }
    if (matter.streetRole !== 'assist' && matter.leadUnitId) {
      at(
        'leadUnitId',
        `must be absent when the street's role is "${matter.streetRole}": the street leads`,
      );
    }
    if (matter.needsPlace === false && matter.streetRole !== 'assist') {
      at('needsPlace', 'only matters the street assists can be placeless');
    }
    if (matter.leadUnitId && !HANDLING_KINDS.includes(kinds.get(matter.leadUnitId) ?? 'street')) {
      at('leadUnitId', unitProblem(matter.leadUnitId, kinds, HANDLING_KINDS));
    }
    matter.assistingUnitIds.forEach((unitId, i) => {
      const field = `assistingUnitIds[${i}]`;
      if (!HANDLING_KINDS.includes(kinds.get(unitId) ?? 'street')) {
        at(field, unitProblem(unitId, kinds, HANDLING_KINDS));
      } else if (unitId === matter.leadUnitId) {
        at(field, `"${unitId}" is already the lead unit`);
      } else if (matter.assistingUnitIds.indexOf(unitId) !== i) {
        at(field, `"${unitId}" is listed twice`);
      }
    });
  });
  return problems;
}

export function checkKnowledgeBase(
  file: KnowledgeBaseFile,
  matterCodes: ReadonlySet<string>,
): Problems {
  const problems: Problems = duplicates(file.entries.map((e) => e.id)).map(([i, id]) =>
    problemAt('knowledgeBase', i, `entry ${id}`, 'id', `duplicate entry id "${id}"`),
  );
  file.entries.forEach((entry, row) => {
    if (entry.matterTypeCode !== null && !matterCodes.has(entry.matterTypeCode)) {
      problems.push(
        problemAt(
          'knowledgeBase',
          row,
          `entry ${entry.id}`,
          'matterTypeCode',
          `unknown matter type "${entry.matterTypeCode}"`,
        ),
      );
    }
  });
  return problems;
}

export function checkFilterRules(file: FilterRulesFile): Problems {
  return duplicates(file.rules.map((r) => r.id)).map(([i, id]) =>
    problemAt('filterRules', i, `rule ${id}`, 'id', `duplicate rule id "${id}"`),
  );
}
