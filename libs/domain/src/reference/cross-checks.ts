/**
 * Checks that need more than one row or file: ids resolve, ids are unique, units have the kind
 * their use requires. Each returns problems instead of throwing so the editor sees them all.
 */
import type { ReferenceProblem } from './errors';
import type {
  DutyListFile,
  FilterRulesFile,
  KnowledgeBaseFile,
  TerritoryFile,
  UnitsFile,
} from './schemas';
import { REFERENCE_FILES, type ReferenceFileKey, type UnitKind } from './types';

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

export function checkTerritory(file: TerritoryFile, kinds: UnitKinds): Problems {
  const problems: Problems = [];
  const { supervisingUnitId, fallbackUnitId } = file.district;
  for (const [field, unitId] of [
    ['district.supervisingUnitId', supervisingUnitId],
    ['district.fallbackUnitId', fallbackUnitId],
  ] as const) {
    if (kinds.get(unitId) !== 'department') {
      problems.push(
        problemAt('territory', null, null, field, unitProblem(unitId, kinds, ['department'])),
      );
    }
  }
  const seen = new Set<string>();
  file.streets.forEach((street, row) => {
    const label = `street ${street.id}`;
    const at = (field: string, message: string) =>
      problems.push(problemAt('territory', row, label, field, message));
    if (kinds.get(street.id) !== street.kind) {
      at('id', `needs a unit of kind "${street.kind}" with the same id in units.json`);
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
  for (const [unitId, kind] of kinds) {
    if ((kind === 'street' || kind === 'township') && !file.streets.some((s) => s.id === unitId)) {
      problems.push(
        problemAt(
          'territory',
          null,
          null,
          'streets',
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
