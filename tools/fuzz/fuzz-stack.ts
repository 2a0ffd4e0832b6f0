// The fuzz run's own corner of the stack.
//   serve             PostgreSQL, Kafka and Temporal of the run's own (the fault suite's private
//                     servers on other ports, data in .data/fuzz/servers), migrated; prints
//                     `ENV {json}` for the apps and runs until its stdin closes.
//   create <runId>    on shared servers: a migrated schema (order numbers far from the dev
//                     stack's, the Temporal namespace being shared); prints its DATABASE_URL.
//   drop <runId>      removes that schema and the run's topics.
import 'reflect-metadata';
import path from 'node:path';
import { createDataSource } from '@hotline/persistence';
import { startPrivateServers } from '../faults/private-servers';
import { createKafka, deleteTopics, kafkaConfigFromEnv } from '@hotline/messaging';
import {
  createMigratedSchema,
  databaseConfigFromEnv,
  dropSchema,
  execute,
} from '@hotline/persistence';

/** Ports of the fuzz run's servers: apart from the dev stack's and the fault suite's. */
const FUZZ_SERVER_PORTS = {
  postgres: 46432,
  kafka: 49092,
  kafkaController: 49093,
  temporal: 47233,
  api: 43000,
};

async function serve() {
  const log = (line: string) => console.error(`[fuzz] ${line}`);
  const servers = await startPrivateServers(log, {
    ports: FUZZ_SERVER_PORTS,
    home: path.resolve(__dirname, '../../.data/fuzz/servers'),
  });
  const stop = () => void servers.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  const db = createDataSource(databaseConfigFromEnv(servers.env), 'hotline-fuzz-migrate');
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  await db.destroy();
  const { API_PORT: _port, ...env } = servers.env;
  console.log(`ENV ${JSON.stringify(env)}`);
}

async function main() {
  const [command, runId] = process.argv.slice(2);
  if (command === 'serve') return serve();
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
