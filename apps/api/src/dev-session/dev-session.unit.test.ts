import { type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { apiConfigFromEnv } from '../api-config';
import { AuthGuard } from '../auth/auth.guard';
import { verifyToken } from '../auth/jwt';
import { HttpErrorFilter } from '../common/http-error.filter';
import { API_CONFIG } from '../tokens';
import { DevSessionModule } from './dev-session.module';

async function appFor(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = apiConfigFromEnv(env);
  const moduleRef = await Test.createTestingModule({
    imports: [DevSessionModule.forConfig(config, env)],
    providers: [
      { provide: API_CONFIG, useValue: config },
      { provide: APP_GUARD, useClass: AuthGuard },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new HttpErrorFilter());
  await app.init();
  return app;
}

describe('POST /dev/session (development sign-in)', () => {
  let app: INestApplication;
  afterEach(() => app?.close());

  it('signs a token for the chosen role and unit with the API’s key', async () => {
    app = await appFor({ NODE_ENV: 'development' });
    const res = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'unit', unitId: 'CGZF' })
      .expect(201);
    const claims = await verifyToken(
      res.body.token,
      apiConfigFromEnv({ NODE_ENV: 'development' }).authSecret,
    );
    expect(claims).toMatchObject({ role: 'unit', unitId: 'CGZF' });
    expect(res.body.role).toBe('unit');
  });

  it('offers the levels: city centre staff, and district centre staff with their district', async () => {
    app = await appFor({ NODE_ENV: 'development' });
    const secret = apiConfigFromEnv({ NODE_ENV: 'development' }).authSecret;
    const district = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'supervisor', level: 'district', districtId: 'LS' })
      .expect(201);
    expect(await verifyToken(district.body.token, secret)).toMatchObject({
      role: 'supervisor',
      level: 'district',
      districtId: 'LS',
    });
    expect(district.body).toMatchObject({ level: 'district', districtId: 'LS' });
    const city = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'operator', level: 'city' })
      .expect(201);
    const claims = await verifyToken(city.body.token, secret);
    expect(claims).toMatchObject({ role: 'operator', level: 'city' });
    expect(claims.districtId).toBeUndefined();
    const noDistrict = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'supervisor', level: 'district' })
      .expect(400);
    expect(JSON.stringify(noDistrict.body)).toContain('区级账号需要 districtId');
  });

  it('refuses a unit session without its unit, and unknown roles, per field', async () => {
    app = await appFor({ NODE_ENV: 'test' });
    const noUnit = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'unit' })
      .expect(400);
    expect(noUnit.body.fields).toEqual([expect.objectContaining({ field: 'unitId' })]);
    await request(app.getHttpServer()).post('/dev/session').send({ role: 'admin' }).expect(400);
  });

  it('signs a deputy in at their station (代表进站), and refuses an unknown deputy', async () => {
    app = await appFor({ NODE_ENV: 'development' });
    const res = await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'deputy', deputyId: 'RD-XH-03' })
      .expect(201);
    expect(res.body).toMatchObject({
      role: 'deputy',
      deputyId: 'RD-XH-03',
      stationId: 'RDLLZ-XHJD-02',
    });
    const claims = await verifyToken(
      res.body.token,
      apiConfigFromEnv({ NODE_ENV: 'development' }).authSecret,
    );
    expect(claims).toMatchObject({
      sub: 'RD-XH-03',
      deputyId: 'RD-XH-03',
      stationId: 'RDLLZ-XHJD-02',
    });
    await request(app.getHttpServer()).post('/dev/session').send({ role: 'deputy' }).expect(400);
    await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'deputy', deputyId: 'RD-NOPE-1' })
      .expect(400);
  });

  it('does not exist in production (404), whatever is asked', async () => {
    const env = {
      NODE_ENV: 'production',
      PERSONAL_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    };
    app = await appFor(env);
    await request(app.getHttpServer())
      .post('/dev/session')
      .send({ role: 'supervisor' })
      .expect(404);
  });

  it('stays closed when the process runs in production, even with a test configuration', async () => {
    const config = apiConfigFromEnv({ NODE_ENV: 'test' });
    const module = DevSessionModule.forConfig(config, { NODE_ENV: 'production' });
    expect(module.controllers ?? []).toHaveLength(0);
  });
});
