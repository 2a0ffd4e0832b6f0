import { type DynamicModule, Module } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from './api-config';
import { HealthController } from './health/health.controller';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { PersonalDataCipher } from './personal-data/personal-data.cipher';
import { API_CONFIG, DATA_SOURCE, PERSONAL_DATA, TEMPORAL_CLIENT } from './tokens';

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
      controllers: [HealthController, OrdersController],
      providers: [
        { provide: API_CONFIG, useValue: infra.config },
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: infra.temporal },
        { provide: PERSONAL_DATA, useValue: new PersonalDataCipher(infra.config.personalDataKey) },
        OrdersService,
      ],
    };
  }
}
