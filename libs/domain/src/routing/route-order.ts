/**
 * Dispatch (派单, docs/domain.md step 3) and re-dispatch after returns (step 4).
 *
 * The lead is the first available unit of a candidate list: the street (or, with no place, the
 * district's fallback unit, 兜底) when the street leads or coordinates; the named lead unit when the
 * street only assists; then the matter's assisting units in the duty list's order; the district's
 * fallback last. Units that returned the order are never candidates again.
 */
import { resolvePlace, type ResolvedPlace } from '../reference/place';
import type { MatterType, Person, ReferenceData, Street } from '../reference/types';
import type { ReturnHistory, RoutingDecision, RoutingRequest } from './types';

const NO_RETURNS: ReturnHistory = { returnedByUnitIds: [], returnCount: 0 };

export function routeOrder(
  request: RoutingRequest,
  ref: ReferenceData,
  returns: ReturnHistory = NO_RETURNS,
): RoutingDecision {
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
  const returned = new Set(returns.returnedByUnitIds);
  const available = leadCandidates(matter, place.street, ref).filter((id) => !returned.has(id));
  const returnCount = Math.max(returns.returnCount, returned.size);
  if (returnCount >= ref.policy.returns.maxBeforeArbitration) {
    return arbitration(
      `已退单${returnCount}次，达到上限，提交争议裁定（中心裁定为最终决定）`,
      returnCount,
      available,
    );
  }
  const [leadUnitId] = available;
  if (!leadUnitId) return arbitration('有职责的单位均已退单，提交争议裁定', returnCount, available);
  const assistingUnitIds = unique([place.street?.id, ...matter.assistingUnitIds]).filter(
    (id) => id !== leadUnitId && !returned.has(id),
  );
  return {
    kind: 'dispatch',
    matterTypeCode: matter.code,
    leadUnitId,
    assistingUnitIds,
    supervisingUnitIds: [ref.district.supervisingUnitId].filter((id) => id !== leadUnitId),
    gridResponsible: gridPerson(place, matter),
    rule: describeRule(matter, place.street, leadUnitId, assistingUnitIds, returned, ref),
  };
}

function leadCandidates(matter: MatterType, street: Street | null, ref: ReferenceData): string[] {
  const natural = matter.leadUnitId ?? street?.id ?? ref.district.fallbackUnitId;
  return unique([natural, ...matter.assistingUnitIds, ref.district.fallbackUnitId]);
}

function gridPerson(place: ResolvedPlace, matter: MatterType): Person | null {
  if (place.kind !== 'resolved' || !place.grid) return null;
  return place.grid.responsible.byBlock[matter.block] ?? place.grid.responsible.default;
}

const ROLE_WORDS = {
  lead: '街道负责',
  coordinate: '街道组织协调',
  assist: '街道参与配合',
} as const;

function describeRule(
  matter: MatterType,
  street: Street | null,
  leadUnitId: string,
  assistingUnitIds: readonly string[],
  returned: ReadonlySet<string>,
  ref: ReferenceData,
): string {
  const name = (id: string) => ref.index.units.get(id)?.name ?? id;
  const parts = [`${matter.code} ${matter.name}：${ROLE_WORDS[matter.streetRole]}`];
  if (returned.size > 0) parts.push(`${[...returned].map(name).join('、')}已退单，不再派回`);
  if (leadUnitId === ref.district.fallbackUnitId && leadUnitId !== matter.leadUnitId) {
    parts.push(
      street
        ? `其余单位均已退单，由${name(leadUnitId)}兜底`
        : `属地不明，由${name(leadUnitId)}兜底`,
    );
  }
  parts.push(`${name(leadUnitId)}主办`);
  if (assistingUnitIds.length > 0) parts.push(`${assistingUnitIds.map(name).join('、')}协办`);
  if (leadUnitId !== ref.district.supervisingUnitId)
    parts.push(`${name(ref.district.supervisingUnitId)}督办`);
  return parts.join('；');
}

function unique(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

function manual(
  code: Extract<RoutingDecision, { kind: 'manual' }>['code'],
  reason: string,
): RoutingDecision {
  return { kind: 'manual', code, reason };
}

function arbitration(
  reason: string,
  returnCount: number,
  candidateUnitIds: readonly string[],
): RoutingDecision {
  return { kind: 'arbitration', reason, returnCount, candidateUnitIds };
}
