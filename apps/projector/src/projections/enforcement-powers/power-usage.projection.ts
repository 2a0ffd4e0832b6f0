import { asOrderEvent, type EventEnvelope } from '@hotline/contracts';
import {
  closedUnderPower,
  dispatchedUnderPower,
  POWER_USAGE_COUNT_FIELDS,
  type PowerUsageCounts,
  type ReferenceData,
  shanghaiMonth,
} from '@hotline/domain';
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import { scoreRecordOf } from '../unit-scores/score-record';

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNT_COLUMNS = POWER_USAGE_COUNT_FIELDS.map(column);

/** Orders of the batch looked up, and those of them ever dispatched under a power. */
const SEEN = 'enforcement-power-usage:seen';
interface Seen {
  checked: Set<string>;
  underPower: Set<string>;
}

function seenOf(batch: BatchContext['batch']): Seen {
  let seen = batch.get(SEEN) as Seen | undefined;
  if (!seen) batch.set(SEEN, (seen = { checked: new Set(), underPower: new Set() }));
  return seen;
}

/** Whether the order was ever under a power: most orders never are, and need no statement. */
async function everUnderPower({ sql, batch }: BatchContext, orderId: string): Promise<boolean> {
  const seen = seenOf(batch);
  if (!seen.checked.has(orderId)) await lookUp({ sql, batch }, [orderId]);
  return seen.underPower.has(orderId);
}

async function lookUp({ sql, batch }: BatchContext, orderIds: readonly string[]) {
  const seen = seenOf(batch);
  const ids = orderIds.filter((id) => !seen.checked.has(id));
  if (ids.length === 0) return;
  const rows = await sql.rows<{ order_id: string }>(
    `SELECT DISTINCT order_id FROM enforcement_power_order WHERE order_id = ANY($1::text[])`,
    [ids],
  );
  for (const id of ids) seen.checked.add(id);
  for (const r of rows) seen.underPower.add(r.order_id);
}

interface PowerOrderRow {
  power_id: string;
  power_name: string;
  street_id: string;
  district_id: string | null;
}

/**
 * `enforcement_power_order` and `enforcement_power_usage`: how each devolved enforcement power
 * (执法职权清单) is used. An OrderDispatched that names a power and leads with the street
 * (`enforcement`: the street's comprehensive enforcement team enforces, the former department
 * supports) records the order under that power and street, counted once as dispatched in the
 * dispatch's month; the order's later dispatches move which one it is under now (none, when the
 * street returned it and the department leads after all).
 * Its OrderClosed counts, in the closing month, for the power and street it is under then —
 * tallied by libs/domain exactly as the monthly scores (三率) tally a unit's closed orders, plus
 * on time. The runner applies each event once (positions in the same transaction), and every
 * table is rebuilt from the topics like the other read models.
 */
export function powerUsageProjection(ref: ReferenceData): Projection {
  return {
    name: 'enforcement-power-usage',
    aggregateTypes: ['order'],
    async prepare(events: readonly EventEnvelope[], ctx: BatchContext) {
      // One statement for the batch's dispatches after the first and its closures.
      const ids = events
        .filter((e) => e.type === 'OrderClosed' || e.type === 'OrderDispatched')
        .map((e) => e.aggregateId);
      await lookUp(ctx, [...new Set(ids)]);
    },
    async apply(envelope: EventEnvelope, { sql, batch }: ProjectionContext) {
      const event = asOrderEvent(envelope);
      if (event?.type === 'OrderDispatched') {
        const p = event.payload;
        const power = p.enforcement;
        // Under the power only when the street's team leads: after the street returned it, the
        // department it went to is support, not the team. (Dispatches recorded before the team's
        // street was named: the place's street, else a lead the reference data knows as a street.)
        const streetId = power
          ? (power.streetId ??
            p.streetId ??
            (ref.index.streets.has(p.leadUnitId) ? p.leadUnitId : undefined))
          : undefined;
        if (!power || !streetId || p.leadUnitId !== streetId) {
          // Dispatched elsewhere after a return or by hand: no longer under a power (a first
          // dispatch has nothing to clear).
          if (p.attempt > 1 && (await everUnderPower({ sql, batch }, event.aggregateId)))
            await sql.exec(
              `UPDATE enforcement_power_order SET current = false WHERE order_id = $1 AND current`,
              [event.aggregateId],
            );
          return;
        }
        const districtId = p.districtId ?? ref.index.streets.get(streetId)?.districtId ?? null;
        const inserted = await sql.exec(
          `INSERT INTO enforcement_power_order
             (order_id, power_id, street_id, power_name, district_id, dispatched_at, current)
           VALUES ($1, $2, $3, $4, $5, $6, true)
           ON CONFLICT (order_id, power_id, street_id) DO NOTHING`,
          [
            event.aggregateId,
            power.powerId,
            streetId,
            power.powerName,
            districtId,
            event.occurredAt,
          ],
        );
        await sql.exec(
          `UPDATE enforcement_power_order SET current = (power_id = $2 AND street_id = $3)
            WHERE order_id = $1`,
          [event.aggregateId, power.powerId, streetId],
        );
        seenOf(batch).underPower.add(event.aggregateId);
        if (inserted > 0)
          await addUsage(
            sql,
            shanghaiMonth(new Date(event.occurredAt)),
            {
              power_id: power.powerId,
              power_name: power.powerName,
              street_id: streetId,
              district_id: districtId,
            },
            dispatchedUnderPower(),
          );
        return;
      }
      if (event?.type === 'OrderClosed') {
        const record = scoreRecordOf(envelope);
        if (!record || !(await everUnderPower({ sql, batch }, event.aggregateId))) return;
        const under = await sql.maybeOne<PowerOrderRow>(
          `UPDATE enforcement_power_order SET closed_at = $2 WHERE order_id = $1 AND current
           RETURNING power_id, power_name, street_id, district_id`,
          [event.aggregateId, event.occurredAt],
        );
        if (!under) return;
        const counts = closedUnderPower(
          { ...record, resolvedWithinLimit: event.payload.resolvedWithinLimit === true },
          ref.policy,
        );
        await addUsage(sql, shanghaiMonth(record.closedAt), under, counts);
      }
    },
  };
}

async function addUsage(sql: Sql, month: string, under: PowerOrderRow, delta: PowerUsageCounts) {
  await sql.exec(
    `INSERT INTO enforcement_power_usage
       (month, power_id, street_id, power_name, district_id, ${COUNT_COLUMNS.join(', ')})
     VALUES ($1, $2, $3, $4, $5, ${COUNT_COLUMNS.map((_, i) => `$${i + 6}`).join(', ')})
     ON CONFLICT (month, power_id, street_id) DO UPDATE SET
       ${COUNT_COLUMNS.map((c) => `${c} = enforcement_power_usage.${c} + EXCLUDED.${c}`).join(', ')}`,
    [
      month,
      under.power_id,
      under.street_id,
      under.power_name,
      under.district_id,
      ...POWER_USAGE_COUNT_FIELDS.map((f) => delta[f]),
    ],
  );
}
