import { asOrderEvent, type EventEnvelope, type OrderReceivedV1 } from '@hotline/contracts';
import { type ReferenceData } from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import {
  addDays,
  beijingDay,
  type GroupOrder,
  hotspotDetectedEvent,
  hotspotWindowsTouching,
} from './hotspot-windows';

interface AcceptedRow {
  matter_type_code: string;
  community_id: string;
  street_id: string | null;
  received_day: string;
}

/**
 * `hotspot_order` and `hotspot`: orders that can make a hotspot, and the windows above the
 * threshold, each with its orders. A new window also goes into `hotspot_outbox` as a
 * HotspotDetected event (deterministic id), which the live projector publishes.
 *
 * An order counts once it passed the filter: its first dispatch. Counting at intake would let a
 * later rejection take it out again, and a published hotspot could not be taken back.
 */
export function hotspotsProjection(ref: ReferenceData): Projection {
  return {
    name: 'hotspots',
    aggregateTypes: ['order'],
    async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
      const event = asOrderEvent(envelope);
      if (event?.type === 'OrderReceived') await remember(sql, ref, event.payload);
      if (event?.type === 'OrderDispatched' && event.payload.attempt === 1) {
        await accept(sql, ref, envelope);
      }
    },
  };
}

async function remember(sql: Sql, ref: ReferenceData, p: OrderReceivedV1) {
  const { communityId, gridId, streetId } = p.location;
  const community =
    (communityId && ref.index.communities.get(communityId)?.id) ??
    (gridId ? ref.index.grids.get(gridId)?.communityId : undefined) ??
    communityId;
  if (!p.matterTypeCode || !community) return;
  const street = streetId ?? ref.index.communities.get(community)?.streetId ?? null;
  const receivedAt = new Date(p.receivedAt);
  await sql.exec(
    `INSERT INTO hotspot_order (order_id, matter_type_code, community_id, street_id, received_at,
       received_day, accepted)
     VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (order_id) DO NOTHING`,
    [p.orderId, p.matterTypeCode, community, street, receivedAt, beijingDay(receivedAt)],
  );
}

async function accept(sql: Sql, ref: ReferenceData, event: EventEnvelope) {
  // Partitions are projected concurrently: orders of one group (matter, community) are accepted
  // one transaction at a time, so the last to commit counts every other one.
  const group = await sql.maybeOne<{ matter_type_code: string; community_id: string }>(
    `SELECT matter_type_code, community_id FROM hotspot_order WHERE order_id = $1 AND NOT accepted`,
    [event.aggregateId],
  );
  if (!group) return;
  await sql.exec(`SELECT pg_advisory_xact_lock(hashtext('hotspot'), hashtext($1))`, [
    `${group.matter_type_code} ${group.community_id}`,
  ]);
  const accepted = await sql.maybeOne<AcceptedRow>(
    `UPDATE hotspot_order SET accepted = true WHERE order_id = $1 AND NOT accepted
     RETURNING matter_type_code, community_id, street_id, received_day::text AS received_day`,
    [event.aggregateId],
  );
  if (!accepted) return;
  const span = ref.policy.hotspot.windowDays - 1;
  const day = accepted.received_day;
  const orders = (
    await sql.rows<{ order_id: string; received_at: Date; received_day: string }>(
      `SELECT order_id, received_at, received_day::text AS received_day FROM hotspot_order
        WHERE accepted AND matter_type_code = $1 AND community_id = $2
          AND received_day BETWEEN $3::date AND $4::date`,
      [accepted.matter_type_code, accepted.community_id, addDays(day, -span), addDays(day, span)],
    )
  ).map<GroupOrder>((r) => ({
    orderId: r.order_id,
    receivedAt: r.received_at,
    receivedDay: r.received_day,
  }));
  const windowGroup = {
    matterTypeCode: accepted.matter_type_code,
    communityId: accepted.community_id,
  };
  for (const window of hotspotWindowsTouching(windowGroup, day, orders, ref)) {
    const row = await sql.maybeOne<{ inserted: boolean }>(
      `INSERT INTO hotspot (hotspot_id, matter_type_code, community_id, street_id, window_start,
         window_end, order_count, order_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (hotspot_id) DO UPDATE SET order_count = EXCLUDED.order_count,
         order_ids = EXCLUDED.order_ids
       RETURNING (xmax = 0) AS inserted`,
      [
        window.hotspotId,
        window.matterTypeCode,
        window.communityId,
        accepted.street_id,
        window.windowStart,
        window.windowEnd,
        window.orderIds.length,
        window.orderIds,
      ],
    );
    if (!row?.inserted) continue;
    const detected = hotspotDetectedEvent(window, accepted.street_id, event, ref);
    // The outbox outlives rebuilds: a window found again keeps its one event.
    await sql.exec(
      `INSERT INTO hotspot_outbox (event_id, hotspot_id, event) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING`,
      [detected.eventId, window.hotspotId, detected],
    );
  }
}
