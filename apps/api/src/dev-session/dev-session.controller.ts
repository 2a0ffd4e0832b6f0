import { findDeputy, sampleDeputyStations } from '@hotline/domain';
import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators';
import { ROLES, signToken, STAFF_LEVELS } from '../auth/jwt';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DEV_SESSION_CONFIG, type DevSessionConfig } from './dev-session.config';

export const devSessionRequestSchema = z
  .object({
    role: z.enum(ROLES),
    /** The street, department or enterprise a `unit` acts for (libs/domain/data/units.json). */
    unitId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a unit id such as CGZF or XHJD')
      .optional(),
    name: z.string().trim().min(1).max(100).optional(),
    /** 三级: city centre staff (`city`) or a district centre's (`district` with `districtId`). */
    level: z.enum(STAFF_LEVELS).optional(),
    districtId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a district id such as YC or LS')
      .optional(),
    /** The deputy a `deputy` session is for (libs/domain/data/deputy-stations.json). */
    deputyId: z
      .string()
      .trim()
      .regex(/^RD-[0-9A-Z-]{1,60}$/, 'a deputy id such as RD-XH-03')
      .optional(),
  })
  .strict()
  .refine((b) => b.level !== 'district' || b.districtId, {
    message: '区级账号需要 districtId（例如 LS）',
    path: ['districtId'],
  })
  .refine((b) => b.role !== 'unit' || b.unitId, {
    message: 'a unit session needs unitId (e.g. CGZF, XHJD)',
    path: ['unitId'],
  })
  .refine((b) => b.role !== 'deputy' || b.deputyId, {
    message: 'a deputy session needs deputyId (e.g. RD-XH-03)',
    path: ['deputyId'],
  });
export type DevSessionRequest = z.infer<typeof devSessionRequestSchema>;

/**
 * POST /dev/session — a development sign-in for the console's role picker: a token signed with
 * the API's own key, like `npm run token`. Never registered in production (404 there): in
 * production the console takes a bearer token from the city's single sign-on instead.
 * Excluded from the OpenAPI document: it is not part of the API's contract.
 */
@ApiExcludeController()
@Public()
@Controller('dev')
export class DevSessionController {
  constructor(@Inject(DEV_SESSION_CONFIG) private readonly config: DevSessionConfig) {}

  @Post('session')
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(devSessionRequestSchema)) body: DevSessionRequest) {
    const now = Date.now();
    // A deputy signs in at the station they belong to (代表进站).
    const deputy = body.deputyId ? findDeputy(sampleDeputyStations(), body.deputyId) : undefined;
    if (body.role === 'deputy' && !deputy)
      throw new BadRequestException(`没有编号为 ${body.deputyId} 的人大代表`);
    const token = signToken(
      {
        sub: deputy
          ? deputy.deputy.id
          : `dev-${body.role}-${body.unitId ?? body.districtId ?? body.level ?? 'centre'}`,
        role: body.role,
        ...(body.unitId ? { unitId: body.unitId } : {}),
        ...(body.name ? { name: body.name } : deputy ? { name: deputy.deputy.name } : {}),
        ...(body.level ? { level: body.level } : {}),
        ...(body.level === 'district' && body.districtId ? { districtId: body.districtId } : {}),
        ...(body.role === 'deputy' && deputy
          ? { deputyId: deputy.deputy.id, stationId: deputy.station.id }
          : {}),
      },
      this.config.authSecret,
      this.config.ttlSeconds,
      now,
    );
    return {
      token,
      role: body.role,
      ...(body.unitId ? { unitId: body.unitId } : {}),
      ...(body.level ? { level: body.level } : {}),
      ...(body.level === 'district' && body.districtId ? { districtId: body.districtId } : {}),
      ...(body.role === 'deputy' && deputy
        ? { deputyId: deputy.deputy.id, stationId: deputy.station.id, station: deputy.station.name }
        : {}),
      expiresAt: new Date(now + this.config.ttlSeconds * 1000).toISOString(),
    };
  }
}
