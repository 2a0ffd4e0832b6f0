import { type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { apiConfigFromEnv } from '../api-config';
import { AuthGuard } from '../auth/auth.guard';
import { API_CONFIG } from '../tokens';
import { CONSOLE_CSP } from './console.controller';
import { ConsoleModule } from './console.module';

describe('the console under /console', () => {
  let app: INestApplication;
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>12345</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'outside');
    const config = apiConfigFromEnv({ NODE_ENV: 'test' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConsoleModule.forInfrastructure({ config }, dist)],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html for the console’s own pages, without a token, never cached', async () => {
    for (const page of [
      '/console',
      '/console/',
      '/console/inbox',
      '/console/orders/HL20261123-0000042',
    ]) {
      const res = await request(app.getHttpServer()).get(page).expect(200);
      expect(res.text).toContain('<title>12345</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    }
  });

  it('serves hashed assets for a year, and 404 for a missing one', async () => {
    const res = await request(app.getHttpServer())
      .get('/console/assets/index-abc123.js')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    await request(app.getHttpServer()).get('/console/assets/missing.js').expect(404);
  });

  it('sends assets gzipped to a browser that accepts it', async () => {
    const res = await request(app.getHttpServer())
      .get('/console/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe('console.log(1)');
    const plain = await request(app.getHttpServer())
      .get('/console/assets/index-abc123.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('never serves a file outside its folder', async () => {
    const res = await request(app.getHttpServer()).get('/console/..%2fsecret.txt');
    expect(res.text).not.toContain('outside');
  });
});
