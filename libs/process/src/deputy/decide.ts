import type { DeputyEvent, DeputyItemPhase } from '@hotline/contracts';
import { reminderAt } from '@hotline/domain/workflow-rules';
import { iso, ms, required } from '../shared/time';
import {
  type DeputyActor,
  DeputyActionRefused,
  type DeputyCommand,
  type DeputyItemState,
  type DeputyItemWorkflowInput,
  type DeputyOrderAnswer,
} from './model';

const who = (a: DeputyActor) =>
  a.kind === 'unit' ? `${a.unitId}/${a.userId}` : a.kind === 'deputy' ? a.deputyId : a.userId;

const refuse = (code: 'forbidden' | 'wrong_state' | 'invalid', message: string): never => {
  throw new DeputyActionRefused(code, message);
};

/** What the decider needs looked up (activities) before it can decide. */
export interface DeputyNeeds {
  /** A proposal: may this unit take it, and the default and latest due dates from now. */
  proposal?: { unitId: string };
  /** An answer: the deputy's rating limit, and the report-back limit counted from it. */
  rateWindow?: boolean;
  /** A rating: the report-back limit from now. */
  reportBackLimit?: boolean;
}

export interface DeputyDecisionContext {
  now: number;
  /** libs/domain canHandProposalTo, from the reference data. */
  proposalCheck?: { ok: true } | { ok: false; reason: string };
  defaultDueAt?: string;
  latestDueAt?: string;
  rateBy?: string;
  reportBackIfUnratedBy?: string;
  reportBackBy?: string;
}

/** The item as recorded (at start), with its hand-over limit. */
export function decideRecording(
  input: DeputyItemWorkflowInput,
  ctx: { handOverBy: string },
): DeputyEvent[] {
  return [
    {
      type: 'DeputyItemRecorded',
      payload: {
        itemId: input.itemId,
        stationId: input.stationId,
        stationKind: input.stationKind,
        streetId: input.streetId,
        deputyId: input.deputyId,
        kind: input.kind,
        content: input.content,
        location: input.location,
        ...(input.matterTypeCode ? { matterTypeCode: input.matterTypeCode } : {}),
        residentReachable: input.residentReachable,
        handOverBy: ctx.handOverBy,
      },
    },
  ];
}

/** The station's own deputies (any of them, not only the one who recorded it) and the centre. */
function ofStation(state: DeputyItemState, a: DeputyActor): boolean {
  return a.kind === 'deputy' && a.stationId === state.input.stationId;
}

/** Actions are checked before anything is looked up: who may act, and in which status. */
export function validate(state: DeputyItemState, cmd: DeputyCommand, now: number): void {
  const item = state.itemId;
  switch (cmd.type) {
    case 'handOver':
      if (!ofStation(state, cmd.actor) && cmd.actor.kind !== 'supervisor')
        refuse('forbidden', '只有本站点的代表或指挥中心可以转办代表收集的意见建议');
      if (state.status !== 'recorded')
        refuse('wrong_state', `代表意见建议 ${item} 已转办（${state.status}），不能再次转办`);
      if (cmd.route === 'proposal' && cmd.dueAt !== undefined && Number.isNaN(ms(cmd.dueAt)))
        refuse('invalid', '交办期限不是有效的时间');
      return;
    case 'answer':
      if (state.route === 'order')
        refuse(
          'wrong_state',
          `代表意见建议 ${item} 已转为工单 ${state.orderId}，请在工单中办结答复`,
        );
      if (cmd.actor.kind !== 'unit' || cmd.actor.unitId !== state.unitId)
        refuse('forbidden', '只有承办单位可以答复交办的代表建议');
      if (state.status !== 'handed_over')
        refuse('wrong_state', `代表意见建议 ${item} 当前不待答复（${state.status}）`);
      if (cmd.summary.trim().length < 4) refuse('invalid', '答复须写明办理情况');
      return;
    case 'rate':
      if (!ofStation(state, cmd.actor)) refuse('forbidden', '只有本站点的代表可以评价答复');
      if (state.status !== 'answered')
        refuse('wrong_state', `代表意见建议 ${item} 当前不待评价（${state.status}）`);
      return;
    case 'reportBack':
      if (!ofStation(state, cmd.actor) && cmd.actor.kind !== 'supervisor')
        refuse('forbidden', '只有本站点的代表或指挥中心可以反馈办理结果');
      if (state.status !== 'rated')
        refuse(
          'wrong_state',
          state.status === 'answered'
            ? `代表意见建议 ${item} 尚未评价：请先评价答复，再向站点和居民反馈`
            : `代表意见建议 ${item} 当前不待反馈（${state.status}）`,
        );
      if (!state.input.residentReachable && cmd.resident !== 'anonymous')
        refuse('invalid', '居民未留联系方式：只能在站点公示（resident = anonymous）');
      return;
  }
  void now;
}

export function needsFor(_state: DeputyItemState, cmd: DeputyCommand): DeputyNeeds {
  if (cmd.type === 'handOver' && cmd.route === 'proposal')
    return { proposal: { unitId: cmd.unitId } };
  if (cmd.type === 'answer') return { rateWindow: true };
  if (cmd.type === 'rate') return { reportBackLimit: true };
  return {};
}

export function decide(
  state: DeputyItemState,
  cmd: DeputyCommand,
  ctx: DeputyDecisionContext,
): DeputyEvent[] {
  switch (cmd.type) {
    case 'handOver': {
      if (cmd.route === 'order')
        return [
          {
            type: 'DeputyItemHandedOver',
            payload: {
              route: 'order',
              orderId: cmd.orderId,
              handedOverBy: who(cmd.actor),
              note: cmd.note,
            },
          },
        ];
      const check = required(ctx.proposalCheck, 'the proposal check');
      if (!check.ok) refuse('invalid', check.reason);
      const dueAt = cmd.dueAt ? iso(ms(cmd.dueAt)) : required(ctx.defaultDueAt, 'the due date');
      const latest = required(ctx.latestDueAt, 'the latest due date');
      if (ms(dueAt) <= ctx.now) refuse('invalid', '交办期限必须晚于现在');
      if (ms(dueAt) > ms(latest)) refuse('invalid', `交办期限不能晚于 ${latest}（最长办理时限）`);
      return [
        {
          type: 'DeputyItemHandedOver',
          payload: {
            route: 'proposal',
            unitId: cmd.unitId,
            dueAt,
            remindAt: iso(
              reminderAt(new Date(ctx.now), new Date(dueAt), state.reminderFraction).getTime(),
            ),
            handedOverBy: who(cmd.actor),
            note: cmd.note,
          },
        },
      ];
    }
    case 'answer':
      return [
        {
          type: 'DeputyItemAnswered',
          payload: {
            route: 'proposal',
            unitId: state.unitId!,
            outcome: cmd.outcome,
            summary: cmd.summary,
            onTime: ctx.now <= ms(state.dueAt),
            answeredBy: who(cmd.actor),
            rateBy: required(ctx.rateBy, 'the rating limit'),
            reportBackIfUnratedBy: required(ctx.reportBackIfUnratedBy, 'the report-back limit'),
          },
        },
      ];
    case 'rate':
      return [
        {
          type: 'DeputyItemRated',
          payload: {
            rating: cmd.rating,
            comment: cmd.comment,
            ratedBy: who(cmd.actor),
            reportBackBy: required(ctx.reportBackBy, 'the report-back limit'),
          },
        },
      ];
    case 'reportBack':
      return [
        {
          type: 'DeputyItemReportedBack',
          payload: {
            station: true,
            resident: cmd.resident,
            note: cmd.note,
            reportedBy: who(cmd.actor),
            onTime: ctx.now <= ms(state.reportBackBy),
          },
        },
      ];
  }
}

/**
 * The order made from the item has an answer (its unit resolved it) or closed without one (the
 * filter closed it at intake, or it was terminated): the item is answered, once. Later answers
 * (a reworked order resolving again) and answers for another order change nothing.
 */
export function decideOrderAnswer(
  state: DeputyItemState,
  answer: DeputyOrderAnswer,
  ctx: { now: number; rateBy: string; reportBackIfUnratedBy: string },
): DeputyEvent[] {
  if (state.status !== 'handed_over' || state.route !== 'order' || state.orderId !== answer.orderId)
    return [];
  return [
    {
      type: 'DeputyItemAnswered',
      payload:
        answer.kind === 'resolved'
          ? {
              route: 'order',
              unitId: answer.unitId,
              outcome: answer.outcome,
              summary: answer.summary,
              onTime: answer.withinLimit,
              answeredBy: answer.unitId,
              rateBy: ctx.rateBy,
              reportBackIfUnratedBy: ctx.reportBackIfUnratedBy,
            }
          : {
              route: 'order',
              unitId: 'ZHZX',
              outcome: 'closed_at_intake',
              summary: answer.explanation,
              onTime: true,
              answeredBy: `12345:${answer.closure}`,
              rateBy: ctx.rateBy,
              reportBackIfUnratedBy: ctx.reportBackIfUnratedBy,
            },
    },
  ];
}

/** Deadlines as timers: reminders (催办) before a limit, overdue on the record, the rating's lapse. */
export interface DeputyTimer {
  key: string;
  at: number;
  kind: 'remind' | 'overdue' | 'rating_lapse';
  phase: DeputyItemPhase;
  dueAt: string;
}

export function pendingTimers(state: DeputyItemState): DeputyTimer[] {
  const timers: DeputyTimer[] = [];
  const add = (kind: DeputyTimer['kind'], phase: DeputyItemPhase, at: number, dueAt: string) => {
    const key = `${kind}:${phase}:${dueAt}`;
    if (!state.firedTimers.includes(key)) timers.push({ key, at, kind, phase, dueAt });
  };
  const remindBetween = (from: string | undefined, due: string) =>
    reminderAt(new Date(ms(from)), new Date(ms(due)), state.reminderFraction).getTime();
  switch (state.status) {
    case 'recorded':
      if (state.handOverBy) {
        if (!state.reminded.includes('hand_over'))
          add(
            'remind',
            'hand_over',
            remindBetween(state.recordedAt, state.handOverBy),
            state.handOverBy,
          );
        if (!state.overdue.includes('hand_over'))
          add('overdue', 'hand_over', ms(state.handOverBy), state.handOverBy);
      }
      break;
    case 'handed_over':
      if (state.route === 'proposal' && state.dueAt) {
        if (!state.reminded.includes('answer') && state.remindAt)
          add('remind', 'answer', ms(state.remindAt), state.dueAt);
        if (!state.overdue.includes('answer'))
          add('overdue', 'answer', ms(state.dueAt), state.dueAt);
      }
      break;
    case 'answered':
      if (state.rateBy) {
        if (!state.reminded.includes('rate'))
          add(
            'remind',
            'rate',
            remindBetween(state.answer?.answeredAt, state.rateBy),
            state.rateBy,
          );
        add('rating_lapse', 'rate', ms(state.rateBy), state.rateBy);
      }
      break;
    case 'rated':
      if (state.reportBackBy && !state.overdue.includes('report_back'))
        add('overdue', 'report_back', ms(state.reportBackBy), state.reportBackBy);
      break;
    case 'closed':
      break;
  }
  return timers.sort((a, b) => a.at - b.at);
}

export function fireTimer(state: DeputyItemState, timer: DeputyTimer): DeputyEvent[] {
  // The deputy hands over, rates and reports back; the unit answers.
  const responsible = timer.phase === 'answer' ? state.unitId! : state.input.deputyId;
  switch (timer.kind) {
    case 'remind':
      return [
        {
          type: 'DeputyItemReminded',
          payload: { phase: timer.phase, dueAt: timer.dueAt, remindedId: responsible },
        },
      ];
    case 'overdue':
      return [
        {
          type: 'DeputyItemOverdue',
          payload: { phase: timer.phase, dueAt: timer.dueAt, responsibleId: responsible },
        },
      ];
    case 'rating_lapse':
      return [
        {
          type: 'DeputyItemRatingLapsed',
          payload: { rateBy: timer.dueAt, reportBackBy: state.lapseReportBackBy! },
        },
      ];
  }
}

export const isFinished = (state: DeputyItemState): boolean => state.status === 'closed';
