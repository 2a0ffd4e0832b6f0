/**
 * Three-level dispatch (市级 → 区级 → 街乡, docs/domain.md step 3 for a whole city).
 *
 * The city's 12345 centre takes calls for every district and dispatches directly (市级直派) to a
 * street/township or a department of the place's district, or to a city-level department or
 * enterprise for city-wide matters (the subway; a utility network the district has no branch
 * of). A district centre takes and dispatches its own district's calls only. The place's
 * district centre is copied to supervise (区级督办); a city-level lead is supervised by the city
 * centre. The duty list names units by 云川区's ids ("roles"); each district's carrier of a role
 * is found with `unitForRole` (its own unit, else the city's).
 *
 * A matter covered by an enforcement power devolved to streets (执法职权清单) and in force on
 * the order's day goes to the street's comprehensive enforcement team (综合执法队, the street
 * unit acting in its own name), with the department that held the power as professional
 * support (专业支撑, first assisting unit).
 *
 * Returns, arbitration and escalation go to the right level: candidates never include a unit
 * that returned the order; arbitration is the district centre's when everyone involved belongs
 * to one district, the city centre's otherwise (a city unit, or units of two districts); a
 * street escalates to its district centre, a district unit to the city centre. A matter pushed
 * back down to a street that has no duty for it, without a reason, is flagged (自上而下派回街道).
 */
import { districtById, unitForRole } from '../reference/city';
import { resolvePlace } from '../reference/place';
import type {
  District,
  IsoDate,
  MatterType,
  Person,
  ReferenceData,
  Street,
  UnitLevel,
} from '../reference/types';
import { roleKey } from '../reference/parse';
import { meaningfulLength } from '../shared/keywords';
import { devolvedPowerFor, type EnforcementPowerList } from '../enforcement/powers';
import type { ReturnHistory, RoutingRequest } from './types';

/** Who took the call: the city's 12345 centre, or a district's centre. */
export type TakingCentre =
  { readonly level: 'city' } | { readonly level: 'district'; readonly districtId: string };

export interface CityRoutingRequest extends RoutingRequest {
  readonly takenBy: TakingCentre;
  /** The order's day (Asia/Shanghai, `shanghaiDate(receivedAt)`): powers in force that day apply. */
  readonly day: IsoDate;
}

/** The data city routing reads: the reference data and the devolved powers (none: null). */
export interface CityRoutingContext {
  readonly ref: ReferenceData;
  readonly powers: EnforcementPowerList | null;
}

/** The street's team enforces a devolved power; the former department supports. */
export interface DevolvedEnforcement {
  readonly powerId: string;
  readonly powerName: string;
  /** The street or township whose team enforces (the place's street). */
  readonly streetId: string;
  /** e.g. 星湖街道综合执法队 */
  readonly teamName: string;
  /** The district's carrier of the power's former department; null if the district has none. */
  readonly supportUnitId: string | null;
}

export type CityRoutingDecision =
  | {
      readonly kind: 'dispatch';
      readonly matterTypeCode: string;
      /** 主办: exactly one. */
      readonly leadUnitId: string;
      /** The lead's level: a street, a district unit, or a city-level unit (city-wide matter). */
      readonly leadLevel: UnitLevel;
      /** 协办: professional support first, then the street, then the duty list's units. */
      readonly assistingUnitIds: readonly string[];
      /**
       * Copied to supervise: the district centre that took the call; for a call taken by the city
       * centre, the place's district centre, or the city centre itself for a city-level lead.
       */
      readonly supervisingUnitIds: readonly string[];
      /** The centre that dispatches (the one that took the call). */
      readonly dispatchedByUnitId: string;
      /** The place's district (null: none known, a city-wide placeless matter). */
      readonly districtId: string | null;
      readonly enforcement: DevolvedEnforcement | null;
      readonly gridResponsible: Person | null;
      readonly rule: string;
    }
  | {
      readonly kind: 'manual';
      readonly code: 'no_rule' | 'unknown_place' | 'place_conflict' | 'outside_district';
      readonly reason: string;
    }
  | {
      readonly kind: 'arbitration';
      readonly reason: string;
      readonly returnCount: number;
      readonly candidateUnitIds: readonly string[];
      /** Who decides (争议裁定): the district centre, or the city centre across levels/districts. */
      readonly arbiterUnitId: string;
      readonly arbiterLevel: 'city' | 'district';
    };

const NO_RETURNS: ReturnHistory = { returnedByUnitIds: [], returnCount: 0 };

/** The centre unit of a taking centre (the city's 12345 centre or the district's). */
export function centreUnitId(takenBy: TakingCentre, ref: ReferenceData): string {
  if (takenBy.level === 'district') return districtById(ref, takenBy.districtId).supervisingUnitId;
  if (!ref.city) throw new RangeError('This reference data has no city level (no city centre)');
  return ref.city.centreUnitId;
}

/**
 * 执法职权下放: the street's comprehensive enforcement team (综合执法队) enforces the matter when a
 * power devolved to streets covers it on `day`, with the district's carrier of the power's former
 * department as professional support; null when no power in force covers it.
 */
export function devolvedEnforcement(
  ctx: CityRoutingContext,
  matterTypeCode: string,
  street: Street,
  day: IsoDate,
): DevolvedEnforcement | null {
  const power = ctx.powers ? devolvedPowerFor(ctx.powers, matterTypeCode, day) : null;
  if (!power) return null;
  return {
    powerId: power.power.id,
    powerName: power.power.name,
    streetId: street.id,
    teamName: `${street.name}综合执法队`,
    supportUnitId: unitForRole(ctx.ref, power.power.supportRole, street.districtId)?.id ?? null,
  };
}

export function routeCityOrder(
  request: CityRoutingRequest,
  ctx: CityRoutingContext,
  returns: ReturnHistory = NO_RETURNS,
): CityRoutingDecision {
  const { ref } = ctx;
  const dispatchedByUnitId = centreUnitId(request.takenBy, ref);
  const matter = ref.index.matterTypes.get(request.matterTypeCode);
  if (!matter) {
    return manual('no_rule', `派单目录中没有事项“${request.matterTypeCode}”，转热线中心人工派单`);
  }
  const place = resolvePlace(request, ref);
  if (place.kind !== 'resolved') {
    return manual(
      place.kind === 'unknown' ? 'unknown_place' : 'place_conflict',
      `${place.explanation}，转热线中心人工派单`,
    );
  }
  const taken =
    request.takenBy.level === 'district' ? districtById(ref, request.takenBy.districtId) : null;
  const street = place.street;
  if (taken && street && street.districtId !== taken.id) {
    const other = ref.index.districts.get(street.districtId);
    return manual(
      'outside_district',
      `${street.name}属于${other?.name ?? street.districtId}，不在${taken.name}辖区，转市级热线中心派单`,
    );
  }
  const district = street ? districtById(ref, street.districtId) : taken;
  const carrier = (role: string): string | null =>
    district ? (unitForRole(ref, role, district.id)?.id ?? null) : cityCarrier(role, ref);
  const fallback =
    district?.fallbackUnitId ?? ref.city?.fallbackUnitId ?? ref.district.fallbackUnitId;

  const enforcement = street ? devolvedEnforcement(ctx, matter.code, street, request.day) : null;
  const dutyLead = matter.leadUnitId ? carrier(matter.leadUnitId) : null;
  const natural = enforcement
    ? street?.id
    : matter.leadUnitId
      ? dutyLead
      : (street?.id ?? fallback);
  const dutyAssisting = matter.assistingUnitIds.map(carrier);
  const returned = new Set(returns.returnedByUnitIds);
  const candidates = unique([
    natural,
    enforcement?.supportUnitId,
    enforcement ? dutyLead : null,
    ...dutyAssisting,
    fallback,
  ]);
  const available = candidates.filter((id) => !returned.has(id));
  const returnCount = Math.max(returns.returnCount, returned.size);
  const arbiter = () => arbiterFor([...candidates, ...returned], district, ref);
  if (returnCount >= ref.policy.returns.maxBeforeArbitration) {
    return {
      kind: 'arbitration',
      reason: `已退单${returnCount}次，达到上限，提交争议裁定（裁定为最终决定）`,
      returnCount,
      candidateUnitIds: available,
      ...arbiter(),
    };
  }
  const [leadUnitId] = available;
  if (!leadUnitId) {
    return {
      kind: 'arbitration',
      reason: '有职责的单位均已退单，提交争议裁定',
      returnCount,
      candidateUnitIds: available,
      ...arbiter(),
    };
  }
  const assistingUnitIds = unique([
    enforcement?.supportUnitId,
    street?.id,
    enforcement ? dutyLead : null,
    ...dutyAssisting,
  ]).filter((id) => id !== leadUnitId && !returned.has(id));
  const lead = ref.index.units.get(leadUnitId);
  const leadLevel: UnitLevel = lead?.level ?? 'district';
  // A district centre supervises what it dispatches; the city centre copies the place's district
  // centre, and supervises a city-level lead (or a matter with no district) itself.
  const supervisor = taken
    ? taken.supervisingUnitId
    : leadLevel === 'city' || !district
      ? ref.city?.centreUnitId
      : district.supervisingUnitId;
  const supervisingUnitIds = unique([supervisor]).filter((id) => id !== leadUnitId);
  return {
    kind: 'dispatch',
    matterTypeCode: matter.code,
    leadUnitId,
    leadLevel,
    assistingUnitIds,
    supervisingUnitIds,
    dispatchedByUnitId,
    districtId: district?.id ?? null,
    enforcement,
    gridResponsible: place.grid
      ? (place.grid.responsible.byBlock[matter.block] ?? place.grid.responsible.default)
      : null,
    rule: describe({
      matter,
      street,
      district,
      leadUnitId,
      natural: natural ?? null,
      dutyLeadMissing: matter.leadUnitId !== null && dutyLead === null,
      fallback,
      assistingUnitIds,
      supervisingUnitIds,
      returned,
      enforcement,
      takenByCity: request.takenBy.level === 'city',
      ref,
    }),
  };
}

/** The city-level carrier of a role, for a matter with no district (placeless, at the city centre). */
function cityCarrier(role: string, ref: ReferenceData): string | null {
  const city = ref.index.roles.get(roleKey(null, role));
  if (city) return city.id;
  const named = ref.index.units.get(role);
  return named?.level === 'city' ? named.id : null;
}

/**
 * Who arbitrates a dispute among these units (争议裁定): the district centre when all of them
 * belong to one district, the city centre when a city-level unit or a second district is
 * involved (or no district is known). Without a city level, the only district's centre.
 */
export function arbiterFor(
  unitIds: Iterable<string>,
  district: District | null,
  ref: ReferenceData,
): { readonly arbiterUnitId: string; readonly arbiterLevel: 'city' | 'district' } {
  const districts = new Set<string | null>();
  for (const id of unitIds) {
    const unit = ref.index.units.get(id);
    if (unit && unit.id !== ref.city?.centreUnitId) districts.add(unit.districtId);
  }
  const only = districts.size === 1 ? [...districts][0] : undefined;
  const one = only
    ? ref.index.districts.get(only)
    : district && districts.size === 0
      ? district
      : null;
  if (one || !ref.city) {
    return { arbiterUnitId: (one ?? ref.district).supervisingUnitId, arbiterLevel: 'district' };
  }
  return { arbiterUnitId: ref.city.centreUnitId, arbiterLevel: 'city' };
}

/** Where a unit escalates what it cannot solve (上报): a street to its district centre, a district unit to the city. */
export interface Escalation {
  readonly toUnitId: string;
  readonly level: 'city' | 'district';
  readonly explanation: string;
}

export function escalationTarget(unitId: string, ref: ReferenceData): Escalation | null {
  const unit = ref.index.units.get(unitId);
  if (!unit) throw new RangeError(`Unknown unit "${unitId}"`);
  const district = unit.districtId ? ref.index.districts.get(unit.districtId) : undefined;
  const name = (id: string) => ref.index.units.get(id)?.name ?? id;
  if (unit.level === 'street' && district) {
    return {
      toUnitId: district.supervisingUnitId,
      level: 'district',
      explanation: `${unit.name}解决不了的复杂问题上报${name(district.supervisingUnitId)}，由区级统筹协调`,
    };
  }
  if (!ref.city || unit.id === ref.city.centreUnitId) return null;
  return {
    toUnitId: ref.city.centreUnitId,
    level: 'city',
    explanation: `${unit.name}${unit.level === 'city' ? '' : '（区级）'}解决不了的问题上报${name(ref.city.centreUnitId)}，由市级统筹协调`,
  };
}

export interface PushDownRequest {
  readonly matterTypeCode: string;
  /** The unit or centre sending the matter down. */
  readonly fromUnitId: string;
  /** The street or township receiving it. */
  readonly toUnitId: string;
  /** The order's day, for devolved powers. */
  readonly day: IsoDate;
  /** The sender's reason (empty: none). */
  readonly reason: string;
}

export type PushDownCheck =
  | {
      readonly flagged: false;
      readonly code: 'not_downward' | 'street_duty' | 'reasoned';
      readonly explanation: string;
    }
  | {
      readonly flagged: true;
      readonly code: 'pushed_down_without_reason';
      readonly explanation: string;
    };

/**
 * 自上而下派回街道: a district or city unit sends a matter down to a street. Not flagged when the
 * street has the duty (it leads or coordinates the matter, or enforces it under a devolved power
 * in force) or the sender gives a reason of at least `policy.returns.minSupportingChars`
 * meaningful characters; flagged otherwise, so the centre can review it (难事推给街道).
 */
export function checkPushDown(request: PushDownRequest, ctx: CityRoutingContext): PushDownCheck {
  const { ref } = ctx;
  const from = ref.index.units.get(request.fromUnitId);
  const to = ref.index.units.get(request.toUnitId);
  const matter = ref.index.matterTypes.get(request.matterTypeCode);
  if (!from) throw new RangeError(`Unknown unit "${request.fromUnitId}"`);
  if (!to) throw new RangeError(`Unknown unit "${request.toUnitId}"`);
  if (!matter) throw new RangeError(`Unknown matter type "${request.matterTypeCode}"`);
  if (to.level !== 'street' || from.level === 'street') {
    return {
      flagged: false,
      code: 'not_downward',
      explanation: `${from.name}→${to.name}不是向街乡下派`,
    };
  }
  const power = ctx.powers ? devolvedPowerFor(ctx.powers, matter.code, request.day) : null;
  if (matter.streetRole !== 'assist' || power) {
    const duty = power ? `执法职权已下放街乡（${power.power.name}）` : streetDutyWords(matter);
    return {
      flagged: false,
      code: 'street_duty',
      explanation: `${matter.code} ${matter.name}：${duty}`,
    };
  }
  if (meaningfulLength(request.reason) >= ref.policy.returns.minSupportingChars) {
    return {
      flagged: false,
      code: 'reasoned',
      explanation: `${from.name}派回${to.name}，理由：${request.reason.trim()}`,
    };
  }
  return {
    flagged: true,
    code: 'pushed_down_without_reason',
    explanation: `自上而下派回街道：${from.name}将${matter.code} ${matter.name}派回${to.name}，该事项街道只参与配合，且未说明理由`,
  };
}

function streetDutyWords(matter: MatterType): string {
  return matter.streetRole === 'lead' ? '街道负责' : '街道组织协调';
}

const ROLE_WORDS = {
  lead: '街道负责',
  coordinate: '街道组织协调',
  assist: '街道参与配合',
} as const;

interface RuleParts {
  readonly matter: MatterType;
  readonly street: Street | null;
  readonly district: District | null;
  readonly leadUnitId: string;
  readonly natural: string | null;
  readonly dutyLeadMissing: boolean;
  readonly fallback: string;
  readonly assistingUnitIds: readonly string[];
  readonly supervisingUnitIds: readonly string[];
  readonly returned: ReadonlySet<string>;
  readonly enforcement: DevolvedEnforcement | null;
  readonly takenByCity: boolean;
  readonly ref: ReferenceData;
}

function describe(p: RuleParts): string {
  const name = (id: string) => p.ref.index.units.get(id)?.name ?? id;
  const parts = [`${p.matter.code} ${p.matter.name}：${ROLE_WORDS[p.matter.streetRole]}`];
  if (p.takenByCity) parts.push(p.district ? `市级直派${p.district.name}` : '市级直派');
  if (p.enforcement) {
    parts.push(
      `执法职权已下放街乡（${p.enforcement.powerId} ${p.enforcement.powerName}），由${p.enforcement.teamName}办理`,
    );
  }
  if (p.dutyLeadMissing)
    parts.push(`${p.district?.name ?? '本市'}无承担${p.matter.leadUnitId}职责的单位`);
  if (p.returned.size > 0) parts.push(`${[...p.returned].map(name).join('、')}已退单，不再派回`);
  if (p.leadUnitId === p.fallback && p.leadUnitId !== p.natural) {
    parts.push(`其余单位均已退单或无承担单位，由${name(p.leadUnitId)}兜底`);
  } else if (p.leadUnitId === p.fallback && !p.street) {
    parts.push(`属地不明，由${name(p.leadUnitId)}兜底`);
  }
  parts.push(`${name(p.leadUnitId)}主办`);
  if (p.assistingUnitIds.length > 0) parts.push(`${p.assistingUnitIds.map(name).join('、')}协办`);
  if (p.enforcement?.supportUnitId && p.assistingUnitIds.includes(p.enforcement.supportUnitId)) {
    parts.push(`${name(p.enforcement.supportUnitId)}专业支撑`);
  }
  for (const id of p.supervisingUnitIds) parts.push(`${name(id)}督办`);
  return parts.join('；');
}

function unique(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

function manual(
  code: Extract<CityRoutingDecision, { kind: 'manual' }>['code'],
  reason: string,
): CityRoutingDecision {
  return { kind: 'manual', code, reason };
}
