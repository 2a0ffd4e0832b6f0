import type { DeadlineResult, OrderPolicy } from '../activities';
import { deciderSpec } from '../testing/decider-spec';
import { type DecisionContext, decide } from './decide';
import { evolve, initialState } from './evolve';
import { decideIntake } from './intake';
import type { Actor, OrderCommand, OrderState, OrderWorkflowInput, PendingEvent } from './model';
import { fireTimer, pendingTimers } from './timers';
import { validate } from './validate';

/** The order's rules without Temporal: Given events, When an action, Then events or a refusal. */

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const policy: OrderPolicy = {
  maxReturns: 2,
  maxExtensions: 1,
  maxReworkRounds: 1,
  maxCallbackAttempts: 3,
  minReturnSupportingChars: 10,
  extensionLimitLookup: true,
};
const input: OrderWorkflowInput = {
  orderId: 'HL-1',
  channel: 'phone',
  category: 'complaint',
  content: '工地夜间施工噪音扰民',
  matterTypeCode: 'CG-001',
  urgency: 'normal',
  location: { address: '星湖东里3号楼', streetId: 'XHJD' },
  receivedAt: at(0),
  callerKey: 'k',
};
const lead: Actor = { kind: 'unit', unitId: 'CGZF' };
const other: Actor = { kind: 'unit', unitId: 'ZJW' };
const supervisor: Actor = { kind: 'supervisor', userId: 'sup-1' };
const operator: Actor = { kind: 'operator', userId: 'op-1' };

const spec = deciderSpec<OrderState, OrderCommand, PendingEvent, Omit<DecisionContext, 'now'>>(
  { initialState: () => initialState(input, policy), evolve, validate, decide },
  T0 + HOUR / 2,
);
const deadlines = (d: Partial<DeadlineResult>): DeadlineResult => ({
  reminderFractions: [0.5, 0.8],
  maxExtensionFactor: 1,
  ...d,
});

// ---------------------------------------------------------------- events the order goes through

const [received] = decideIntake(input) as [PendingEvent];
const dispatched = (leadUnitId = 'CGZF', by: 'rules' | 'arbitration' = 'rules'): PendingEvent => ({
  type: 'OrderDispatched',
  payload: {
    leadUnitId,
    assistingUnitIds: ['XHJD'],
    supervisingUnitIds: ['ZHZX'],
    attempt: 1,
    rule: 'duty list',
    dispatchedBy: by,
    matterTypeCode: 'CG-001',
    streetId: 'XHJD',
    deadlines: { acknowledgeBy: at(1), returnBy: at(2) },
  },
});
const acknowledged: PendingEvent = {
  type: 'OrderAcknowledged',
  payload: {
    unitId: 'CGZF',
    withinLimit: true,
    deadlines: { respondBy: at(24), handleBy: at(7 * 24) },
    reminders: [],
  },
};
const responded: PendingEvent = {
  type: 'OrderResponded',
  payload: { unitId: 'CGZF', withinLimit: true, note: '已电话联系' },
};
const resolved: PendingEvent = {
  type: 'OrderResolved',
  payload: {
    unitId: 'CGZF',
    outcome: 'solved',
    summary: '已责令停工',
    withinLimit: true,
    round: 1,
    callbackDueAt: at(48),
  },
};
const queued: PendingEvent = {
  type: 'OrderQueuedForManualDispatch',
  payload: { reason: '未确定事项类型', dispatchBy: at(1) },
};
const toArbitration: PendingEvent = {
  type: 'OrderSentToArbitration',
  payload: { reason: '2 returns', returnedByUnitIds: ['CGZF', 'ZJW'] },
};
const extensionRequested: PendingEvent = {
  type: 'ExtensionRequested',
  payload: { unitId: 'CGZF', requestedHandleBy: at(9 * 24), reason: '需联合执法' },
};
const exclusionRequested: PendingEvent = {
  type: 'ExclusionRequested',
  payload: { unitId: 'CGZF', reason: 'in_legal_process', explanation: '双方已起诉' },
};
const handling = [received, dispatched(), acknowledged];

describe('intake (受理, 过滤网)', () => {
  it('carries the emergency flag intake found onto OrderReceived, and none when there is none', () => {
    const [flagged] = decideIntake({ ...input, emergency: { kinds: ['gas'] } });
    expect(flagged!.payload).toMatchObject({ emergency: { kinds: ['gas'] } });
    expect(decideIntake(input)[0]!.payload).not.toHaveProperty('emergency');
  });

  it('records the order, then closes a screened-out one with its reason', () => {
    expect(decideIntake(input).map((e) => e.type)).toEqual(['OrderReceived']);
    expect(
      decideIntake({
        ...input,
        screening: {
          outcome: 'rejected',
          reason: 'abusive',
          explanation: '辱骂',
          decidedBy: 'rules',
        },
      }).map((e) => e.type),
    ).toEqual(['OrderReceived', 'OrderFiltered', 'OrderClosed']);
  });
});

describe('acknowledge (签收)', () => {
  const cmd: OrderCommand = { type: 'acknowledge', actor: lead };
  it('starts the handling clock from the looked-up deadlines, with reminders', () =>
    spec
      .given(received, dispatched())
      .when(cmd, {
        deadlines: deadlines({ respondBy: at(24), handleBy: at(7 * 24) }),
        now: T0 + HOUR / 2,
      })
      .then([
        {
          type: 'OrderAcknowledged',
          payload: {
            unitId: 'CGZF',
            withinLimit: true,
            deadlines: { respondBy: at(24), handleBy: at(7 * 24) },
            reminders: [
              {
                kind: 'handling',
                at: new Date(T0 + HOUR / 2 + 0.5 * (7 * DAY - HOUR / 2)).toISOString(),
                fraction: 0.5,
              },
              {
                kind: 'handling',
                at: new Date(T0 + HOUR / 2 + 0.8 * (7 * DAY - HOUR / 2)).toISOString(),
                fraction: 0.8,
              },
            ],
          },
        },
      ]));
  it('is late after the acknowledgement limit', () =>
    spec
      .given(received, dispatched())
      .when(cmd, { deadlines: deadlines({ handleBy: at(200) }), now: T0 + 2 * HOUR })
      .then(([e]) => expect(e).toMatchObject({ payload: { withinLimit: false } })));
  it('is refused to any unit but the lead', () =>
    spec
      .given(received, dispatched())
      .when({ ...cmd, actor: other })
      .thenRefused('forbidden', /assigned to CGZF/));
  it('is refused before dispatch', () =>
    spec
      .given(received)
      .when(cmd)
      .thenRefused('wrong_state', /received/));
});

describe('return (退单)', () => {
  const cmd: OrderCommand = {
    type: 'return',
    actor: lead,
    reason: 'jurisdiction',
    explanation: '该工地属住建部门监管的市政工程',
  };
  it('goes to the next unit the routing finds, with fresh dispatch deadlines', () =>
    spec
      .given(received, dispatched())
      .when(cmd, {
        routing: {
          kind: 'dispatch',
          leadUnitId: 'ZJW',
          assistingUnitIds: [],
          supervisingUnitIds: ['ZHZX'],
          rule: 'next with a duty',
        },
        deadlines: deadlines({ acknowledgeBy: at(2), returnBy: at(3) }),
      })
      .then(([returned, redispatched]) => {
        expect(returned).toEqual({
          type: 'OrderReturned',
          payload: {
            unitId: 'CGZF',
            reason: 'jurisdiction',
            explanation: cmd.explanation,
            returnCount: 1,
          },
        });
        expect(redispatched).toMatchObject({
          type: 'OrderDispatched',
          payload: {
            leadUnitId: 'ZJW',
            attempt: 2,
            deadlines: { acknowledgeBy: at(2), returnBy: at(3) },
          },
        });
      }));
  it('goes to arbitration (争议裁定) at the second return', () =>
    spec
      .given(
        received,
        dispatched(),
        {
          type: 'OrderReturned',
          payload: { unitId: 'ZJW', reason: 'x', explanation: 'y', returnCount: 1 },
        },
        dispatched(),
      )
      .when(cmd)
      .thenTypes('OrderReturned', 'OrderSentToArbitration'));
  it('needs 10 meaningful characters of supporting words (libs/domain canReturnOrder)', () =>
    spec
      .given(received, dispatched())
      .when({ ...cmd, explanation: '不归我们管！！！！' })
      .thenRefused('invalid', /至少10个字/));
  it('is refused after the return window', () =>
    spec
      .given(received, dispatched())
      .when(cmd, { now: T0 + 2 * HOUR + 1 })
      .thenRefused('too_late', /退单时限/));
  it('is refused once acknowledged', () =>
    spec
      .given(...handling)
      .when(cmd)
      .thenRefused('wrong_state', /only before acknowledging/));
  it('is refused after arbitration: the centre’s decision is final', () =>
    spec
      .given(received, dispatched('CGZF', 'arbitration'))
      .when(cmd)
      .thenRefused('forbidden', /final/));
  it('is refused without a reason', () =>
    spec
      .given(received, dispatched())
      .when({ ...cmd, reason: ' ' })
      .thenRefused('invalid', /reason/));
  it('keeps the rule it started with for an order started before the domain rule applied', () => {
    const before = deciderSpec<
      OrderState,
      OrderCommand,
      PendingEvent,
      Omit<DecisionContext, 'now'>
    >(
      {
        initialState: () =>
          initialState(input, {
            maxReturns: 2,
            maxExtensions: 1,
            maxReworkRounds: 1,
            maxCallbackAttempts: 3,
          }),
        evolve,
        validate,
        decide,
      },
      T0 + HOUR / 2,
    );
    before
      .given(received, dispatched())
      .when(
        { ...cmd, explanation: '不归我们管' },
        { routing: { kind: 'manual', reason: '无下一家' }, deadlines: deadlines({}) },
      )
      .thenTypes('OrderReturned', 'OrderQueuedForManualDispatch');
  });
});

describe('respond (首次联系)', () => {
  const cmd: OrderCommand = { type: 'respond', actor: lead, note: '已电话联系' };
  it('records the first contact, within the limit or not', () => {
    spec
      .given(...handling)
      .when(cmd)
      .then([
        {
          type: 'OrderResponded',
          payload: { unitId: 'CGZF', withinLimit: true, note: '已电话联系' },
        },
      ]);
    spec
      .given(...handling)
      .when(cmd, { now: T0 + 25 * HOUR })
      .then(([e]) => expect(e).toMatchObject({ payload: { withinLimit: false } }));
  });
  it('is refused a second time', () =>
    spec
      .given(...handling, responded)
      .when(cmd)
      .thenRefused('wrong_state', /already recorded/));
});

describe('reportProgress (进展)', () => {
  const cmd: OrderCommand = {
    type: 'reportProgress',
    actor: { kind: 'unit', unitId: 'XHJD' },
    note: '已约谈施工方',
  };
  it('is open to the lead and the assisting units', () =>
    spec
      .given(...handling)
      .when(cmd)
      .then([{ type: 'ProgressReported', payload: { unitId: 'XHJD', note: '已约谈施工方' } }]));
  it('is refused to other units and without a note', () => {
    spec
      .given(...handling)
      .when({ ...cmd, actor: other })
      .thenRefused('forbidden', /lead or an assisting/);
    spec
      .given(...handling)
      .when({ ...cmd, note: '' })
      .thenRefused('invalid', /note/);
  });
});

describe('requestExtension (延期)', () => {
  const cmd: OrderCommand = {
    type: 'requestExtension',
    actor: lead,
    requestedHandleBy: at(9 * 24),
    reason: '需联合执法',
  };
  const latest = deadlines({ latestHandleBy: at(14 * 24) });
  it('asks for a limit up to the longest extension the calendar allows', () =>
    spec
      .given(...handling)
      .when(cmd, { deadlines: latest })
      .then([extensionRequested]));
  it('is refused beyond the longest extension, once looked up (libs/domain canExtendTo)', () =>
    spec
      .given(...handling)
      .when({ ...cmd, requestedHandleBy: at(15 * 24) }, { deadlines: latest })
      .thenRefused('invalid', /延期不得超过/));
  it('is refused for a limit not later than the one in force, after the limit, twice, or past the count', () => {
    spec
      .given(...handling)
      .when({ ...cmd, requestedHandleBy: at(24) }, { deadlines: latest })
      .thenRefused('invalid', /须晚于/);
    spec
      .given(...handling)
      .when(cmd, { deadlines: latest, now: T0 + 8 * DAY })
      .thenRefused('too_late', /办理时限已过/);
    spec
      .given(...handling, extensionRequested)
      .when(cmd, { deadlines: latest })
      .thenRefused('wrong_state', /already waiting/);
    spec
      .given(...handling, extensionRequested, {
        type: 'ExtensionDecided',
        payload: { approved: true, note: 'ok', handleBy: at(9 * 24), previousHandleBy: at(7 * 24) },
      })
      .when({ ...cmd, requestedHandleBy: at(10 * 24) }, { deadlines: latest })
      .thenRefused('forbidden', /上限1次/);
  });
});

describe('decideExtension', () => {
  const cmd: OrderCommand = {
    type: 'decideExtension',
    actor: supervisor,
    approve: true,
    note: '同意',
  };
  it('moves the limit when approved, keeps it when denied', () => {
    spec
      .given(...handling, extensionRequested)
      .when(cmd)
      .then([
        {
          type: 'ExtensionDecided',
          payload: {
            approved: true,
            note: '同意',
            handleBy: at(9 * 24),
            previousHandleBy: at(7 * 24),
          },
        },
      ]);
    spec
      .given(...handling, extensionRequested)
      .when({ ...cmd, approve: false })
      .then(([e]) =>
        expect(e).toMatchObject({ payload: { approved: false, handleBy: at(7 * 24) } }),
      );
  });
  it('is refused with no request waiting, and to units', () => {
    spec
      .given(...handling)
      .when(cmd)
      .thenRefused('wrong_state', /No extension request/);
    spec
      .given(...handling, extensionRequested)
      .when({ ...cmd, actor: lead })
      .thenRefused('forbidden', /supervisors/);
  });
});

describe('resolve (办结)', () => {
  const cmd: OrderCommand = {
    type: 'resolve',
    actor: lead,
    outcome: 'solved',
    summary: '已责令停工',
  };
  const callback = deadlines({ callbackDueAt: at(48) });
  it('records the outcome with the callback due, and the implied first contact', () => {
    spec
      .given(...handling, responded)
      .when(cmd, { deadlines: callback })
      .then([resolved]);
    spec
      .given(...handling)
      .when(cmd, { deadlines: callback })
      .thenTypes('OrderResponded', 'OrderResolved');
  });
  it('is refused without a summary, and before acknowledging', () => {
    spec
      .given(...handling)
      .when({ ...cmd, summary: '' })
      .thenRefused('invalid', /summary/);
    spec
      .given(received, dispatched())
      .when(cmd)
      .thenRefused('wrong_state', /dispatched/);
  });
});

describe('requestExclusion (剔除) and decideExclusion', () => {
  const request: OrderCommand = {
    type: 'requestExclusion',
    actor: lead,
    reason: 'in_legal_process',
    explanation: '双方已起诉',
  };
  const decideIt: OrderCommand = {
    type: 'decideExclusion',
    actor: supervisor,
    approve: true,
    note: '同意剔除',
  };
  it('is requested after resolving and decided by the centre', () => {
    spec
      .given(...handling, resolved)
      .when(request)
      .then([exclusionRequested]);
    spec
      .given(...handling, resolved, exclusionRequested)
      .when(decideIt)
      .then([{ type: 'ExclusionDecided', payload: { approved: true, note: '同意剔除' } }]);
  });
  it('closes the order when the callback phase ended while it waited', () =>
    spec
      .given(...handling, resolved, exclusionRequested, {
        type: 'CallbackRecorded',
        payload: { attempt: 1, reached: true, solved: true, satisfaction: 'satisfied', note: '' },
      })
      .when(decideIt)
      .then(([, closed]) =>
        expect(closed).toMatchObject({
          type: 'OrderClosed',
          payload: { closure: 'completed', excluded: true },
        }),
      ));
  it('is refused before resolving, twice, or with nothing waiting', () => {
    spec
      .given(...handling)
      .when(request)
      .thenRefused('wrong_state', /only after resolving/);
    spec
      .given(...handling, resolved, exclusionRequested)
      .when(request)
      .thenRefused('wrong_state', /already requested/);
    spec
      .given(...handling, resolved)
      .when(decideIt)
      .thenRefused('wrong_state', /No exclusion request/);
  });
});

describe('dispatchManually and decideArbitration (人工派单, 争议裁定)', () => {
  const manual: OrderCommand = { type: 'dispatchManually', actor: supervisor, leadUnitId: 'CGZF' };
  const arbitrate: OrderCommand = {
    type: 'decideArbitration',
    actor: supervisor,
    leadUnitId: 'CGZF',
    note: '属城管职责',
  };
  const d = deadlines({ acknowledgeBy: at(2), returnBy: at(3) });
  it('dispatch from the queue with a return window; arbitration without one', () => {
    spec
      .given(received, queued)
      .when(manual, { deadlines: d })
      .then(([e]) =>
        expect(e).toMatchObject({
          type: 'OrderDispatched',
          payload: {
            dispatchedBy: 'supervisor',
            deadlines: { acknowledgeBy: at(2), returnBy: at(3) },
          },
        }),
      );
    spec
      .given(received, dispatched(), toArbitration)
      .when(arbitrate, { deadlines: d })
      .then(([e]) =>
        expect(e).toMatchObject({
          type: 'OrderDispatched',
          payload: { dispatchedBy: 'arbitration', deadlines: { acknowledgeBy: at(2) } },
        }),
      );
  });
  it('is refused to units, out of their state, and without a unit or note', () => {
    spec
      .given(received, queued)
      .when({ ...manual, actor: lead })
      .thenRefused('forbidden', /supervisors/);
    spec
      .given(received, dispatched())
      .when(manual)
      .thenRefused('wrong_state', /awaiting_dispatch/);
    spec
      .given(received, queued)
      .when({ ...manual, leadUnitId: '' })
      .thenRefused('invalid', /leadUnitId/);
    spec
      .given(received, dispatched())
      .when(arbitrate)
      .thenRefused('wrong_state', /in_arbitration/);
    spec
      .given(received, dispatched(), toArbitration)
      .when({ ...arbitrate, note: '' })
      .thenRefused('invalid', /note/);
  });
});

describe('urge (催办) and supervise (督办)', () => {
  it('are the centre’s, on an open order, with a note', () => {
    spec
      .given(...handling)
      .when({ type: 'urge', actor: supervisor, note: '请尽快' })
      .then([
        { type: 'OrderUrged', payload: { note: '请尽快', unitId: 'CGZF', automatic: false } },
      ]);
    spec
      .given(...handling)
      .when({ type: 'supervise', actor: supervisor, note: '督办' })
      .then([
        { type: 'OrderEscalated', payload: { note: '督办', unitId: 'CGZF', automatic: false } },
      ]);
    spec
      .given(...handling)
      .when({ type: 'urge', actor: lead, note: 'x' })
      .thenRefused('forbidden', /supervisors/);
    spec
      .given(received, queued)
      .when({ type: 'supervise', actor: supervisor, note: 'x' })
      .thenRefused('wrong_state');
    spec
      .given(...handling)
      .when({ type: 'urge', actor: supervisor, note: '' })
      .thenRefused('invalid', /note/);
  });
});

describe('recordCallback (回访)', () => {
  const satisfied: OrderCommand = {
    type: 'recordCallback',
    actor: operator,
    reached: true,
    solved: true,
    satisfaction: 'satisfied',
  };
  it('closes the order when the caller is reached and content', () =>
    spec
      .given(...handling, responded, resolved)
      .when(satisfied)
      .then(([recorded, closed]) => {
        expect(recorded).toMatchObject({
          type: 'CallbackRecorded',
          payload: { attempt: 1, reached: true, satisfaction: 'satisfied' },
        });
        expect(closed).toMatchObject({
          type: 'OrderClosed',
          payload: { closure: 'completed', callback: { answered: true, solved: true } },
        });
      }));
  it('sends it back for rework (重办) when unsolved, with fresh deadlines', () =>
    spec
      .given(...handling, responded, resolved)
      .when(
        { ...satisfied, solved: false },
        { deadlines: deadlines({ respondBy: at(72), handleBy: at(9 * 24) }) },
      )
      .then(([, reworked]) =>
        expect(reworked).toMatchObject({
          type: 'OrderReworked',
          payload: { round: 1, deadlines: { respondBy: at(72), handleBy: at(9 * 24) } },
        }),
      ));
  it('tries again when not reached, and closes after the last attempt', () => {
    const missed: OrderCommand = { type: 'recordCallback', actor: operator, reached: false };
    spec
      .given(...handling, responded, resolved)
      .when(missed)
      .thenTypes('CallbackRecorded');
    const attempt = (n: number): PendingEvent => ({
      type: 'CallbackRecorded',
      payload: { attempt: n, reached: false, note: '' },
    });
    spec
      .given(...handling, responded, resolved, attempt(1), attempt(2))
      .when(missed)
      .thenTypes('CallbackRecorded', 'OrderClosed');
  });
  it('is refused to units, before resolving, and without both answers', () => {
    spec
      .given(...handling, resolved)
      .when({ ...satisfied, actor: lead })
      .thenRefused('forbidden', /centre/);
    spec
      .given(...handling)
      .when(satisfied)
      .thenRefused('wrong_state', /resolved/);
    spec
      .given(...handling, resolved)
      .when({ type: 'recordCallback', actor: operator, reached: true })
      .thenRefused('invalid', /solved\? and satisfied\?/);
  });
});

describe('terminate (终止办理)', () => {
  it('closes the order, by a supervisor, with a reason', () => {
    spec
      .given(...handling)
      .when({ type: 'terminate', actor: supervisor, reason: '诉求人撤回' })
      .thenTypes('OrderTerminated', 'OrderClosed');
    spec
      .given(...handling)
      .when({ type: 'terminate', actor: lead, reason: 'x' })
      .thenRefused('forbidden', /supervisors/);
    spec
      .given(...handling)
      .when({ type: 'terminate', actor: supervisor, reason: '' })
      .thenRefused('invalid', /reason/);
  });
  it('leaves a closed order closed: every action is refused', () =>
    spec
      .given(
        ...handling,
        { type: 'OrderTerminated', payload: { reason: 'x' } },
        {
          type: 'OrderClosed',
          payload: {
            closure: 'terminated',
            reworkRounds: 0,
            returnCount: 0,
            excluded: false,
            breaches: [],
          },
        },
      )
      .when({ type: 'urge', actor: supervisor, note: 'x' })
      .thenRefused('wrong_state', /closed/));
});

describe('escalateToWhistle (吹哨)', () => {
  const street: Actor = { kind: 'unit', unitId: 'XHJD' };
  const cmd: OrderCommand = {
    type: 'escalateToWhistle',
    actor: street,
    whistleType: 'routine',
    summonedUnitIds: ['GZFJ'],
    title: '违建',
    description: '需联合执法',
  };
  const streetLed = [
    received,
    dispatched('XHJD'),
    { ...acknowledged, payload: { ...acknowledged.payload, unitId: 'XHJD' } } as PendingEvent,
  ];
  it('names the whistle after the order, once the scope check passed', () =>
    spec
      .given(...streetLed)
      .when(cmd, { whistleScope: { ok: true, explanation: '' } })
      .then(([e]) =>
        expect(e).toMatchObject({
          type: 'OrderEscalatedToWhistle',
          payload: { whistleId: 'HL-1-W1', summonedUnitIds: ['GZFJ'] },
        }),
      ));
  it('is refused without departments, and as the scope check says', () => {
    spec
      .given(...streetLed)
      .when({ ...cmd, summonedUnitIds: [] })
      .thenRefused('invalid', /summon at least one/);
    spec
      .given(...streetLed)
      .when(cmd, {
        whistleScope: {
          ok: false,
          refusals: [{ code: 'no_duty_for_matter', unitId: 'GZFJ', explanation: '无职责' }],
        },
      })
      .thenRefused('invalid', /无职责/);
  });
});

describe('deadlines (timers)', () => {
  it('breach the acknowledgement limit once, with automatic supervision (督办)', () => {
    const s = spec.given(received, dispatched()).state();
    const [timer] = pendingTimers(s);
    expect(timer).toMatchObject({ kind: 'acknowledge', action: 'breach', at: T0 + HOUR });
    expect(fireTimer(s, timer!).map((e) => e.type)).toEqual(['DeadlineBreached', 'OrderEscalated']);
    expect(pendingTimers({ ...s, firedTimers: [timer!.key] })).toEqual([]);
  });
  it('close a resolved order without callback three days after it was due', () => {
    const s = spec.given(...handling, responded, resolved).state();
    const [timer] = pendingTimers(s);
    expect(timer).toMatchObject({ action: 'close_without_callback', at: T0 + 48 * HOUR + 3 * DAY });
    expect(fireTimer(s, timer!)).toMatchObject([
      { type: 'OrderClosed', payload: { callback: { answered: false } } },
    ]);
  });
});

describe('progress notes are bounded (history size)', () => {
  const cmd: OrderCommand = { type: 'reportProgress', actor: lead, note: '已约谈施工方' };
  const note: PendingEvent = {
    type: 'ProgressReported',
    payload: { unitId: 'CGZF', note: '进展' },
  };
  it('refuses a note past the order’s cap with limit_reached (the API answers 409)', () => {
    const capped = deciderSpec<
      OrderState,
      OrderCommand,
      PendingEvent,
      Omit<DecisionContext, 'now'>
    >(
      {
        initialState: () => initialState(input, { ...policy, maxProgressNotes: 2 }),
        evolve,
        validate,
        decide,
      },
      T0 + HOUR / 2,
    );
    capped
      .given(...handling, note)
      .when(cmd)
      .thenTypes('ProgressReported');
    capped
      .given(...handling, note, note)
      .when(cmd)
      .thenRefused('limit_reached', /已达上限（2条）/);
  });
  it('has no cap for an order started before the cap existed', () =>
    spec
      .given(...handling, note, note, note)
      .when(cmd)
      .thenTypes('ProgressReported'));
});
