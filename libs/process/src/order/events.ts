import type { DeadlineResult } from '../activities';
import { iso, ms } from '../shared/time';
import type { OrderState, PendingEvent } from './model';

/** Event builders shared by `decide`, intake and the timers. */

export function closed(
  state: OrderState,
  closure: 'completed' | 'terminated' | 'rejected' | 'merged' | 'answered_directly',
): PendingEvent {
  return {
    type: 'OrderClosed',
    payload: {
      closure,
      ...unitField(state, 'leadUnitId'),
      ...(state.respondedWithinLimit !== undefined
        ? { respondedWithinLimit: state.respondedWithinLimit }
        : {}),
      ...(state.resolvedWithinLimit !== undefined
        ? { resolvedWithinLimit: state.resolvedWithinLimit }
        : {}),
      ...(state.callback
        ? { callback: state.callback }
        : state.resolvedAt
          ? { callback: { answered: false } }
          : {}),
      reworkRounds: state.reworkRounds,
      returnCount: state.returnedByUnitIds.length,
      excluded: state.exclusion?.status === 'approved',
      breaches: state.breaches,
    },
  };
}

export function toArbitration(
  _state: OrderState,
  returnedBy: string[],
  reason: string,
  arbiter?: { arbiterUnitId?: string; arbiterLevel?: 'city' | 'district' },
): PendingEvent {
  return {
    type: 'OrderSentToArbitration',
    payload: {
      reason,
      returnedByUnitIds: returnedBy,
      // Three-level orders: the district centre, or the city centre across districts/levels.
      ...(arbiter?.arbiterUnitId && arbiter.arbiterLevel
        ? { arbiterUnitId: arbiter.arbiterUnitId, arbiterLevel: arbiter.arbiterLevel }
        : {}),
    },
  };
}

/** Where an escalation (督办/上报) of a three-level order goes: the lead's next level up. */
export function escalationField(state: OrderState) {
  const e = state.levels?.escalation;
  return e ? { toUnitId: e.toUnitId, level: e.level } : {};
}

/** The deadlines an event carries, flagged when the calendar had to use a provisional year. */
export function pick<K extends keyof DeadlineResult>(
  d: DeadlineResult,
  keys: K[],
): Partial<Pick<DeadlineResult, K | 'provisional'>> {
  const out: Partial<Pick<DeadlineResult, K | 'provisional'>> = {};
  for (const k of keys) if (d[k] !== undefined) out[k] = d[k];
  if (d.provisional) out.provisional = true;
  return out;
}

export function placeFields(state: OrderState) {
  return {
    ...(state.matterTypeCode ? { matterTypeCode: state.matterTypeCode } : {}),
    ...(state.location.streetId ? { streetId: state.location.streetId } : {}),
  };
}

export function unitField(
  state: OrderState,
  key: 'unitId' | 'leadUnitId' = 'unitId',
): Record<string, string> {
  return state.leadUnitId ? { [key]: state.leadUnitId } : {};
}

export function reminderInstants(from: string, handleBy: string | undefined, fractions: number[]) {
  if (!handleBy) return [];
  const start = ms(from);
  const end = ms(handleBy);
  return fractions.map((fraction) => ({
    kind: 'handling' as const,
    at: iso(start + (end - start) * fraction),
    fraction,
  }));
}
