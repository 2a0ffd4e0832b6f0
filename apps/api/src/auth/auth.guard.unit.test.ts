import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import request from 'supertest';
import { rateLimitPerIp } from '../common/rate-limit.middleware';
import { HttpErrorFilter } from '../common/http-error.filter';
import { API_CONFIG } from '../tokens';
import { Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { signToken } from './jwt';

const SECRET = 'a-test-signing-key-of-at-least-32-characters';

@Controller('probe')
class ProbeController {
  @Get()
  @Roles('supervisor', 'unit')
  get() {
    return { ok: true };
  }

  @Get('open')
  open() {
    return { ok: true };
  }

  @Get('deputies')
  @Roles('deputy', 'supervisor')
  deputies() {
    return { ok: true };
  }
}

/** The guard and the per-address middleware as the API wires them, without any infrastructure. */
async function app(perIp: number, perUser: number): Promise<INestApplication> {
  @Module({
    controllers: [ProbeController],
    providers: [
      { provide: API_CONFIG, useValue: { authSecret: SECRET, rateLimitPerMinute: perUser } },
      { provide: APP_GUARD, useClass: AuthGuard },
    ],
  })
  class ProbeModule {}
  const nest = await NestFactory.create(ProbeModule, { logger: false });
  nest.use(rateLimitPerIp(perIp));
  nest.useGlobalFilters(new HttpErrorFilter());
  await nest.init();
  return nest;
}

describe('AuthGuard with the request limits', () => {
  let apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps = [];
  });

  it('limits a client sending a fresh junk Authorization header each time (per address)', async () => {
    const nest = await app(5, 1000);
    apps.push(nest);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await request(nest.getHttpServer())
        .get('/probe')
        .set('Authorization', `Bearer junk-${i}-${Math.random()}`);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('limits a user whatever token they bring, once the token is verified; others go on', async () => {
    const nest = await app(1000, 3);
    apps.push(nest);
    const t0 = Date.now();
    const tokenAt = (sub: string, i: number) =>
      signToken({ sub, role: 'supervisor' }, SECRET, 3600, t0 - i * 1000); // a new token each time
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(nest.getHttpServer())
        .get('/probe')
        .set('Authorization', `Bearer ${tokenAt('zhang', i)}`);
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await request(nest.getHttpServer())
      .get('/probe')
      .set('Authorization', `Bearer ${tokenAt('li', 0)}`)
      .expect(200);
  });

  it('closes to deputies every route that does not name them, open ones included', async () => {
    const nest = await app(1000, 1000);
    apps.push(nest);
    const deputy = signToken(
      { sub: 'RD-XH-03', role: 'deputy', deputyId: 'RD-XH-03', stationId: 'RDLLZ-XHJD-02' },
      SECRET,
      60,
    );
    const auditor = signToken({ sub: 'a', role: 'auditor' }, SECRET, 60);
    const get = (path: string, token: string) =>
      request(nest.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
    expect((await get('/probe/deputies', deputy)).status).toBe(200);
    const closed = await get('/probe/open', deputy);
    expect(closed.status).toBe(403);
    expect(closed.body.message).toMatch(/代表只能使用/);
    expect((await get('/probe', deputy)).status).toBe(403);
    expect((await get('/probe/open', auditor)).status).toBe(200);
    // A deputy token without its station is refused outright.
    const bare = signToken({ sub: 'RD-XH-03', role: 'deputy' }, SECRET, 60);
    expect((await get('/probe/deputies', bare)).status).toBe(401);
  });

  it('refuses a role a route does not name in words its users read', async () => {
    const nest = await app(1000, 1000);
    apps.push(nest);
    const operator = signToken({ sub: 'op-1', role: 'operator' }, SECRET, 60);
    const res = await request(nest.getHttpServer())
      .get('/probe')
      .set('Authorization', `Bearer ${operator}`);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('话务员无权进行此操作，仅限：指挥中心、承办单位');
  });
});
