/**
 * The deadlines of one order (docs/domain.md, "The order's process", steps 1, 4, 5, 6). Each
 * group appears once its clock has started: dispatch at intake, acknowledgement at dispatch,
 * response and handling at acknowledgement.
 */
import type { CalendarProvenance, WorkingCalendar } from '../calendar/working-calendar';
import type { HandlingClass, Limit, Policy, Urgency } from '../reference/types';
import { applyLimit, describeLimit } from './limits';

export interface DeadlineInput {
  readonly urgency: Urgency;
  readonly handlingClass: HandlingClass;
  /** When the call ended (intake). */
  readonly receivedAt?: Date | null;
  readonly dispatchedAt?: Date | null;
  readonly acknowledgedAt?: Date | null;
}

export interface Reminder {
  /** Share of the handling time used up, e.g. 0.5. */
  readonly fraction: number;
  readonly at: Date;
}

export interface HandlingDeadlines {
  readonly responseBy: Date;
  readonly handlingBy: Date;
  readonly reminders: readonly Reminder[];
  /** The reminder notice (催办) for a breach: office opening on the working day after the deadline. */
  readonly overdueNoticeAt: Date;
  readonly limit: Limit;
  readonly description: string;
}

/**
 * `provisional` (from `CalendarProvenance`) is true when any deadline here relied on a day of a
 * provisional year (a year whose holiday notice is not in the table yet, see `WorkingCalendar`):
 * keep the deadline, but recompute it once that year's notice is published. Clock-time limits never
 * consult the calendar; day-based limits, overdue notices and business hours can.
 */
export interface OrderDeadlines extends CalendarProvenance {
  readonly urgency: Urgency;
  readonly handlingClass: HandlingClass;
  readonly dispatch: { readonly dispatchBy: Date } | null;
  readonly acknowledgement: { readonly acknowledgeBy: Date; readonly returnBy: Date } | null;
  readonly handling: HandlingDeadlines | null;
}

/**
 * An emergency is an emergency on both axes: the emergency handling tier ("risk to life and
 * property, 2 h") makes the order an emergency for acknowledgement and response too, and an
 * emergency urgency puts the order in the emergency handling tier.
 */
export function effectiveUrgency(urgency: Urgency, handlingClass: HandlingClass): Urgency {
  return handlingClass === 'emergency' ? 'emergency' : urgency;
}

export function effectiveHandlingClass(
  urgency: Urgency,
  handlingClass: HandlingClass,
): HandlingClass {
  return urgency === 'emergency' ? 'emergency' : handlingClass;
}

/** All deadlines (inclusive instants) whose clock has started. */
export function orderDeadlines(
  input: DeadlineInput,
  calendar: WorkingCalendar,
  policy: Policy,
): OrderDeadlines {
  const { value, provisional, provisionalYears } = calendar.track((c) =>
    computeDeadlines(input, c, policy),
  );
  return { ...value, provisional, provisionalYears };
}

function computeDeadlines(
  input: DeadlineInput,
  calendar: WorkingCalendar,
  policy: Policy,
): Omit<OrderDeadlines, keyof CalendarProvenance> {
  const urgency = effectiveUrgency(input.urgency, input.handlingClass);
  const handlingClass = effectiveHandlingClass(input.urgency, input.handlingClass);
  const { receivedAt, dispatchedAt, acknowledgedAt } = input;
  return {
    urgency,
    handlingClass,
    dispatch: receivedAt
      ? { dispatchBy: applyLimit(receivedAt, policy.intake.dispatchWithin, calendar) }
      : null,
    acknowledgement: dispatchedAt
      ? {
          acknowledgeBy: applyLimit(dispatchedAt, policy.acknowledge[urgency], calendar),
          returnBy: applyLimit(dispatchedAt, policy.returns.window, calendar),
        }
      : null,
    handling: acknowledgedAt
      ? handlingDeadlines(acknowledgedAt, urgency, handlingClass, calendar, policy)
      : null,
  };
}

function handlingDeadlines(
  acknowledgedAt: Date,
  urgency: Urgency,
  handlingClass: HandlingClass,
  calendar: WorkingCalendar,
  policy: Policy,
): HandlingDeadlines {
  const limit = policy.handling[handlingClass];
  const handlingBy = applyLimit(acknowledgedAt, limit, calendar);
  const span = handlingBy.getTime() - acknowledgedAt.getTime();
  return {
    responseBy: applyLimit(acknowledgedAt, policy.response[urgency], calendar),
    handlingBy,
    // Fractions of the real span, so a deadline pushed past a holiday moves its reminders too.
    reminders: policy.reminderFractions.map((fraction) => ({
      fraction,
      at: new Date(acknowledgedAt.getTime() + Math.floor(span * fraction)),
    })),
    overdueNoticeAt: calendar.nextWorkingDayOpening(handlingBy),
    limit,
    description: describeLimit(limit),
  };
}
