import { asOrderEvent, type EventEnvelope, type OrderReceivedV1 } from '@hotline/contracts';
import { type ReferenceData } from '@hotline/domain';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import {
  addDays,
  beijingDay,
  type GroupOrder,
  hotspotDetectedEvent,
  hotspotWindow,
  type HotspotWindow,
} from './hotspot-windows';

interface OrderRow {
  order_id: string;
  matter_type_code: string;
  community_id: string;
  street_id: string | null;
  received_at: string;
  received_day: string;
}

/** What the batch's events asked for, in their order: orders to remember, first dispatches. */
interface Pending {
  remembered: OrderRow[];
  /** Order id → its first dispatch (the event that accepts it), in the batch's order. */
  accepted: Map<string, EventEnvelope>;
}

const PENDING = 'hotspots:pending';

/**
 * `hotspot_order` and `hotspot`: orders that can make a hotspot, and the windows above the
 * threshold, each with its orders. A new window also goes into `hotspot_outbox` as a
 * HotspotDetected event (deterministic id), which the live projector publishes.
 *
 * An order counts once it passed the filter: its first dispatch. Counting at intake would let a
 * later rejection take it out again, and a published hotspot could not be taken back.
 *
 * A batch is written at its end: the remembered orders with one statement, the accepted ones
 * marked with one, each group's accepted orders read once, and the windows worked out in memory
 * dispatch after dispatch — as if each had been applied alone — then written with one statement
 * (a window first found in the batch is published with the dispatch that found it).
 */
export function hotspotsProjection(ref: ReferenceData): Projection {
  return {
    name: 'hotspots',
    aggregateTypes: ['order'],
    async apply(envelope: EventEnvelope, { batch }: ProjectionContext) {
      const event = asOrderEvent(envelope);
      if (event?.type === 'OrderReceived') {
        const row = rowOf(ref, event.payload);
        if (row) pendingOf(batch).remembered.push(row);
      }
      if (event?.type === 'OrderDispatched' && event.payload.attempt === 1) {
        const accepted = pendingOf(batch).accepted;
        if (!accepted.has(envelope.aggregateId)) accepted.set(envelope.aggregateId, envelope);
      }
    },
    async flush({ sql, batch }: BatchContext) {
      const pending = batch.get(PENDING) as Pending | undefined;
      if (!pending) return;
      await remember(sql, pending.remembered);
      if (pending.accepted.size > 0) await accept(sql, ref, pending.accepted);
    },
  };
}

function pendingOf(batch: Map<string, unknown>): Pending {
  let pending = batch.get(PENDING) as Pending | undefined;
  if (!pending) batch.set(PENDING, (pending = { remembered: [], accepted: new Map() }));
  return pending;
}

function rowOf(ref: ReferenceData, p: OrderReceivedV1): OrderRow | undefined {
  const { communityId, gridId, streetId } = p.location;
  const community =
    (communityId && ref.index.communities.get(communityId)?.id) ??
    (gridId ? ref.index.grids.get(gridId)?.communityId : undefined) ??
    communityId;
  if (!p.matterTypeCode || !community) return undefined;
  const street = streetId ?? ref.index.communities.get(community)?.streetId ?? null;
  const receivedAt = new Date(p.receivedAt);
  return {
    order_id: p.orderId,
    matter_type_code: p.matterTypeCode,
    community_id: community,
    street_id: street,
    received_at: receivedAt.toISOString(),
    received_day: beijingDay(receivedAt),
  };
}

async function remember(sql: Sql, rows: readonly OrderRow[]) {
  if (rows.length === 0) return;
  await sql.exec(
    `INSERT INTO hotspot_order (order_id, matter_type_code, community_id, street_id, received_at,
       received_day, accepted)
     SELECT order_id, matter_type_code, community_id, street_id, received_at, received_day, false
       FROM json_populate_recordset(NULL::hotspot_order, $1::json)
     ON CONFLICT (order_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** `addDays`, remembered: a batch asks for the same few days thousands of times. */
function memoDays(): (day: string, n: number) => string {
  const memo = new Map<string, string>();
  return (day, n) => {
    const key = `${day} ${n}`;
    let out = memo.get(key);
    if (out === undefined) memo.set(key, (out = addDays(day, n)));
    return out;
  };
}

const groupKey = (r: { matter_type_code: string; community_id: string }) =>
  `${r.matter_type_code} ${r.community_id}`;

async function accept(sql: Sql, ref: ReferenceData, dispatches: Map<string, EventEnvelope>) {
  // The batch's orders not accepted yet, with their group (matter, community).
  const waiting = await sql.rows<OrderRow>(
    `SELECT order_id, matter_type_code, community_id, street_id, received_at,
            received_day::text AS received_day
       FROM hotspot_order WHERE order_id = ANY($1::text[]) AND NOT accepted`,
    [[...dispatches.keys()]],
  );
  if (waiting.length === 0) return;
  const groups = [...new Set(waiting.map(groupKey))].sort();
  // Partitions are projected concurrently: orders of one group are accepted one transaction at
  // a time, so the last to commit counts every other one. Locks taken in key order, one
  // statement (no deadlock between two batches sharing groups).
  await sql.exec(
    `SELECT count(pg_advisory_xact_lock(hashtext('hotspot'), hashtext(k)))
       FROM unnest($1::text[]) WITH ORDINALITY AS g(k, n)`,
    [groups],
  );
  const accepted = await sql.rows<OrderRow>(
    `UPDATE hotspot_order SET accepted = true WHERE order_id = ANY($1::text[]) AND NOT accepted
     RETURNING order_id, matter_type_code, community_id, street_id, received_at,
               received_day::text AS received_day`,
    [waiting.map((w) => w.order_id)],
  );
  if (accepted.length === 0) return;
  const span = ref.policy.hotspot.windowDays - 1;

  // Each group's orders accepted before this batch, around the days of the batch's orders.
  const ranges = new Map<string, { matter: string; community: string; from: string; to: string }>();
  for (const a of accepted) {
    const key = groupKey(a);
    const from = addDays(a.received_day, -span);
    const to = addDays(a.received_day, span);
    const r = ranges.get(key);
    if (!r) ranges.set(key, { matter: a.matter_type_code, community: a.community_id, from, to });
    else {
      if (from < r.from) r.from = from;
      if (to > r.to) r.to = to;
    }
  }
  const keys = [...ranges.keys()].sort();
  const earlier = await sql.rows<{
    matter_type_code: string;
    community_id: string;
    order_id: string;
    received_at: Date;
    received_day: string;
  }>(
    `SELECT o.matter_type_code, o.community_id, o.order_id, o.received_at,
            o.received_day::text AS received_day
       FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) AS g(m, c, f, t)
       JOIN hotspot_order o ON o.accepted AND o.matter_type_code = g.m AND o.community_id = g.c
                           AND o.received_day BETWEEN g.f AND g.t
      WHERE NOT (o.order_id = ANY($5::text[]))`,
    [
      keys.map((k) => ranges.get(k)!.matter),
      keys.map((k) => ranges.get(k)!.community),
      keys.map((k) => ranges.get(k)!.from),
      keys.map((k) => ranges.get(k)!.to),
      accepted.map((a) => a.order_id),
    ],
  );
  const known = new Map<string, GroupOrder[]>();
  for (const r of earlier) {
    const list = known.get(groupKey(r)) ?? [];
    known.set(groupKey(r), list);
    list.push({ orderId: r.order_id, receivedAt: r.received_at, receivedDay: r.received_day });
  }

  // Dispatch after dispatch, in the batch's order, with day counts: the windows each one touches
  // (ending on its day or a later one within the window length on which the group has orders)
  // and whether a window is then at the threshold — the first dispatch to bring a window there
  // found it. A window's orders can only change by an order that touches it, so its row is
  // worked out once, at the end, from every order the group then has.
  const { minOrders } = ref.policy.hotspot;
  const day = memoDays();
  const byId = new Map(accepted.map((a) => [a.order_id, a]));
  const state = new Map<
    string,
    { group: { matterTypeCode: string; communityId: string }; days: Map<string, number> }
  >();
  const touched = new Map<string, { groupKey: string; end: string }>();
  const firstFound = new Map<string, { streetId: string | null; cause: EventEnvelope }>();
  for (const [orderId, cause] of dispatches) {
    const a = byId.get(orderId);
    if (!a) continue;
    const key = groupKey(a);
    let g = state.get(key);
    if (!g) {
      g = {
        group: { matterTypeCode: a.matter_type_code, communityId: a.community_id },
        days: new Map(),
      };
      for (const o of known.get(key) ?? [])
        g.days.set(o.receivedDay, (g.days.get(o.receivedDay) ?? 0) + 1);
      state.set(key, g);
    }
    const orders = known.get(key) ?? [];
    known.set(key, orders);
    orders.push({
      orderId: a.order_id,
      receivedAt: new Date(a.received_at),
      receivedDay: a.received_day,
    });
    g.days.set(a.received_day, (g.days.get(a.received_day) ?? 0) + 1);
    for (let i = 0; i <= span; i++) {
      const end = day(a.received_day, i);
      if (!g.days.has(end)) continue;
      const id = `${a.matter_type_code}|${a.community_id}|${end}`;
      touched.set(id, { groupKey: key, end });
      if (firstFound.has(id)) continue;
      let count = 0;
      for (let j = 0; j <= span; j++) count += g.days.get(day(end, -j)) ?? 0;
      if (count >= minOrders) firstFound.set(id, { streetId: a.street_id, cause });
    }
  }
  const windows = new Map<
    string,
    { window: HotspotWindow; streetId: string | null; cause: EventEnvelope }
  >();
  for (const [id, { groupKey: key, end }] of touched) {
    const found = firstFound.get(id);
    if (!found) continue;
    const window = hotspotWindow(state.get(key)!.group, end, known.get(key)!, ref);
    if (window) windows.set(id, { window, ...found });
  }
  if (windows.size === 0) return;
  const found = [...windows.values()].sort((x, y) =>
    x.window.hotspotId < y.window.hotspotId ? -1 : 1,
  );
  const written = await sql.rows<{ hotspot_id: string; inserted: boolean }>(
    `INSERT INTO hotspot AS h (hotspot_id, matter_type_code, community_id, street_id, window_start,
       window_end, order_count, order_ids)
     SELECT hotspot_id, matter_type_code, community_id, street_id, window_start, window_end,
            order_count, order_ids
       FROM json_populate_recordset(NULL::hotspot, $1::json)
     ON CONFLICT (hotspot_id) DO UPDATE SET order_count = EXCLUDED.order_count,
       order_ids = EXCLUDED.order_ids
     RETURNING h.hotspot_id, (h.xmax = 0) AS inserted`,
    [
      JSON.stringify(
        found.map(({ window: w, streetId }) => ({
          hotspot_id: w.hotspotId,
          matter_type_code: w.matterTypeCode,
          community_id: w.communityId,
          street_id: streetId,
          window_start: w.windowStart,
          window_end: w.windowEnd,
          order_count: w.orderIds.length,
          order_ids: w.orderIds,
        })),
      ),
    ],
  );
  const fresh = new Set(written.filter((r) => r.inserted).map((r) => r.hotspot_id));
  const outbox = found
    .filter((f) => fresh.has(f.window.hotspotId))
    .map(({ window, streetId, cause }) => {
      const detected = hotspotDetectedEvent(window, streetId, cause, ref);
      return { event_id: detected.eventId, hotspot_id: window.hotspotId, event: detected };
    });
  if (outbox.length === 0) return;
  // The outbox outlives rebuilds: a window found again keeps its one event.
  await sql.exec(
    `INSERT INTO hotspot_outbox (event_id, hotspot_id, event)
     SELECT event_id, hotspot_id, event FROM json_to_recordset($1::json)
       AS o(event_id text, hotspot_id text, event jsonb)
     ON CONFLICT (event_id) DO NOTHING`,
    [JSON.stringify(outbox)],
  );
}
