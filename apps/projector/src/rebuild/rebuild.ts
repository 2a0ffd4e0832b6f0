import { type EventEnvelope, eventTopics, validateEvent } from '@hotline/contracts';
import { type ReferenceData, sampleReferenceData } from '@hotline/domain';
import { createKafka, type KafkaConfig, type RawMessage, TopicReader } from '@hotline/messaging';
import {
  createDataSource,
  type DatabaseConfig,
  dropSchema,
  READ_MODEL_TABLES,
  withSearchPath,
} from '@hotline/persistence';
import { type DataSource } from 'typeorm';
import { allProjections } from '../projections';
import { classifyFailure } from '../runner/failures';
import { ProjectionRunner } from '../runner/projection-runner';
import { Sql } from '../runner/sql';
import { inTransaction } from '../runner/transaction';
import {
  cloneTables,
  digestTables,
  lockTables,
  swapTables,
  type TableDigest,
} from './shadow-tables';

export interface RebuildOptions {
  kafka: KafkaConfig;
  database: DatabaseConfig;
  referenceData?: ReferenceData;
  /** Progress of the read: events handled so far, events to read (grows while catching up). */
  onProgress?: (read: number, total: number) => void;
  /** Keep the replaced tables in their `retired_*` schema (for inspection) instead of dropping them. */
  keepRetired?: boolean;
  log?: (line: string) => void;
  /**
   * Partitions applied at once (default 1). 2 lets one batch wait on PostgreSQL while the next
   * is parsed and folded; measured on this 2-core machine under load it gained nothing (2,479
   * against 2,539 events/s), both cores being busy with PostgreSQL and the node process.
   */
  concurrency?: number;
}

export interface RebuildReport {
  events: number;
  invalid: number;
  gaps: number;
  /** Events left out because a projection failed on them (dead-lettered live). */
  failed: number;
  /** Transactions (one per fetched batch) and SQL statements in them, BEGIN/COMMIT aside. */
  batches: number;
  statements: number;
  /** The whole command, wall clock: cloning, reading, applying, catching up, swapping. */
  seconds: number;
  eventsPerSecond: number;
  /** Reading and applying alone: from the first batch to the end of the first read. */
  applySeconds: number;
  applyEventsPerSecond: number;
  /** Each table as the live model had it just before the swap, and as rebuilt. */
  tables: { table: string; live: TableDigest; rebuilt: TableDigest; identical: boolean }[];
  retiredSchema?: string;
}

/**
 * Rebuilds every read model from the beginning of the event topics into fresh tables in a
 * schema of their own, then swaps them in. The live projector keeps running meanwhile: the
 * final catch-up happens while the live tables are locked, so no event falls between the
 * rebuilt tables and the live projector (which then sees what the rebuild applied as repeats).
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const stamp = `${started.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const live = await createDataSource(options.database, 'hotline-rebuild').initialize();
  let shadow: DataSource | undefined;
  const topics = eventTopics(options.kafka.topicPrefix);
  const reader = new TopicReader(
    createKafka(options.kafka, log),
    [topics.orderEvents, topics.whistleEvents, topics.governanceEvents],
    `hotline-rebuild-${stamp}`,
    options.concurrency ?? 1,
  );
  const schemas = { live: '', rebuilt: `rebuild_${stamp}`, retired: `retired_${stamp}` };
  try {
    schemas.live = await inTransaction(live, (sql) => currentSchema(sql));
    await inTransaction(live, (sql) =>
      cloneTables(sql, schemas.live, schemas.rebuilt, READ_MODEL_TABLES),
    );
    log(`building into schema ${schemas.rebuilt}`);
    shadow = await createDataSource(
      {
        ...options.database,
        url: withSearchPath(options.database.url, [schemas.rebuilt, schemas.live]),
      },
      'hotline-rebuild',
    ).initialize();
    const runner = new ProjectionRunner(
      allProjections(options.referenceData ?? sampleReferenceData()),
    );
    const counts = { events: 0, invalid: 0, gaps: 0, failed: 0, batches: 0, statements: 0 };
    const shadowDb = shadow;
    await reader.start(async (batch) => {
      const { events, invalid } = parseBatch(batch);
      // One transaction per fetched batch: each event is still applied whole, or not at all. With
      // partitions applied at once, two batches may deadlock on a shared row (a unit's month):
      // the one PostgreSQL picks is retried, as the live projector does.
      for (let attempt = 1; ; attempt++) {
        const statements = Sql.statements;
        try {
          const applied = await inTransaction(shadowDb, (sql) => applyEvents(sql, runner, events));
          counts.events += batch.length;
          counts.invalid += invalid;
          counts.gaps += applied.gaps;
          counts.failed += applied.failed;
          counts.batches += 1;
          counts.statements += Sql.statements - statements;
          return;
        } catch (err) {
          if (classifyFailure(err) !== 'transient' || attempt >= 10) throw err;
          log(`batch retried (${String(err)})`);
          await new Promise((r) => setTimeout(r, 20 * attempt));
        }
      }
    });
    const progress = (target: Awaited<ReturnType<TopicReader['endOffsets']>>) => (read: number) =>
      options.onProgress?.(read, reader.count(target));

    // Read up to the end, then catch up with what arrived meanwhile, until little is left.
    let target = await reader.endOffsets();
    await reader.reach(target, progress(target));
    const firstRead = {
      events: counts.events,
      seconds: (Date.now() - (reader.firstBatchAt ?? Date.now())) / 1000,
    };
    for (let round = 0; round < 5; round++) {
      const next = await reader.endOffsets();
      if (reader.count(next) - reader.count(target) < 100) break;
      target = next;
      await reader.reach(target, progress(target));
    }

    // Lock the live tables, read the last events, swap — all in one transaction.
    const tables = await inTransaction(live, async (sql) => {
      await lockTables(sql, schemas.live, READ_MODEL_TABLES);
      target = await reader.endOffsets();
      await reader.reach(target, progress(target));
      await reader.freeze();
      const before = await digestTables(sql, schemas.live, READ_MODEL_TABLES);
      const after = await digestTables(sql, schemas.rebuilt, READ_MODEL_TABLES);
      await swapTables(sql, READ_MODEL_TABLES, schemas);
      return before.map((b, i) => ({
        table: b.table,
        live: b,
        rebuilt: after[i]!,
        identical: b.digest === after[i]!.digest,
      }));
    });
    options.onProgress?.(reader.read, reader.count(target));
    if (!options.keepRetired) await dropSchema(options.database.url, schemas.retired);
    const seconds = (Date.now() - started) / 1000;
    return {
      ...counts,
      seconds,
      eventsPerSecond: counts.events / Math.max(seconds, 0.001),
      applySeconds: firstRead.seconds,
      applyEventsPerSecond: firstRead.events / Math.max(firstRead.seconds, 0.001),
      tables,
      ...(options.keepRetired ? { retiredSchema: schemas.retired } : {}),
    };
  } catch (err) {
    // Leave nothing half-built behind; the live tables were never touched.
    await dropSchema(options.database.url, schemas.rebuilt).catch(() => undefined);
    throw err;
  } finally {
    await reader.stop().catch(() => undefined);
    await shadow?.destroy();
    await live.destroy();
  }
}

/** The batch's messages parsed and validated, once; the invalid ones skipped (live dead-lettered them). */
function parseBatch(batch: RawMessage[]): { events: EventEnvelope[]; invalid: number } {
  const events: EventEnvelope[] = [];
  let invalid = 0;
  for (const message of batch) {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      invalid += 1;
      continue;
    }
    const checked = validateEvent(raw);
    if (!checked.ok) {
      invalid += 1;
      continue;
    }
    events.push(checked.event);
  }
  return { events, invalid };
}

/**
 * A fetched batch's events as the live projector applies them: one runner batch (rows read
 * once, written with one statement per table).
 */
async function applyEvents(
  sql: Sql,
  runner: ProjectionRunner,
  events: readonly EventEnvelope[],
): Promise<{ gaps: number; failed: number }> {
  const out = { gaps: 0, failed: 0 };
  // An event that fails in a projection (the live projector dead-lettered it) is left out, as
  // live: found by applying the batch's events one at a time behind savepoints.
  await sql.exec('SAVEPOINT rebuild_batch');
  try {
    for (const result of await runner.applyBatch(events, sql)) out.gaps += result.gaps.length;
    return out;
  } catch (err) {
    if (classifyFailure(err) === 'transient') throw err;
    await sql.exec('ROLLBACK TO SAVEPOINT rebuild_batch');
  }
  for (const event of events) {
    await sql.exec('SAVEPOINT rebuild_event');
    try {
      out.gaps += (await runner.apply(event, sql)).gaps.length;
    } catch (err) {
      if (classifyFailure(err) === 'transient') throw err;
      await sql.exec('ROLLBACK TO SAVEPOINT rebuild_event');
      out.failed += 1;
    }
  }
  return out;
}

async function currentSchema(sql: Sql): Promise<string> {
  const row = await sql.maybeOne<{ schema: string }>(`SELECT current_schema() AS schema`);
  if (!row?.schema) throw new Error('the connection has no current schema');
  return row.schema;
}
