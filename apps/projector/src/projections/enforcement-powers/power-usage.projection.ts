import { asOrderEvent, type EventEnvelope } from '@hotline/contracts';
import {
  closedUnderPower,
  dispatchedUnderPower,
  POWER_USAGE_COUNT_FIELDS,
  type PowerUsageCounts,
  type ReferenceData,
  shanghaiMonth,
} from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';
import { type Sql } from '../../runner/sql';
import { scoreRecordOf } from '../unit-scores/score-record';

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNT_COLUMNS = POWER_USAGE_COUNT_FIELDS.map(column);

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
    async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
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
          if (p.attempt > 1)
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
        if (!record) return;
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
