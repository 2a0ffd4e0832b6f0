import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { API_CONFIG } from '../tokens';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { InvalidTokenError, type Role, verifyToken } from './jwt';
import { type Principal, principalFrom } from './principal';

/**
 * Every route needs a bearer token unless marked @Public(); @Roles() narrows who may call it.
 * Refusals are 401/403 with a reason, and each is logged (without the token).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) private readonly config: { authSecret: string },
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context
      .switchToHttp()
      .getRequest<Request & { principal?: Principal; id?: string }>();
    const where = `${req.method} ${req.path} (request ${req.id ?? '-'})`;

    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      this.logger.warn(`401 ${where}: no bearer token`);
      throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <token>)');
    }
    try {
      req.principal = principalFrom(
        verifyToken(header.slice('Bearer '.length).trim(), this.config.authSecret),
      );
    } catch (err) {
      const reason = err instanceof InvalidTokenError ? err.message : 'invalid token';
      this.logger.warn(`401 ${where}: ${reason}`);
      throw new UnauthorizedException(`The token was refused: ${reason}`);
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(req.principal.role)) {
      const reason = `role "${req.principal.role}" may not do this; allowed: ${roles.join(', ')}`;
      this.logger.warn(`403 ${where}: user ${req.principal.userId}: ${reason}`);
      throw new ForbiddenException(`Forbidden: ${reason}`);
    }
    return true;
  }
}
