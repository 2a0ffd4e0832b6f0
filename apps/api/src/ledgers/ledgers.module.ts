import { type ReferenceData } from '@hotline/domain';
import { type DynamicModule, Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import { LedgerGenerator } from './ledger-generator';
import { LedgerJobsService } from './ledger-jobs.service';
import { LedgersController } from './ledgers.controller';

/** Electronic ledgers (电子台账): requests, background generation, downloads. */
@Module({})
export class LedgersModule {
  static forInfrastructure(infra: {
    dataSource: DataSource;
    referenceData: ReferenceData;
  }): DynamicModule {
    return {
      module: LedgersModule,
      controllers: [LedgersController],
      providers: [
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: REFERENCE_DATA, useValue: infra.referenceData },
        LedgerJobsService,
        LedgerGenerator,
      ],
      exports: [LedgerGenerator],
    };
  }
}
