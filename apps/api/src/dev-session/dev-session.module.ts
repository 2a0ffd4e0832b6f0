import { type DynamicModule, Module } from '@nestjs/common';
import { type ApiConfig } from '../api-config';
import { DEV_SESSION_CONFIG } from './dev-session.config';
import { DevSessionController } from './dev-session.controller';

/**
 * The development sign-in (POST /dev/session). In production the module is empty: the route does
 * not exist (404), whatever the request. Production is the API configuration's own switch
 * (NODE_ENV=production, validated at start), and also the process's NODE_ENV, so that a
 * configuration built for a test can never open it in a production process.
 */
@Module({})
export class DevSessionModule {
  static forConfig(config: ApiConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const production = config.open311.production || env.NODE_ENV === 'production';
    if (production) return { module: DevSessionModule };
    return {
      module: DevSessionModule,
      controllers: [DevSessionController],
      providers: [
        {
          provide: DEV_SESSION_CONFIG,
          useValue: { authSecret: config.authSecret, ttlSeconds: config.authTokenTtlSeconds },
        },
      ],
    };
  }
}
