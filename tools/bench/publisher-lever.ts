import { type EventEnvelope, validateEvent } from '@hotline/contracts';
import {
  createKafka,
  ensureTopics,
  type KafkaConfig,
  KafkaEventPublisher,
} from '@hotline/messaging';
import { randomUUID } from 'node:crypto';
import os from 'node:os';

export interface PublisherModeResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  load1: number;
}

/** An OrderAcknowledged of its own order (one publish call per event, as a publish activity does). */
function event(runId: string, i: number): EventEnvelope {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    aggregateType: 'order',
    aggregateId: `${runId}-P-${String(i).padStart(6, '0')}`,
    sequence: 1,
    type: 'OrderAcknowledged',
    schemaVersion: 1,
    occurredAt: now,
    payload: { unitId: 'CGZF', withinLimit: true, deadlines: { respondBy: now }, reminders: [] },
  };
}

const pct = (v: number[], p: number) => {
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
};

/**
 * The producer micro-batching lever alone: `events` publishes of one event each from
 * `concurrency` callers at a time (as the worker's publish activities do), one send per call
 * (before) and one sendBatch per tick across the concurrent calls (after), same producer
 * settings (idempotent, acks=-1), on the run's own topics. Also the cost of validating one event.
 */
export async function publisherLever(
  kafka: KafkaConfig,
  runId: string,
  events = 3000,
  concurrency = 50,
): Promise<{
  perCall: PublisherModeResult;
  microBatched: PublisherModeResult;
  speedup: number;
  validateMicrosPerEvent: number;
}> {
  const k = createKafka(kafka);
  await ensureTopics(k, kafka);
  const sample = event(runId, 0);
  const checked = validateEvent(sample);
  const run = async (microBatch: boolean): Promise<PublisherModeResult> => {
    const publisher = new KafkaEventPublisher(k, kafka, { microBatch });
    if (!checked.ok) throw new Error(`the bench's sample event is invalid: ${checked.reason}`);
    const options = {};
    await publisher.publish([event(runId, -1)], options); // connect first
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < events; i = next++) {
          const s = performance.now();
          await publisher.publish([event(runId, i)], options);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await publisher.close();
    return {
      events,
      seconds,
      eventsPerSecond: events / seconds,
      p50Ms: pct(latencies, 50),
      p99Ms: pct(latencies, 99),
      load1: Number(os.loadavg()[0]!.toFixed(2)),
    };
  };
  const perCall = await run(false);
  const microBatched = await run(true);
  const n = 20_000;
  const v0 = performance.now();
  for (let i = 0; i < n; i++) validateEvent(sample);
  const validateMicrosPerEvent = ((performance.now() - v0) * 1000) / n;
  return {
    perCall,
    microBatched,
    speedup: microBatched.eventsPerSecond / perCall.eventsPerSecond,
    validateMicrosPerEvent,
  };
}
