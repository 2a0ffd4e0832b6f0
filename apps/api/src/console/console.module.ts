import { type DynamicModule, Module } from '@nestjs/common';
import path from 'node:path';
import { type ApiConfig } from '../api-config';
import { DevSessionModule } from '../dev-session/dev-session.module';
import { CONSOLE_DIST, DEFAULT_CONSOLE_DIST } from './console.config';
import { ConsoleController } from './console.controller';

/**
 * The web console (apps/console) served by the API under /console, with the development
 * sign-in it offers outside production (POST /dev/session).
 */
@Module({})
export class ConsoleModule {
  static forInfrastructure(
    infra: { config: ApiConfig },
    dist = DEFAULT_CONSOLE_DIST,
  ): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [DevSessionModule.forConfig(infra.config)],
      controllers: [ConsoleController],
      providers: [{ provide: CONSOLE_DIST, useValue: path.resolve(dist) }],
    };
  }
}
