// The fuzz run's own corner of the stack: `create <runId>` makes a migrated schema (its order
// numbers far from the dev stack's, the Temporal namespace being shared) and prints its
// DATABASE_URL; `drop <runId>` removes the schema and the run's topics.
import 'reflect-metadata';
import { createKafka, deleteTopics, kafkaConfigFromEnv } from '@hotline/messaging';
import {
  createMigratedSchema,
  databaseConfigFromEnv,
  dropSchema,
  execute,
} from '@hotline/persistence';

async function main() {
  const [command, runId] = process.argv.slice(2);
  if (!runId || !/^[a-z0-9]+$/.test(runId))
    throw new Error('usage: fuzz-stack.ts create|drop <runId>');
  const schema = `fuzz_${runId}`;
  const base = databaseConfigFromEnv();
  if (command === 'create') {
    const { url } = await createMigratedSchema(base, schema);
    const start = 5_000_000 + Math.floor(Math.random() * 4_900_000);
    await execute(url, `ALTER SEQUENCE order_number_seq RESTART WITH ${start}`);
    console.log(url);
  } else if (command === 'drop') {
    const kafka = kafkaConfigFromEnv();
    await deleteTopics(createKafka(kafka), kafka);
    await dropSchema(base.url, schema);
  } else throw new Error(`unknown command ${command}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
