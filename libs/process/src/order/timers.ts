import type { DeadlineKind } from '@hotline/contracts';
import { DAY, ms } from '../shared/time';
import { closed, escalationField, unitField } from './events';
import type { OrderState, PendingEvent } from './model';

/** 催办: the reminder notice goes out a day after a handling breach (docs/domain.md §6). */
const URGE_AFTER_BREACH_MS = DAY;
/** If the centre records no callback for this long after it was due, the order closes without one. */
const CALLBACK_GRACE_MS = 3 * DAY;

// ------------------------------------------------------------------ timers

export interface OrderTimer {
  key: string;
  at: number;
  kind: DeadlineKind | 'callback';
  action: 'remind' | 'breach' | 'urge' | 'close_without_callback';
  deadline: string;
  fraction?: number;
}

/** Every reminder, breach and follow-up that the current state still has ahead, earliest first. */
export function pendingTimers(state: OrderState): OrderTimer[] {
  const timers: OrderTimer[] = [];
  const d = state.deadlines;
  const add = (t: OrderTimer) => {
    if (!state.firedTimers.includes(t.key)) timers.push(t);
  };
  const breach = (kind: DeadlineKind, deadline: string | undefined) => {
    if (deadline)
      add({
        key: `${kind}:breach:${deadline}`,
        at: ms(deadline),
        kind,
        action: 'breach',
        deadline,
      });
  };
  switch (state.status) {
    case 'awaiting_dispatch':
      breach('dispatch', d.dispatchBy);
      break;
    case 'dispatched':
      breach('acknowledge', d.acknowledgeBy);
      break;
    case 'acknowledged':
    case 'responded':
    case 'in_progress': {
      if (!state.respondedAt) breach('response', d.respondBy);
      if (d.handleBy && state.acknowledgedAt) {
        const start = ms(state.acknowledgedAt);
        const end = ms(d.handleBy);
        for (const fraction of state.reminderFractions) {
          add({
            key: `handling:remind:${fraction}:${d.handleBy}`,
            at: start + (end - start) * fraction,
            kind: 'handling',
            action: 'remind',
            deadline: d.handleBy,
            fraction,
          });
        }
        breach('handling', d.handleBy);
        if (state.breaches.includes('handling')) {
          add({
            key: `handling:urge:${d.handleBy}`,
            at: end + URGE_AFTER_BREACH_MS,
            kind: 'handling',
            action: 'urge',
            deadline: d.handleBy,
          });
        }
      }
      break;
    }
    case 'resolved':
      if (d.callbackDueAt && !state.closeWhenExclusionDecided) {
        add({
          key: `callback:close:${d.callbackDueAt}`,
          at: ms(d.callbackDueAt) + CALLBACK_GRACE_MS,
          kind: 'callback',
          action: 'close_without_callback',
          deadline: d.callbackDueAt,
        });
      }
      break;
    default:
      break;
  }
  return timers.sort((a, b) => a.at - b.at);
}

/** The next breach deadline (for the NextDeadline search attribute), ignoring reminders. */
export function nextDeadline(state: OrderState): string | undefined {
  return pendingTimers(state).find((t) => t.action === 'breach')?.deadline;
}

/** Events for a timer that came due. The caller marks the timer fired. */
export function fireTimer(state: OrderState, timer: OrderTimer): PendingEvent[] {
  const unit = unitField(state);
  if (timer.kind === 'callback') {
    if (state.exclusion?.status === 'pending') return [];
    return [closed(state, 'completed')];
  }
  switch (timer.action) {
    case 'remind':
      return [
        {
          type: 'DeadlineReminded',
          payload: {
            kind: timer.kind,
            deadline: timer.deadline,
            fraction: timer.fraction ?? 1,
            ...unit,
          },
        },
      ];
    case 'breach':
      return [
        {
          type: 'DeadlineBreached',
          payload: { kind: timer.kind, deadline: timer.deadline, ...unit },
        },
        {
          type: 'OrderEscalated',
          payload: {
            note: `${timer.kind} limit ${timer.deadline} passed: supervised (督办)`,
            ...unit,
            automatic: true,
            ...escalationField(state),
          },
        },
      ];
    case 'urge':
      return [
        {
          type: 'OrderUrged',
          payload: {
            note: `reminder notice (催办): handling limit ${timer.deadline} passed a day ago`,
            ...unit,
            automatic: true,
          },
        },
      ];
    default:
      return [];
  }
}
