import { DataSource } from 'typeorm';
import { type DatabaseConfig } from './database-config';
import { CallerContactEntity } from './entities/caller-contact.entity';
import { OrderIntakeEntity } from './entities/order-intake.entity';
import { OrderViewEntity } from './entities/order-view.entity';
import { InitialSchema1763884800000 } from './migrations/1763884800000-initial-schema';
import { IntakeFacts1763884800100 } from './migrations/1763884800100-intake-facts';

export const ENTITIES = [OrderIntakeEntity, CallerContactEntity, OrderViewEntity];
export const MIGRATIONS = [InitialSchema1763884800000, IntakeFacts1763884800100];

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
