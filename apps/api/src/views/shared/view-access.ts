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
