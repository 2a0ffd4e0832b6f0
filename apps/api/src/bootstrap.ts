import { createDataSource } from '@hotline/persistence';
import { connectTemporalClient } from '@hotline/temporal';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type ApiConfig } from './api-config';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { rateLimitPerIp } from './common/rate-limit.middleware';
import { rejectNul } from './common/reject-nul.middleware';
import { requestId } from './common/request-id.middleware';
import { requestLogger } from './common/request-logger.middleware';
import { securityHeaders } from './common/security.middleware';

export interface RunningApi {
  app: INestApplication;
  close(): Promise<void>;
}

/** Builds the HTTP API on real infrastructure; `main.ts` listens, tests use `app.getHttpServer()`. */
export async function createApi(config: ApiConfig): Promise<RunningApi> {
  const dataSource = await createDataSource(config.database, 'hotline-api').initialize();
  const { client, connection } = await connectTemporalClient(config.temporal);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forInfrastructure({ config, dataSource, temporal: client }),
    { logger: ['error', 'warn', 'log'], bodyParser: false },
  );
  app.use(requestId);
  app.use(requestLogger);
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
  app.useGlobalFilters(new HttpErrorFilter());
  app.disable('x-powered-by');

  SwaggerModule.setup('docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });

  await app.init();
  return {
    app,
    async close() {
      await app.close();
      await connection.close();
      await dataSource.destroy();
    },
  };
}

export async function listen(api: RunningApi, config: ApiConfig): Promise<void> {
  await api.app.listen(config.port, config.host);
  new Logger('api').log(`api ready on http://${config.host}:${config.port} (docs: /docs)`);
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
