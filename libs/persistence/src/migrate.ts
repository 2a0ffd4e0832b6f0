// Applies pending TypeORM migrations to DATABASE_URL. Run from one place: the dev stack's `up`.
import 'reflect-metadata';
import { createDataSource } from './data-source';
import { databaseConfigFromEnv } from './database-config';

async function main() {
  const config = databaseConfigFromEnv();
  const ds = createDataSource(config, 'hotline-migrate');
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    const db = new URL(config.url).pathname.slice(1);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${db}: ${applied.map((m) => m.name).join(', ')}`
        : `Database ${db} is up to date.`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
