import { type ReferenceData } from '@hotline/domain';
import { ForbiddenException } from '@nestjs/common';
import { type Principal } from '../../auth/principal';

/**
 * Units read their own work only: a unit token's lists are narrowed to its unit, and asking for
 * another unit's is refused. The centre's roles read everything.
 */
export function unitScope(principal: Principal, requested: string | undefined): string | undefined {
  if (principal.role !== 'unit') return requested;
  if (requested && requested !== principal.unitId) {
    throw new ForbiddenException(
      `Unit ${principal.unitId} may not read unit ${requested}'s orders`,
    );
  }
  return principal.unitId;
}

/** The unit a principal is confined to; undefined for the centre's roles, who read everything. */
export function confinedUnit(principal: Principal): string | undefined {
  return principal.role === 'unit' ? principal.unitId : undefined;
}

/** SQL: the order row `alias` is the unit's (lead or assisting), with `:unit` bound. */
export const orderOfUnit = (alias: string) =>
  `(${alias}.lead_unit_id = :unit OR :unit = ANY(${alias}.assisting_unit_ids))`;

/**
 * 三级: the district a district centre's staff are confined to (their token's `districtId`);
 * undefined for the city centre, for tokens without a level (the whole deployment) and for units
 * (confined to their unit instead).
 */
export function confinedDistrict(principal: Principal): string | undefined {
  return principal.role !== 'unit' && principal.level === 'district'
    ? principal.districtId
    : undefined;
}

/** The district a list is narrowed to: the requested one, checked against the caller's. */
export function districtScope(
  principal: Principal,
  requested: string | undefined,
): string | undefined {
  const own = confinedDistrict(principal);
  if (!own) return requested;
  if (requested && requested !== own) {
    throw new ForbiddenException(`区级账号只能查看本区（${own}）的数据，不能查看 ${requested}`);
  }
  return own;
}

/**
 * SQL: the order row `alias` belongs to the district `:district` — its dispatch says so, or
 * (older orders, dispatched before the city level) its street is one of `:districtStreets`.
 */
export const orderOfDistrict = (alias: string) =>
  `(${alias}.district_id = :district OR (${alias}.district_id IS NULL AND ${alias}.street_id = ANY(:districtStreets)))`;

/**
 * An order's district: the one its dispatch names (three-level orders), else its read-model row's,
 * else its street's (older orders); null when nothing places it (only the city sees it then).
 */
export function districtOfOrder(
  ref: ReferenceData,
  state: { levels?: { districtId?: string }; location: { streetId?: string } } | null,
  view?: { districtId: string | null; streetId: string | null } | null,
): string | null {
  const streetId = state?.location.streetId ?? view?.streetId ?? undefined;
  return (
    state?.levels?.districtId ??
    view?.districtId ??
    (streetId ? (ref.index.streets.get(streetId)?.districtId ?? null) : null)
  );
}
