import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './jwt';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'hotline:public';
export const ALLOWED_ROLES = 'hotline:roles';

/** A route anyone may call without a token (health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; every other role gets 403 with the reason. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!req.principal) throw new Error('CurrentPrincipal used on a public route');
    return req.principal;
  },
);
