import { sampleReferenceData } from '@hotline/domain';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from './api-config';
import { HealthController } from './health/health.controller';
import { Open311Module } from './open311/open311.module';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { WhistlesController } from './whistles/whistles.controller';
import { WhistlesService } from './whistles/whistles.service';
import { PersonalDataCipher } from './personal-data/personal-data.cipher';
import { AuthGuard } from './auth/auth.guard';
import { API_CONFIG, DATA_SOURCE, PERSONAL_DATA, REFERENCE_DATA, TEMPORAL_CLIENT } from './tokens';
import { ViewsModule } from './views/views.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { ConsoleModule } from './console/console.module';

export interface ApiInfrastructure {
  config: ApiConfig;
  dataSource: DataSource;
  temporal: Client;
}

@Module({})
export class AppModule {
  static forInfrastructure(infra: ApiInfrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ViewsModule.forInfrastructure(infra),
        Open311Module.forInfrastructure(infra),
        LedgersModule.forInfrastructure({ ...infra, referenceData: sampleReferenceData() }),
        ConsoleModule.forInfrastructure(infra),
      ],
      controllers: [HealthController, OrdersController, WhistlesController],
      providers: [
        { provide: API_CONFIG, useValue: infra.config },
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: infra.temporal },
        { provide: PERSONAL_DATA, useValue: new PersonalDataCipher(infra.config.personalDataKey) },
        { provide: REFERENCE_DATA, useValue: sampleReferenceData() },
        { provide: APP_GUARD, useClass: AuthGuard },
        OrdersService,
        WhistlesService,
      ],
    };
  }
}
