import type { DeputyEvent } from '@hotline/contracts';
import type { DeputyItemState, DeputyItemWorkflowInput } from './model';

export function initialState(
  input: DeputyItemWorkflowInput,
  policy: { reminderFraction: number } = { reminderFraction: 0.8 },
): DeputyItemState {
  return {
    itemId: input.itemId,
    status: 'recorded',
    input,
    reminderFraction: policy.reminderFraction,
    ratingLapsed: false,
    reminded: [],
    overdue: [],
    firedTimers: [],
    timeline: [],
  };
}

/** The state after an event: the only place a deputy item's state changes. */
export function evolve(state: DeputyItemState, event: DeputyEvent, now: number): DeputyItemState {
  const at = new Date(now).toISOString();
  switch (event.type) {
    case 'DeputyItemRecorded':
      return { ...state, status: 'recorded', recordedAt: at, handOverBy: event.payload.handOverBy };
    case 'DeputyItemHandedOver': {
      const p = event.payload;
      return p.route === 'order'
        ? { ...state, status: 'handed_over', route: 'order', orderId: p.orderId, handedOverAt: at }
        : {
            ...state,
            status: 'handed_over',
            route: 'proposal',
            unitId: p.unitId,
            dueAt: p.dueAt,
            remindAt: p.remindAt,
            handedOverAt: at,
          };
    }
    case 'DeputyItemReminded':
      return { ...state, reminded: [...state.reminded, event.payload.phase] };
    case 'DeputyItemOverdue':
      return { ...state, overdue: [...state.overdue, event.payload.phase] };
    case 'DeputyItemAnswered': {
      const p = event.payload;
      return {
        ...state,
        status: 'answered',
        unitId: p.unitId,
        answer: { outcome: p.outcome, summary: p.summary, onTime: p.onTime, answeredAt: at },
        rateBy: p.rateBy,
        lapseReportBackBy: p.reportBackIfUnratedBy,
      };
    }
    case 'DeputyItemRated':
      return {
        ...state,
        status: 'rated',
        rating: event.payload.rating,
        reportBackBy: event.payload.reportBackBy,
      };
    case 'DeputyItemRatingLapsed':
      return {
        ...state,
        status: 'rated',
        ratingLapsed: true,
        reportBackBy: event.payload.reportBackBy,
      };
    case 'DeputyItemReportedBack':
      return {
        ...state,
        status: 'closed',
        reportedBack: { resident: event.payload.resident, onTime: event.payload.onTime },
      };
  }
}
