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
import { type Request, type Response } from 'express';
import { SubjectRateLimit } from '../common/rate-limit.middleware';
import { API_CONFIG } from '../tokens';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { InvalidTokenError, ROLE_NAMES, type Role, TokenVerifier } from './jwt';
import { type Principal, principalFrom } from './principal';

/**
 * Every route needs a bearer token unless marked @Public(); @Roles() narrows who may call it.
 * Refusals are 401/403 with a reason, and each is logged (without the token). Once the token is
 * verified, the user's own request limit applies (429 with Retry-After past it).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');
  private readonly tokens: TokenVerifier;
  private readonly perUser: SubjectRateLimit;

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG)
    config: { authSecret: string; authPreviousSecrets?: string[]; rateLimitPerMinute: number },
  ) {
    this.tokens = new TokenVerifier([config.authSecret, ...(config.authPreviousSecrets ?? [])]);
    this.perUser = new SubjectRateLimit(config.rateLimitPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
        await this.tokens.verify(header.slice('Bearer '.length).trim()),
      );
    } catch (err) {
      const reason = err instanceof InvalidTokenError ? err.message : 'invalid token';
      this.logger.warn(`401 ${where}: ${reason}`);
      throw new UnauthorizedException(`The token was refused: ${reason}`);
    }

    this.perUser.check(req.principal.userId, context.switchToHttp().getResponse<Response>());

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    // Deputies see their station's items only: a route that does not name them is closed to them.
    if (req.principal.role === 'deputy' && !roles?.includes('deputy')) {
      this.logger.warn(`403 ${where}: deputy ${req.principal.userId}: route not open to deputies`);
      throw new ForbiddenException(
        '代表只能使用代表家站点的接口（/deputy-items、/views/deputy-*）',
      );
    }
    if (roles && !roles.includes(req.principal.role)) {
      const reason = `role "${req.principal.role}" may not do this; allowed: ${roles.join(', ')}`;
      this.logger.warn(`403 ${where}: user ${req.principal.userId}: ${reason}`);
      throw new ForbiddenException(
        `${ROLE_NAMES[req.principal.role]}无权进行此操作，仅限：${roles.map((r) => ROLE_NAMES[r]).join('、')}`,
      );
    }
    return true;
  }
}
