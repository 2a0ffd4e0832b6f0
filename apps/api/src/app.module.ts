import { AdmissionsModule } from './admissions/admissions.module';
import { DeputiesModule } from './deputies/deputies.module';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { AuthGuard } from './auth/auth.guard';
import { requestLogging } from './common/request-logging';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { IntakeModule } from './intake/intake.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { ConsoleModule } from './console/console.module';
import { type Settings } from './infrastructure/settings';
import { Open311Module } from './open311/open311.module';
import { OrdersModule } from './orders/orders.module';
import { ProactiveTasksModule } from './proactive-tasks/proactive-tasks.module';
import { ViewsModule } from './views/views.module';
import { WhistlesModule } from './whistles/whistles.module';

/**
 * The HTTP API: one infrastructure module (settings, PostgreSQL, Temporal, reference data,
 * cipher) and the feature modules over it. `offline` builds it without connecting, for the
 * OpenAPI document.
 */
@Module({})
export class AppModule {
  static forRoot(settings: Settings, options: { offline?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        options.offline
          ? InfrastructureModule.offline(settings)
          : InfrastructureModule.forRoot(settings),
        LoggerModule.forRoot(requestLogging(settings.platform)),
        HealthModule,
        IntakeModule,
        OrdersModule,
        WhistlesModule,
        Open311Module,
        ViewsModule,
        LedgersModule,
        AdmissionsModule,
        DeputiesModule,
        ProactiveTasksModule,
        ApiMetricsModule,
        ConsoleModule.forInfrastructure({ config: settings.api }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
