import { type DynamicModule, Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { intakeModel } from '../orders/intake-screening';
import { PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { DATA_SOURCE, PERSONAL_DATA } from '../tokens';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

/** Intake judgment for the operator's console (POST /orders/screening). */
@Module({})
export class IntakeModule {
  static forInfrastructure(infra: {
    dataSource: DataSource;
    config: { personalDataKey: Buffer };
  }): DynamicModule {
    // Validate the gazetteer, lexicon and patterns and train the n-gram model now, at start: a
    // data error stops the start, and the first call is not the one that waits.
    intakeModel();
    return {
      module: IntakeModule,
      controllers: [IntakeController],
      providers: [
        { provide: DATA_SOURCE, useValue: infra.dataSource },
        { provide: PERSONAL_DATA, useValue: new PersonalDataCipher(infra.config.personalDataKey) },
        IntakeService,
      ],
    };
  }
}
