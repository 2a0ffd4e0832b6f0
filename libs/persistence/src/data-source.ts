import { DataSource } from 'typeorm';
import { type DatabaseConfig } from './database-config';
import { CallerContactEntity } from './entities/caller-contact.entity';
import { OrderIntakeEntity } from './entities/order-intake.entity';
import { HotspotOutboxEntity } from './entities/hotspot.entities';
import { InitialSchema1763884800000 } from './migrations/1763884800000-initial-schema';
import { IntakeFacts1763884800100 } from './migrations/1763884800100-intake-facts';
import { ReadModels1763884805000 } from './migrations/1763884805000-read-models';
import { CallerOriginalContent1763884806000 } from './migrations/1763884806000-caller-original-content';
import { WhistleReadModels1763884807000 } from './migrations/1763884807000-whistle-read-models';
import { WhistleContractFields1763884808000 } from './migrations/1763884808000-whistle-contract-fields';
import { OrderIntakeWorkflowInput1764300000000 } from './migrations/1764300000000-order-intake-workflow-input';
import { WhistleIntake1764300000100 } from './migrations/1764300000100-whistle-intake';
import { WhistleIntakeEntity } from './entities/whistle-intake.entity';
import { ProjectedEvents1763884820000 } from './migrations/1763884820000-projected-events';
import { ProjectionAnomalies1763884820100 } from './migrations/1763884820100-projection-anomalies';
import { LedgerFiles1764316800000 } from './migrations/1764316800000-ledger-files';
import { LedgerFileEntity } from './entities/ledger-file.entity';
import { AdmissionReadModels1764320400000 } from './migrations/1764320400000-admission-read-models';
import { ProactiveTaskReadModels1764331200000 } from './migrations/1764331200000-proactive-task-read-models';
import { DeputyReadModels1764345600000 } from './migrations/1764345600000-deputy-read-models';
import { DeputyResidentContact1764345600100 } from './migrations/1764345600100-deputy-resident-contact';
import { DeputyResidentContactEntity } from './entities/deputy.entities';
import { OrderIntakeWorkflowStarted1764400000000 } from './migrations/1764400000000-order-intake-workflow-started';
import { OrderViewLevels1764400000000 } from './migrations/1764400000000-order-view-levels';
import { EnforcementPowerOrders1764500000000 } from './migrations/1764500000000-enforcement-power-orders';
import { EnforcementPowerUsage1764500000100 } from './migrations/1764500000100-enforcement-power-usage';
import { READ_MODEL_ENTITIES } from './read-models';

export const ENTITIES = [
  OrderIntakeEntity,
  CallerContactEntity,
  WhistleIntakeEntity,
  ...READ_MODEL_ENTITIES,
  HotspotOutboxEntity,
  LedgerFileEntity,
  DeputyResidentContactEntity,
];
/**
 * In the order they run. New changes: one change per file, appended here; never edit an applied
 * one (libs/persistence/README.md).
 */
export const MIGRATIONS = [
  InitialSchema1763884800000,
  IntakeFacts1763884800100,
  ReadModels1763884805000,
  CallerOriginalContent1763884806000,
  WhistleReadModels1763884807000,
  WhistleContractFields1763884808000,
  OrderIntakeWorkflowInput1764300000000,
  WhistleIntake1764300000100,
  ProjectedEvents1763884820000,
  ProjectionAnomalies1763884820100,
  LedgerFiles1764316800000,
  AdmissionReadModels1764320400000,
  ProactiveTaskReadModels1764331200000,
  DeputyReadModels1764345600000,
  DeputyResidentContact1764345600100,
  OrderIntakeWorkflowStarted1764400000000,
  OrderViewLevels1764400000000,
  EnforcementPowerOrders1764500000000,
  EnforcementPowerUsage1764500000100,
];

/** The one way to build a DataSource: explicit migrations, never `synchronize`. */
export function createDataSource(config: DatabaseConfig, applicationName = 'hotline'): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
    extra: { max: config.poolSize, application_name: applicationName },
  });
}
