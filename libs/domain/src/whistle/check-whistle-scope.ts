/**
 * Whistle scope (吹哨范围): a street may blow only for matters on the whistle list, and may summon
 * only departments and enterprises with a duty for that matter (its lead or assisting units).
 * This is the guard against 吹哨泛化 (whistles for everything).
 */
import { unitForRole } from '../reference/city';
import type { ReferenceData } from '../reference/types';

export interface WhistleScopeRequest {
  readonly matterTypeCode: string;
  readonly streetId: string;
  readonly summonedUnitIds: readonly string[];
}

export type WhistleRefusalCode =
  | 'unknown_matter'
  | 'not_on_whistle_list'
  | 'unknown_street'
  | 'no_units_summoned'
  | 'unknown_unit'
  | 'not_summonable'
  | 'no_duty_for_matter';

export interface WhistleRefusal {
  readonly code: WhistleRefusalCode;
  readonly unitId: string | null;
  readonly explanation: string;
}

export type WhistleScopeResult =
  | { readonly ok: true; readonly explanation: string }
  | { readonly ok: false; readonly refusals: readonly WhistleRefusal[] };

export function checkWhistleScope(
  request: WhistleScopeRequest,
  ref: ReferenceData,
): WhistleScopeResult {
  const refusals: WhistleRefusal[] = [];
  const refuse = (code: WhistleRefusalCode, explanation: string, unitId: string | null = null) =>
    refusals.push({ code, unitId, explanation });
  const matter = ref.index.matterTypes.get(request.matterTypeCode);
  const street = ref.index.streets.get(request.streetId);
  if (!matter) refuse('unknown_matter', `职责清单中没有事项“${request.matterTypeCode}”`);
  else if (!matter.whistle)
    refuse(
      'not_on_whistle_list',
      `${matter.code} ${matter.name}不在吹哨报到专项清单内，请按日常职责办理`,
    );
  if (!street) refuse('unknown_street', `“${request.streetId}”不是本区的街道或乡镇`);
  if (request.summonedUnitIds.length === 0) refuse('no_units_summoned', '未选择被吹哨单位');
  // The duty list names units by role; in the street's district its carriers have the duty
  // (云川区's own ids; 澜山区's LS-CGW for CGW; the city water group where a district has no branch).
  const roles = matter ? [matter.leadUnitId, ...matter.assistingUnitIds] : [];
  const dutyUnits = new Set(
    roles.map((role) =>
      role && street ? (unitForRole(ref, role, street.districtId)?.id ?? role) : role,
    ),
  );
  for (const unitId of new Set(request.summonedUnitIds)) {
    const unit = ref.index.units.get(unitId);
    if (!unit) refuse('unknown_unit', `未知单位“${unitId}”`, unitId);
    else if (unit.kind !== 'department' && unit.kind !== 'enterprise') {
      refuse(
        'not_summonable',
        `${unit.name}不是职能部门或公共服务企业，不能被吹哨（需要区级协调请上报）`,
        unitId,
      );
    } else if (matter && !dutyUnits.has(unitId)) {
      refuse(
        'no_duty_for_matter',
        `${unit.name}对${matter.code} ${matter.name}没有法定职责`,
        unitId,
      );
    }
  }
  if (refusals.length > 0 || !matter || !street) return { ok: false, refusals };
  return {
    ok: true,
    explanation: `${street.name}就${matter.code} ${matter.name}吹哨，被吹哨单位均有相应职责`,
  };
}
