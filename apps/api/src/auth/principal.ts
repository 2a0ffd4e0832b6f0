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
}

export function principalFrom(claims: TokenClaims): Principal {
  return {
    userId: claims.sub,
    role: claims.role,
    ...(claims.unitId ? { unitId: claims.unitId } : {}),
    ...(claims.name ? { name: claims.name } : {}),
    ...(claims.level ? { level: claims.level } : {}),
    ...(claims.districtId ? { districtId: claims.districtId } : {}),
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
      // Auditors only read; routes forbid their actions before this is ever used.
      return { kind: 'operator', userId: p.userId };
  }
}
