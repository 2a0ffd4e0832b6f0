import type { DeputyEvent } from '@hotline/contracts';
import { deciderSpec } from '../testing/decider-spec';
import {
  type DeputyActor,
  type DeputyCommand,
  type DeputyDecisionContext,
  type DeputyItemState,
  type DeputyItemWorkflowInput,
  decide,
  decideOrderAnswer,
  decideRecording,
  evolve,
  fireTimer,
  initialState,
  isFinished,
  needsFor,
  pendingTimers,
  validate,
} from './index';

/** A deputy's item (家站点) without Temporal: Given events, When an action or a deadline, Then events. */

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

const input: DeputyItemWorkflowInput = {
  itemId: 'DB-20261123-0001',
  stationId: 'RDLLZ-XHJD-02',
  stationKind: 'station',
  streetId: 'XHJD',
  deputyId: 'RD-XH-03',
  kind: 'suggestion',
  content: '星湖西里南门外公交站没有候车亭，老人下雨天等车不便，建议增设',
  location: { address: '星湖西里南门公交站', streetId: 'XHJD', communityId: 'XHJD-02' },
  residentReachable: true,
  recordedBy: {
    kind: 'deputy',
    deputyId: 'RD-XH-03',
    stationId: 'RDLLZ-XHJD-02',
    userId: 'RD-XH-03',
  },
};
const deputy: DeputyActor = input.recordedBy;
const otherStation: DeputyActor = {
  kind: 'deputy',
  deputyId: 'RD-LY-01',
  stationId: 'RDZJ-LYJD',
  userId: 'RD-LY-01',
};
const jtw: DeputyActor = { kind: 'unit', unitId: 'JTW', userId: 'jtw-clerk' };
const centre: DeputyActor = { kind: 'supervisor', userId: 'centre-1' };

// The spec evolves every event at T0 + 1 day; recording happened then.
const NOW = T0 + DAY;
const recorded = decideRecording(input, { handOverBy: at(4) })[0]!;
const toProposal: DeputyEvent = {
  type: 'DeputyItemHandedOver',
  payload: {
    route: 'proposal',
    unitId: 'JTW',
    dueAt: at(22),
    remindAt: at(17.8),
    handedOverBy: 'RD-XH-03',
    note: '请区交通委研究增设候车亭',
  },
};
const toOrder: DeputyEvent = {
  type: 'DeputyItemHandedOver',
  payload: {
    route: 'order',
    orderId: 'HL20261124-0000001',
    handedOverBy: 'RD-XH-03',
    note: '转12345',
  },
};
const answered: DeputyEvent = {
  type: 'DeputyItemAnswered',
  payload: {
    route: 'proposal',
    unitId: 'JTW',
    outcome: 'solved',
    summary: '已纳入年内公交站台改造计划',
    onTime: true,
    answeredBy: 'JTW/jtw-clerk',
    rateBy: at(30),
    reportBackIfUnratedBy: at(37),
  },
};
const rated: DeputyEvent = {
  type: 'DeputyItemRated',
  payload: { rating: 'satisfied', comment: '答复具体', ratedBy: 'RD-XH-03', reportBackBy: at(35) },
};

const spec = deciderSpec<DeputyItemState, DeputyCommand, DeputyEvent, DeputyDecisionContext>(
  { initialState: () => initialState(input), evolve, validate, decide },
  NOW,
);

describe('deputy item: recorded at a station', () => {
  it('records the item without personal data, with its hand-over limit', () => {
    expect(recorded).toEqual({
      type: 'DeputyItemRecorded',
      payload: expect.objectContaining({
        itemId: 'DB-20261123-0001',
        stationId: 'RDLLZ-XHJD-02',
        deputyId: 'RD-XH-03',
        residentReachable: true,
        handOverBy: at(4),
      }),
    });
    expect(spec.given(recorded).state()).toMatchObject({ status: 'recorded', handOverBy: at(4) });
  });
});

describe('deputy item: handed over (转办 / 交办)', () => {
  it('becomes an order: the order number is kept', () => {
    spec
      .given(recorded)
      .when({
        type: 'handOver',
        actor: deputy,
        route: 'order',
        orderId: 'HL20261124-0000001',
        note: '转12345',
      })
      .then([toOrder]);
  });

  it('becomes a proposal with the default due date and a reminder at 80% of the window', () => {
    const cmd: DeputyCommand = {
      type: 'handOver',
      actor: deputy,
      route: 'proposal',
      unitId: 'JTW',
      note: '请区交通委研究增设候车亭',
    };
    expect(needsFor(spec.given(recorded).state(), cmd)).toEqual({ proposal: { unitId: 'JTW' } });
    spec
      .given(recorded)
      .when(cmd, { proposalCheck: { ok: true }, defaultDueAt: at(22), latestDueAt: at(80) })
      .then([
        {
          type: 'DeputyItemHandedOver',
          payload: {
            route: 'proposal',
            unitId: 'JTW',
            dueAt: at(22),
            remindAt: at(1 + 21 * 0.8),
            handedOverBy: 'RD-XH-03',
            note: '请区交通委研究增设候车亭',
          },
        },
      ]);
  });

  it('takes a due date of the deputy’s within the longest limit, and refuses one past it or in the past', () => {
    const cmd = (dueAt: string): DeputyCommand => ({
      type: 'handOver',
      actor: centre,
      route: 'proposal',
      unitId: 'JTW',
      dueAt,
      note: '交办',
    });
    const ctx = { proposalCheck: { ok: true } as const, defaultDueAt: at(22), latestDueAt: at(80) };
    spec
      .given(recorded)
      .when(cmd(at(11)), ctx)
      .then((events) =>
        expect(events[0]!.payload).toMatchObject({ dueAt: at(11), handedOverBy: 'centre-1' }),
      );
    spec
      .given(recorded)
      .when(cmd(at(81)), ctx)
      .thenRefused('invalid', /不能晚于/);
    spec
      .given(recorded)
      .when(cmd(at(0.5)), ctx)
      .thenRefused('invalid', /晚于现在/);
    spec
      .given(recorded)
      .when(cmd('next week'), ctx)
      .thenRefused('invalid', /有效的时间/);
  });

  it('refuses a unit the domain says cannot take the proposal', () => {
    spec
      .given(recorded)
      .when(
        { type: 'handOver', actor: deputy, route: 'proposal', unitId: 'LYJD', note: '交办' },
        {
          proposalCheck: { ok: false, reason: '柳荫街道办事处不是站点所在的街道' },
          defaultDueAt: at(22),
          latestDueAt: at(80),
        },
      )
      .thenRefused('invalid', /不是站点所在的街道/);
  });

  it('lets only the station’s deputies or the centre hand over, and only once', () => {
    const cmd: DeputyCommand = {
      type: 'handOver',
      actor: otherStation,
      route: 'order',
      orderId: 'HL1',
      note: 'x',
    };
    spec.given(recorded).when(cmd).thenRefused('forbidden');
    spec
      .given(recorded)
      .when({ ...cmd, actor: jtw })
      .thenRefused('forbidden');
    spec
      .given(recorded, toOrder)
      .when({ ...cmd, actor: deputy })
      .thenRefused('wrong_state', /已转办/);
  });
});

describe('deputy item: the unit answers', () => {
  it('answers a proposal on time, with the deputy’s rating limit', () => {
    const cmd: DeputyCommand = {
      type: 'answer',
      actor: jtw,
      outcome: 'solved',
      summary: '已纳入年内公交站台改造计划',
    };
    expect(needsFor(spec.given(recorded, toProposal).state(), cmd)).toEqual({ rateWindow: true });
    spec
      .given(recorded, toProposal)
      .when(cmd, { now: T0 + 10 * DAY, rateBy: at(30), reportBackIfUnratedBy: at(37) })
      .then([{ ...answered }]);
  });

  it('marks an answer after the due date as late', () => {
    spec
      .given(recorded, toProposal)
      .when(
        {
          type: 'answer',
          actor: jtw,
          outcome: 'partly_solved',
          summary: '候车亭需规划审批，先设临时雨棚',
        },
        { now: T0 + 25 * DAY, rateBy: at(30), reportBackIfUnratedBy: at(37) },
      )
      .then((events) =>
        expect(events[0]!.payload).toMatchObject({ onTime: false, outcome: 'partly_solved' }),
      );
  });

  it('lets only the unit handed the proposal answer, never an order’s item, never twice', () => {
    const cmd: DeputyCommand = {
      type: 'answer',
      actor: { kind: 'unit', unitId: 'CGW', userId: 'c' },
      outcome: 'solved',
      summary: '已办理完毕',
    };
    spec.given(recorded, toProposal).when(cmd).thenRefused('forbidden');
    spec
      .given(recorded, toOrder)
      .when({ ...cmd, actor: jtw })
      .thenRefused('wrong_state', /工单/);
    spec
      .given(recorded, toProposal, answered)
      .when({ ...cmd, actor: jtw })
      .thenRefused('wrong_state', /不待答复/);
    spec
      .given(recorded, toProposal)
      .when({ ...cmd, actor: jtw, summary: '好' })
      .thenRefused('invalid', /办理情况/);
  });

  it('takes the order’s answer once, from its own order only', () => {
    const state = spec.given(recorded, toOrder).state();
    const ctx = { now: NOW, rateBy: at(30), reportBackIfUnratedBy: at(37) };
    const answer = {
      orderId: 'HL20261124-0000001',
      kind: 'resolved' as const,
      unitId: 'JTW',
      outcome: 'solved' as const,
      summary: '已增设候车亭',
      withinLimit: false,
    };
    expect(decideOrderAnswer(state, answer, ctx)).toEqual([
      {
        type: 'DeputyItemAnswered',
        payload: {
          route: 'order',
          unitId: 'JTW',
          outcome: 'solved',
          summary: '已增设候车亭',
          onTime: false,
          answeredBy: 'JTW',
          rateBy: at(30),
          reportBackIfUnratedBy: at(37),
        },
      },
    ]);
    expect(decideOrderAnswer(state, { ...answer, orderId: 'HL-other' }, ctx)).toEqual([]);
    const after = evolve(state, decideOrderAnswer(state, answer, ctx)[0]!, NOW);
    expect(decideOrderAnswer(after, answer, ctx)).toEqual([]);
    expect(
      decideOrderAnswer(
        state,
        {
          orderId: answer.orderId,
          kind: 'closed',
          closure: 'answered_directly',
          explanation: '知识库答复',
        },
        ctx,
      )[0]!.payload,
    ).toMatchObject({
      outcome: 'closed_at_intake',
      summary: '知识库答复',
      answeredBy: '12345:answered_directly',
    });
  });
});

describe('deputy item: the deputy rates, then reports back', () => {
  it('rates with the report-back limit; only the station’s deputy, only once answered', () => {
    const cmd: DeputyCommand = {
      type: 'rate',
      actor: deputy,
      rating: 'satisfied',
      comment: '答复具体',
    };
    spec
      .given(recorded, toProposal, answered)
      .when(cmd, { reportBackBy: at(35) })
      .then([rated]);
    spec
      .given(recorded, toProposal, answered)
      .when({ ...cmd, actor: centre })
      .thenRefused('forbidden');
    spec
      .given(recorded, toProposal)
      .when(cmd)
      .thenRefused('wrong_state', /不待评价/);
  });

  it('reports back to the station and the resident, and closes', () => {
    const cmd: DeputyCommand = {
      type: 'reportBack',
      actor: deputy,
      resident: 'phone',
      note: '已电话告知居民',
    };
    spec
      .given(recorded, toProposal, answered, rated)
      .when(cmd, { now: T0 + 32 * DAY })
      .then([
        {
          type: 'DeputyItemReportedBack',
          payload: {
            station: true,
            resident: 'phone',
            note: '已电话告知居民',
            reportedBy: 'RD-XH-03',
            onTime: true,
          },
        },
      ]);
    spec
      .given(recorded, toProposal, answered)
      .when(cmd)
      .thenRefused('wrong_state', /尚未评价/);
    const closed = spec.given(recorded, toProposal, answered, rated, {
      type: 'DeputyItemReportedBack',
      payload: {
        station: true,
        resident: 'phone',
        note: 'x',
        reportedBy: 'RD-XH-03',
        onTime: false,
      },
    });
    expect(isFinished(closed.state())).toBe(true);
    expect(pendingTimers(closed.state())).toEqual([]);
  });

  it('tells an anonymous resident nothing but the station’s notice', () => {
    const anonymous = deciderSpec<
      DeputyItemState,
      DeputyCommand,
      DeputyEvent,
      DeputyDecisionContext
    >(
      {
        initialState: () => initialState({ ...input, residentReachable: false }),
        evolve,
        validate,
        decide,
      },
      NOW,
    );
    anonymous
      .given(recorded, toProposal, answered, rated)
      .when({ type: 'reportBack', actor: deputy, resident: 'phone', note: '电话告知' })
      .thenRefused('invalid', /站点公示/);
  });
});

describe('deputy item: deadlines', () => {
  const fire = (state: DeputyItemState, kind: string) => {
    const timer = pendingTimers(state).find((t) => t.key.startsWith(kind))!;
    const events = fireTimer(state, timer);
    return {
      timer,
      events,
      after: events.reduce((s, e) => evolve(s, e, timer.at), {
        ...state,
        firedTimers: [...state.firedTimers, timer.key],
      }),
    };
  };

  it('reminds the deputy to hand over at 80% of the window, then puts a missed limit on the record', () => {
    const state = spec.given(recorded).state();
    expect(pendingTimers(state).map((t) => [t.kind, t.phase])).toEqual([
      ['remind', 'hand_over'],
      ['overdue', 'hand_over'],
    ]);
    const reminded = fire(state, 'remind:hand_over');
    expect(reminded.timer.at).toBe(T0 + DAY + 0.8 * 3 * DAY);
    expect(reminded.events).toEqual([
      {
        type: 'DeputyItemReminded',
        payload: { phase: 'hand_over', dueAt: at(4), remindedId: 'RD-XH-03' },
      },
    ]);
    const overdue = fire(reminded.after, 'overdue:hand_over');
    expect(overdue.events).toEqual([
      {
        type: 'DeputyItemOverdue',
        payload: { phase: 'hand_over', dueAt: at(4), responsibleId: 'RD-XH-03' },
      },
    ]);
    expect(pendingTimers(overdue.after)).toEqual([]);
    expect(overdue.after.status).toBe('recorded');
  });

  it('reminds the unit before a proposal’s due date and records it overdue after; an order keeps its own clock', () => {
    const state = spec.given(recorded, toProposal).state();
    expect(pendingTimers(state).map((t) => [t.kind, t.phase, t.at])).toEqual([
      ['remind', 'answer', Date.parse(at(17.8))],
      ['overdue', 'answer', Date.parse(at(22))],
    ]);
    expect(fire(fire(state, 'remind').after, 'overdue').events[0]).toEqual({
      type: 'DeputyItemOverdue',
      payload: { phase: 'answer', dueAt: at(22), responsibleId: 'JTW' },
    });
    expect(pendingTimers(spec.given(recorded, toOrder).state())).toEqual([]);
  });

  it('lets an unrated answer lapse to the report-back step, whose limit then runs', () => {
    const state = spec.given(recorded, toProposal, answered).state();
    expect(pendingTimers(state).map((t) => t.kind)).toEqual(['remind', 'rating_lapse']);
    const lapsed = fire(fire(state, 'remind').after, 'rating_lapse');
    expect(lapsed.events).toEqual([
      { type: 'DeputyItemRatingLapsed', payload: { rateBy: at(30), reportBackBy: at(37) } },
    ]);
    expect(lapsed.after).toMatchObject({
      status: 'rated',
      ratingLapsed: true,
      reportBackBy: at(37),
    });
    expect(fire(lapsed.after, 'overdue:report_back').events).toEqual([
      {
        type: 'DeputyItemOverdue',
        payload: { phase: 'report_back', dueAt: at(37), responsibleId: 'RD-XH-03' },
      },
    ]);
  });
});
