// npm run rebuild [-- --keep-retired]: rebuilds every read model from the event topics and swaps
// the new tables in; prints the count of each table, live before the swap and rebuilt.
import 'reflect-metadata';
import { kafkaConfigFromEnv } from '@hotline/messaging';
import { databaseConfigFromEnv } from '@hotline/persistence';
import { ProgressBar } from './progress-bar';
import { rebuildReadModels } from './rebuild';

async function main() {
  const bar = new ProgressBar('rebuild');
  let last = { read: 0, total: 0 };
  const report = await rebuildReadModels({
    kafka: kafkaConfigFromEnv(),
    database: databaseConfigFromEnv(),
    keepRetired: process.argv.includes('--keep-retired'),
    onProgress: (read, total) => {
      last = { read, total };
      bar.update(read, total);
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  bar.done(last.read, last.total);

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${'table'.padEnd(22)}${pad('live', 10)}${pad('rebuilt', 10)}  contents`);
  for (const t of report.tables) {
    console.log(
      `${t.table.padEnd(22)}${pad(t.live.rows, 10)}${pad(t.rebuilt.rows, 10)}  ${t.identical ? 'identical' : 'DIFFERENT'}`,
    );
  }
  console.log(
    `\n${report.events} events (${report.invalid} invalid, skipped; ${report.gaps} sequence gaps) ` +
      `in ${report.seconds.toFixed(1)} s: ${Math.round(report.eventsPerSecond)} events/s.` +
      (report.retiredSchema
        ? ` The replaced tables are kept in schema ${report.retiredSchema}.`
        : ''),
  );
  const different = report.tables.filter((t) => !t.identical);
  if (different.length > 0) {
    console.log(
      `${different.length} table(s) differ from the live model: the live projector was behind or ` +
        `missed events; the rebuilt tables are now live.`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(`rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
