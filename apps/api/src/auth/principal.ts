import type { Actor } from '@hotline/workflows';
import type { Role, StaffLevel, TokenClaims } from './jwt';

/** Who is calling, as the token says. */
export interface Principal {
  userId: string;
  role: Role;
  unitId?: string;
  name?: string;
  /** 三级: city centre staff see the city, district centre staff their district (`districtId`). */
  level?: StaffLevel;
  districtId?: string;
  /** A deputy's own id and station (家站点). */
  deputyId?: string;
  stationId?: string;
}

export function principalFrom(claims: TokenClaims): Principal {
  return {
    userId: claims.sub,
    role: claims.role,
    ...(claims.unitId ? { unitId: claims.unitId } : {}),
    ...(claims.name ? { name: claims.name } : {}),
    ...(claims.level ? { level: claims.level } : {}),
    ...(claims.districtId ? { districtId: claims.districtId } : {}),
    ...(claims.deputyId ? { deputyId: claims.deputyId } : {}),
    ...(claims.stationId ? { stationId: claims.stationId } : {}),
  };
}

/** The workflow's view of the caller: units act for their unit, the centre as supervisor or operator. */
export function actorOf(p: Principal): Actor {
  switch (p.role) {
    case 'unit':
      return { kind: 'unit', unitId: p.unitId!, userId: p.userId };
    case 'supervisor':
      return { kind: 'supervisor', userId: p.userId };
    case 'operator':
      return { kind: 'operator', userId: p.userId };
    case 'auditor':
    case 'deputy':
      // Auditors only read, deputies act on their items only; routes forbid them orders' actions.
      return { kind: 'operator', userId: p.userId };
  }
}
