import { type AdmissionList, type ReferenceData } from '@hotline/domain';
import { type DynamicModule, Module } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '../api-config';
import { API_CONFIG, DATA_SOURCE, REFERENCE_DATA, TEMPORAL_CLIENT } from '../tokens';
import { AdmissionsController } from './admissions.controller';
import { ADMISSION_LIST, AdmissionsService } from './admissions.service';

/** Duty admission (准入): applications, reviews and the list as it stands. */
@Module({})
export class AdmissionsModule {
  static forInfrastructure(infra: {
    config: ApiConfig;
    dataSource: DataSource;
    temporal: Client;
    referenceData: ReferenceData;
    admissionList: AdmissionList;
  }): DynamicModule {
    return {
      module: AdmissionsModule,
      controllers: [AdmissionsController],
      providers: [
        { provide: API_CONFIG, useValue: infra.config },
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: infra.temporal },
        { provide: REFERENCE_DATA, useValue: infra.referenceData },
        { provide: ADMISSION_LIST, useValue: infra.admissionList },
        AdmissionsService,
      ],
    };
  }
}
