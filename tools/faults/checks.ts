import { type EventEnvelope, eventTopics } from '@hotline/contracts';
import { createKafka, kafkaConfigFromEnv, type RawMessage, TopicReader } from '@hotline/messaging';
import { connectTemporalClient, temporalConfigFromEnv } from '@hotline/temporal';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { sleep } from './processes';

export interface OrderFinding {
  orderId: string;
  problem: string;
}

export interface CheckResult {
  checked: number;
  /** Orders with no workflow, no read-model row, or a sequence missing from the timeline. */
  lost: OrderFinding[];
  /** Orders whose timeline holds a sequence twice, or a sequence under two event ids. */
  duplicated: OrderFinding[];
  /** Orders whose workflow and read model disagree after quiescence. */
  stuck: OrderFinding[];
  /** Messages on the topic that repeat an event already there (same event id). */
  topicDuplicates: number;
  deadLetters: string[];
  gaps: string[];
  /** How long the read model took to agree with every workflow, after the load ended. */
  quiescenceSeconds: number;
}

interface WorkflowSide {
  status: string;
  lastSequence: number;
}

/**
 * Compares, for the given orders, the workflows (Temporal, the truth), the read models
 * (PostgreSQL) and the topic (Kafka, the record), once the read model has caught up or the time
 * for that is over.
 */
export async function checkOrders(
  env: NodeJS.ProcessEnv,
  orderIds: string[],
  quiescenceTimeoutMs = 180_000,
): Promise<CheckResult> {
  const result: CheckResult = {
    checked: orderIds.length,
    lost: [],
    duplicated: [],
    stuck: [],
    topicDuplicates: 0,
    deadLetters: [],
    gaps: [],
    quiescenceSeconds: 0,
  };
  if (orderIds.length === 0) return result;
  const { client, connection } = await connectTemporalClient(temporalConfigFromEnv(env));
  const db = new PgClient({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const workflows = new Map<string, WorkflowSide | 'missing' | { error: string }>();
    // A finished workflow's state is its result (kept by the server, no worker needed); a running
    // one is asked by query. A few at a time: a query is a workflow task on a busy worker.
    const readWorkflow = async (id: string) => {
      const handle = client.workflow.getHandle(id);
      try {
        const description = await handle.describe();
        type State = { status: string; timeline: { sequence: number }[] };
        const state =
          description.status.name === 'COMPLETED'
            ? ((await handle.result()) as State)
            : await handle.query<State>('orderState');
        const last = Math.max(0, ...state.timeline.map((t) => t.sequence));
        workflows.set(id, { status: state.status, lastSequence: last });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        workflows.set(id, /not found/i.test(message) ? 'missing' : { error: message });
      }
    };
    const readWorkflows = async (ids: string[]) => {
      const queue = [...ids];
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let id = queue.shift(); id; id = queue.shift()) await readWorkflow(id);
        }),
      );
    };
    const readModel = async () =>
      new Map(
        (
          await db.query<{ order_id: string; status: string; last_sequence: number }>(
            'SELECT order_id, status, last_sequence FROM order_view WHERE order_id = ANY($1)',
            [orderIds],
          )
        ).rows.map((r) => [r.order_id, r]),
      );
    // Quiescence: every workflow's last event is in the read model (or time is up).
    const started = Date.now();
    await readWorkflows(orderIds);
    let views = await readModel();
    for (;;) {
      const behind = orderIds.filter((id) => {
        const wf = workflows.get(id);
        const view = views.get(id);
        if (!wf || wf === 'missing') return false;
        if ('error' in wf) return true;
        return !view || view.status !== wf.status || view.last_sequence !== wf.lastSequence;
      });
      if (behind.length === 0 || Date.now() - started > quiescenceTimeoutMs) break;
      await sleep(2000);
      // Only those still behind are read again.
      await readWorkflows(behind);
      views = await readModel();
      if (Date.now() - started > quiescenceTimeoutMs) break;
    }
    result.quiescenceSeconds = (Date.now() - started) / 1000;

    const timelines = new Map<string, { sequence: number; event_id: string }[]>();
    for (const r of (
      await db.query<{ order_id: string; sequence: number; event_id: string }>(
        'SELECT order_id, sequence, event_id FROM order_timeline WHERE order_id = ANY($1) ORDER BY order_id, sequence',
        [orderIds],
      )
    ).rows)
      timelines.set(r.order_id, [...(timelines.get(r.order_id) ?? []), r]);
    for (const r of (
      await db.query<{
        aggregate_id: string;
        projection: string;
        expected_sequence: number;
        received_sequence: number;
      }>(
        'SELECT aggregate_id, projection, expected_sequence, received_sequence FROM projection_gap WHERE aggregate_id = ANY($1)',
        [orderIds],
      )
    ).rows)
      result.gaps.push(
        `${r.aggregate_id} ${r.projection}: expected #${r.expected_sequence}, got #${r.received_sequence}`,
      );

    const onTopic = await eventsOnTopics(env, new Set(orderIds));
    result.topicDuplicates = onTopic.duplicates;
    result.deadLetters = onTopic.deadLetters;

    for (const id of orderIds) {
      const wf = workflows.get(id);
      const view = views.get(id);
      if (!wf || wf === 'missing') {
        result.lost.push({ orderId: id, problem: 'no workflow' });
        continue;
      }
      if ('error' in wf) {
        result.stuck.push({ orderId: id, problem: `workflow unreadable: ${wf.error}` });
        continue;
      }
      if (!view) {
        result.lost.push({ orderId: id, problem: 'no read-model row' });
        continue;
      }
      const timeline = timelines.get(id) ?? [];
      const sequences = timeline.map((t) => t.sequence);
      const missing = Array.from({ length: wf.lastSequence }, (_, i) => i + 1).filter(
        (s) => !sequences.includes(s),
      );
      if (missing.length > 0)
        result.lost.push({ orderId: id, problem: `timeline lacks #${missing.join(', #')}` });
      if (new Set(sequences).size !== sequences.length)
        result.duplicated.push({ orderId: id, problem: 'a sequence twice in the timeline' });
      const conflicting = onTopic.conflicts.get(id);
      if (conflicting)
        result.duplicated.push({
          orderId: id,
          problem: `sequence(s) under two event ids: ${conflicting}`,
        });
      if (view.status !== wf.status || view.last_sequence !== wf.lastSequence)
        result.stuck.push({
          orderId: id,
          problem: `workflow ${wf.status} #${wf.lastSequence}, read model ${view.status} #${view.last_sequence}`,
        });
    }
  } finally {
    await db.end();
    await connection.close();
  }
  return result;
}

/** The orders' events on the event topic (duplicates, conflicts) and on the dead-letter topic. */
async function eventsOnTopics(env: NodeJS.ProcessEnv, ids: Set<string>) {
  const config = kafkaConfigFromEnv(env);
  const topics = eventTopics(config.topicPrefix);
  const messages: RawMessage[] = [];
  const reader = new TopicReader(
    createKafka(config),
    [topics.orderEvents, topics.deadLetter],
    `faults-check-${randomUUID()}`,
  );
  try {
    await reader.start(async (batch) => void messages.push(...batch));
    await reader.reach(await reader.endOffsets());
  } finally {
    await reader.stop();
  }
  const seen = new Set<string>();
  const bySequence = new Map<string, string>();
  const conflicts = new Map<string, string>();
  let duplicates = 0;
  const deadLetters: string[] = [];
  for (const m of messages) {
    const key = m.key?.toString() ?? '';
    if (!ids.has(key)) continue;
    if (m.topic === topics.deadLetter) {
      deadLetters.push(`${key} #${m.headers['event-sequence'] ?? '?'}: ${m.headers['dlq-reason']}`);
      continue;
    }
    const e = JSON.parse(m.value!.toString()) as EventEnvelope;
    if (seen.has(e.eventId)) duplicates += 1;
    seen.add(e.eventId);
    const at = `${key}#${e.sequence}`;
    const before = bySequence.get(at);
    if (before && before !== e.eventId)
      conflicts.set(key, `${conflicts.get(key) ?? ''} #${e.sequence}`.trim());
    bySequence.set(at, e.eventId);
  }
  return { duplicates, conflicts, deadLetters };
}
