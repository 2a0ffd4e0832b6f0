import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { type ApiConfig } from './api-config';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { rateLimitPerIp } from './common/rate-limit.middleware';
import { rejectNul } from './common/reject-nul.middleware';
import { httpLogOptions } from './common/request-logging';
import { securityHeaders } from './common/security.middleware';
import {
  type PlatformConfig,
  platformConfigFromEnv,
  type Settings,
} from './infrastructure/settings';
import { open311ErrorFormat } from './open311/open311-errors';

export interface RunningApi {
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * Builds the HTTP API on real infrastructure; `main.ts` listens, tests use `app.getHttpServer()`.
 * `platform` (timeouts, reference data, logging) comes from the environment unless given.
 */
export async function createApi(
  config: ApiConfig,
  platform: PlatformConfig = platformConfigFromEnv(process.env),
): Promise<RunningApi> {
  const settings: Settings = { api: config, platform };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // First, so that every request — even one refused before routing — has an id and a log line.
  app.use(pinoHttp(httpLogOptions(platform)));
  app.use(securityHeaders);
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    maxAge: 600,
  });
  app.use(rateLimitPerIp(config.rateLimitPerIpPerMinute));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(rejectNul);
  app.useGlobalFilters(new HttpErrorFilter([open311ErrorFormat], platform.retryAfterSeconds));
  app.disable('x-powered-by');
  SwaggerModule.setup('docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  await app.init();
  return {
    app,
    async close() {
      await app.close(); // closes PostgreSQL and Temporal (InfrastructureModule)
    },
  };
}

export async function listen(api: RunningApi, config: ApiConfig): Promise<void> {
  await api.app.listen(config.port, config.host);
  api.app.get(Logger).log(`api ready on http://${config.host}:${config.port} (docs: /docs)`, 'api');
}

/** The OpenAPI document, generated from the controllers' decorators and the zod schemas. */
export function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('12345 hotline API')
    .setDescription(
      'Work orders (工单) of the 12345 citizen hotline: intake by operators, handling by units, supervision by the centre. ' +
        'Every route but /health needs a bearer token; mint one locally with `npm run token -- --role unit --unit CGZF`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}
