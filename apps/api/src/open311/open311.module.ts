import { sampleReferenceData } from '@hotline/domain';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '../api-config';
import { OrdersService } from '../orders/orders.service';
import { PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { API_CONFIG, DATA_SOURCE, PERSONAL_DATA, REFERENCE_DATA, TEMPORAL_CLIENT } from '../tokens';
import { formBody } from './form-body.middleware';
import { Open311Controller } from './open311.controller';
import { Open311RequestsService } from './open311-requests.service';

/** A form of at most 64 KiB: a description is at most 4,000 characters. */
const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * Open311 GeoReport v2 under /open311/v2. Intake goes through the one OrdersService (given the
 * same infrastructure as the app's), so an Open311 request is screened and started exactly as
 * an operator's call is.
 */
@Module({})
export class Open311Module implements NestModule {
  static forInfrastructure(infra: {
    config: ApiConfig;
    dataSource: DataSource;
    temporal: Client;
  }): DynamicModule {
    return {
      module: Open311Module,
      controllers: [Open311Controller],
      providers: [
        { provide: API_CONFIG, useValue: infra.config },
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: infra.temporal },
        {
          provide: PERSONAL_DATA,
          useValue: new PersonalDataCipher(
            infra.config.personalDataKey,
            infra.config.personalDataPreviousKeys,
          ),
        },
        { provide: REFERENCE_DATA, useValue: sampleReferenceData() },
        OrdersService,
        Open311RequestsService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(formBody(FORM_LIMIT_BYTES)).forRoutes(Open311Controller);
  }
}
