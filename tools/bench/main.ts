// npm run bench [-- --orders 500 --concurrency 20 --keep]
// Drives orders through their whole lifecycle on the real stack (Temporal, Kafka, PostgreSQL),
// measures orders/s and event-to-read-model lag, the same lifecycle on a bare workflow of the
// same shape with no-op activities (Temporal's own limit here), then the rebuild against a raw
// kafkajs read. Writes .data/bench/latest.json and latest.md; asserts nothing about time.
import 'reflect-metadata';
import { sampleReferenceData } from '@hotline/domain';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { ProgressBar } from '../../apps/projector/src/rebuild/progress-bar';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild';
import { startBenchStack } from './bench-stack';
import { driveLifecycles, percentile } from './lifecycle-driver';
import { readSpeed } from './read-speed';
import { machine, writeReport } from './report';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('orders', 500);
const CONCURRENCY = arg('concurrency', 20);
/** Events of one lifecycle: received, dispatched, acknowledged, responded, resolved, callback, closed. */
const EVENTS_PER_ORDER = 7;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Night-time construction noise, spread over every community of the sample district's streets. */
function noiseOrders(runId: string) {
  const ref = sampleReferenceData();
  const places = ref.streets
    .filter((s) => s.kind === 'street')
    .flatMap((s) =>
      s.communities.map((c) => ({ streetId: s.id, communityId: c.id, gridId: c.grids[0]?.id })),
    );
  return (i: number) => {
    const place = places[i % places.length]!;
    const input: OrderWorkflowInput = {
      orderId: `${runId}-${String(i).padStart(6, '0')}`,
      channel: 'phone',
      category: 'complaint',
      content: '小区旁工地夜间22点后仍在施工，噪音很大',
      matterTypeCode: 'CG-003',
      urgency: 'normal',
      location: { address: `${place.communityId} 工地`, ...place },
      receivedAt: new Date().toISOString(),
      callerKey: `bench-caller-${i}`,
    };
    return { workflowId: input.orderId, args: [input] };
  };
}

async function main() {
  const lags: number[] = [];
  const fromKafka: number[] = [];
  const stack = await startBenchStack((lag, kafka) => {
    lags.push(lag);
    fromKafka.push(kafka);
  }, log);
  const keep = process.argv.includes('--keep');
  try {
    log(`${ORDERS} orders, ${CONCURRENCY} at a time, through the order workflow …`);
    const bar = new ProgressBar('orders', 'orders');
    const real = await driveLifecycles({
      client: stack.client,
      taskQueue: stack.temporal.taskQueue,
      workflowType: 'hotlineOrderWorkflow',
      order: noiseOrders(stack.runId),
      count: ORDERS,
      concurrency: CONCURRENCY,
      onDone: (n) => bar.update(n, ORDERS),
    });
    bar.done(ORDERS, ORDERS);
    const expected = ORDERS * EVENTS_PER_ORDER;
    while (lags.length < expected) await new Promise((r) => setTimeout(r, 100));
    log(`projector caught up: ${lags.length} events applied`);

    log(`the same ${ORDERS} lifecycles on the bare workflow (no-op activities) …`);
    const bareBar = new ProgressBar('bare  ', 'orders');
    const bare = await driveLifecycles({
      client: stack.client,
      taskQueue: stack.bareTaskQueue,
      workflowType: 'bareOrderWorkflow',
      order: (i) => ({ workflowId: `${stack.runId}-bare-${i}`, args: [] }),
      count: ORDERS,
      concurrency: CONCURRENCY,
      onDone: (n) => bareBar.update(n, ORDERS),
    });
    bareBar.done(ORDERS, ORDERS);
    await stack.stopBare();

    log('rebuilding every read model from the topics …');
    const rebuildBar = new ProgressBar('rebuild');
    const rebuild = await rebuildReadModels({
      kafka: stack.kafka,
      database: stack.database,
      onProgress: (read, total) => rebuildBar.update(read, total),
    });
    rebuildBar.done(rebuild.events, rebuild.events);
    log('reading the topics with kafkajs alone …');
    const raw = await readSpeed(stack.kafka, 'raw');
    const validated = await readSpeed(stack.kafka, 'validated');

    const report = {
      at: new Date().toISOString(),
      machine: await machine(stack.database),
      settings: { orders: ORDERS, concurrency: CONCURRENCY, eventsPerOrder: EVENTS_PER_ORDER },
      lifecycle: {
        seconds: real.seconds,
        ordersPerSecond: real.ordersPerSecond,
        orderMillisP50: percentile(real.orderMillis, 50),
        orderMillisP99: percentile(real.orderMillis, 99),
      },
      lag: {
        events: lags.length,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        maxMs: Math.max(...lags),
        // The projector's own share: from the Kafka append to the commit.
        fromKafkaP50Ms: percentile(fromKafka, 50),
        fromKafkaP99Ms: percentile(fromKafka, 99),
      },
      bareWorkflow: {
        seconds: bare.seconds,
        ordersPerSecond: bare.ordersPerSecond,
        orderMillisP50: percentile(bare.orderMillis, 50),
        orderMillisP99: percentile(bare.orderMillis, 99),
      },
      realToBareRatio: real.ordersPerSecond / bare.ordersPerSecond,
      rebuild: {
        events: rebuild.events,
        seconds: rebuild.seconds,
        eventsPerSecond: rebuild.eventsPerSecond,
        applyEventsPerSecond: rebuild.applyEventsPerSecond,
        identicalToLive: rebuild.tables.every((t) => t.identical),
        tables: Object.fromEntries(rebuild.tables.map((t) => [t.table, t.rebuilt.rows])),
      },
      rawConsume: raw,
      validatedConsume: validated,
    };
    const files = await writeReport(report);
    process.stdout.write(`\n${files.markdown}\n`);
    log(`written to ${files.jsonPath} and ${files.markdownPath}`);
  } finally {
    await stack.stop(keep);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
