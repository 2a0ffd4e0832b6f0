import type { DeadlineResult, DispatchLevels, OrderPolicy, RoutingResult } from '../activities';
import { deciderSpec } from '../testing/decider-spec';
import { type DecisionContext, decide, needsFor } from './decide';
import { evolve, initialState } from './evolve';
import { decideIntake, dispatchFromRouting } from './intake';
import type { Actor, OrderCommand, OrderState, OrderWorkflowInput, PendingEvent } from './model';
import { fireTimer, pendingTimers } from './timers';
import { validate } from './validate';

/**
 * Three-level dispatch (市级 → 区级 → 街乡) in the order's rules: an order whose intake says who
 * took the call carries it into every routing lookup; its dispatches carry the levels; returns,
 * arbitration and escalation go to the right level; a push-down to a street is recorded.
 */

const T0 = Date.parse('2026-12-01T02:00:00Z'); // Tuesday 10:00 in Beijing
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const policy: OrderPolicy = {
  maxReturns: 2,
  maxExtensions: 1,
  maxReworkRounds: 1,
  maxCallbackAttempts: 3,
  minReturnSupportingChars: 10,
  extensionLimitLookup: true,
};
// The city centre takes a call about a broken road in 澜山区 (市级直派).
const input: OrderWorkflowInput = {
  orderId: 'HL-C1',
  channel: 'phone',
  category: 'complaint',
  content: '澜山区路面破损',
  matterTypeCode: 'CG-007',
  urgency: 'normal',
  location: { address: '澜山区松泉街道', streetId: 'LS-SQJD' },
  receivedAt: at(0),
  callerKey: 'k',
  takenBy: { level: 'city' },
};
const spec = deciderSpec<OrderState, OrderCommand, PendingEvent, Omit<DecisionContext, 'now'>>(
  { initialState: () => initialState(input, policy), evolve, validate, decide },
  T0 + HOUR / 2,
);
const deadlines = (d: Partial<DeadlineResult>): DeadlineResult => ({
  reminderFractions: [0.5, 0.8],
  maxExtensionFactor: 1,
  ...d,
});
const levels: DispatchLevels = {
  districtId: 'LS',
  leadLevel: 'district',
  dispatchedByUnitId: 'BJ-RXZX',
  escalation: { toUnitId: 'BJ-RXZX', level: 'city', explanation: '上报市级' },
};
const routed: Extract<RoutingResult, { kind: 'dispatch' }> = {
  kind: 'dispatch',
  leadUnitId: 'LS-CGW',
  assistingUnitIds: ['LS-SQJD', 'LS-JTW'],
  supervisingUnitIds: ['LS-ZHZX'],
  rule: 'CG-007 道路破损：市级直派澜山区；澜山区接诉即办指挥中心督办',
  levels,
};
const [received] = decideIntake(input) as [PendingEvent];
const stateAfter = (...events: PendingEvent[]) =>
  events.reduce((s, e) => evolve(s, e, T0), initialState(input, policy));
const [dispatched] = dispatchFromRouting(
  stateAfter(received),
  routed,
  { now: T0, deadlines: deadlines({ acknowledgeBy: at(1), returnBy: at(2) }) },
  1,
) as [PendingEvent];
const department: Actor = { kind: 'unit', unitId: 'LS-CGW' };
const supervisor: Actor = { kind: 'supervisor', userId: 'sup-1' };
const returnBy = (unitId: string, explanation = '该路段属交通部门管养的公路') =>
  ({
    type: 'return',
    actor: { kind: 'unit', unitId },
    reason: 'wrong_jurisdiction',
    explanation,
  }) as const;

describe('three-level dispatch: intake and the first dispatch', () => {
  it('records who took the call on OrderReceived, and keeps it in the state', () => {
    expect(received).toMatchObject({
      type: 'OrderReceived',
      payload: { takenBy: { level: 'city' } },
    });
    expect(stateAfter(received).takenBy).toEqual({ level: 'city' });
  });

  it('dispatches with the levels the routing found: district, lead level, dispatching centre, escalation', () => {
    expect(dispatched).toMatchObject({
      type: 'OrderDispatched',
      payload: {
        leadUnitId: 'LS-CGW',
        supervisingUnitIds: ['LS-ZHZX'],
        districtId: 'LS',
        leadLevel: 'district',
        dispatchedByUnitId: 'BJ-RXZX',
        escalation: { toUnitId: 'BJ-RXZX', level: 'city' },
      },
    });
    expect(stateAfter(received, dispatched).levels).toEqual(levels);
  });

  it('an order without takenBy keeps the district’s behaviour: no levels, no extra lookups', () => {
    const { takenBy: _none, ...districtInput } = input;
    const s = initialState(districtInput, policy);
    expect(s.takenBy).toBeUndefined();
    const [r] = decideIntake(districtInput) as [PendingEvent];
    expect(r.payload).not.toHaveProperty('takenBy');
    const afterDispatch = evolve(evolve(s, r, T0), dispatched, T0);
    expect(afterDispatch.levels).toBeUndefined();
    expect(needsFor(afterDispatch, returnBy('LS-CGW'))).toEqual({
      routing: true,
      deadlines: 'dispatch',
    });
    expect(
      needsFor(afterDispatch, {
        type: 'dispatchManually',
        actor: supervisor,
        leadUnitId: 'LS-JMJD',
      }),
    ).toEqual({ deadlines: 'dispatch' });
  });
});

describe('three-level dispatch: returns go to the right level', () => {
  it('asks the routing with who returned it and why (the push-down check)', () => {
    expect(needsFor(stateAfter(received, dispatched), returnBy('LS-CGW'))).toEqual({
      routing: true,
      deadlines: 'dispatch',
      returnedBy: { unitId: 'LS-CGW', explanation: '该路段属交通部门管养的公路' },
    });
  });

  it('records a push-down to a street without reason on the dispatch (自上而下派回街道)', () =>
    spec
      .given(received, dispatched)
      .when(returnBy('LS-CGW', '请属地街道处理一下吧'), {
        routing: {
          ...routed,
          leadUnitId: 'LS-SQJD',
          assistingUnitIds: ['LS-JTW'],
          levels: {
            ...levels,
            leadLevel: 'street',
            escalation: { toUnitId: 'LS-ZHZX', level: 'district', explanation: '上报区级' },
            pushDown: {
              fromUnitId: 'LS-CGW',
              flagged: true,
              code: 'pushed_down_without_reason',
              explanation: '自上而下派回街道',
            },
          },
        },
        deadlines: deadlines({ acknowledgeBy: at(2), returnBy: at(3) }),
      })
      .then(([returned, redispatched]) => {
        expect(returned).toMatchObject({ type: 'OrderReturned', payload: { unitId: 'LS-CGW' } });
        expect(redispatched).toMatchObject({
          type: 'OrderDispatched',
          payload: {
            leadUnitId: 'LS-SQJD',
            attempt: 2,
            leadLevel: 'street',
            pushDown: { fromUnitId: 'LS-CGW', flagged: true },
          },
        });
      }));

  it('asks the routing at the last return too, and names its arbiter (市级 across levels)', () => {
    const returned: PendingEvent = {
      type: 'OrderReturned',
      payload: { unitId: 'LS-CGW', reason: 'x', explanation: 'y', returnCount: 1 },
    };
    const second: PendingEvent = {
      ...dispatched,
      payload: { ...(dispatched.payload as object), leadUnitId: 'BJ-ZLS', attempt: 2 },
    } as PendingEvent;
    const state = stateAfter(received, dispatched, returned, second);
    expect(needsFor(state, returnBy('BJ-ZLS'))).toEqual({
      routing: true,
      returnedBy: { unitId: 'BJ-ZLS', explanation: '该路段属交通部门管养的公路' },
    });
    spec
      .given(received, dispatched, returned, second)
      .when(returnBy('BJ-ZLS'), {
        routing: {
          kind: 'arbitration',
          reason: '已退单2次',
          arbiterUnitId: 'BJ-RXZX',
          arbiterLevel: 'city',
        },
      })
      .then(([, arbitration]) => {
        expect(arbitration).toEqual({
          type: 'OrderSentToArbitration',
          payload: {
            reason: '已退单2次，提交争议裁定（市级）',
            returnedByUnitIds: ['LS-CGW', 'BJ-ZLS'],
            arbiterUnitId: 'BJ-RXZX',
            arbiterLevel: 'city',
          },
        });
      });
    const after = stateAfter(received, dispatched, returned, second, {
      type: 'OrderSentToArbitration',
      payload: {
        reason: 'r',
        returnedByUnitIds: ['LS-CGW', 'BJ-ZLS'],
        arbiterUnitId: 'BJ-RXZX',
        arbiterLevel: 'city',
      },
    });
    expect(after.arbiter).toEqual({ unitId: 'BJ-RXZX', level: 'city' });
    // The arbiter's decision asks for the chosen lead's levels and checks a push-down from the arbiter.
    expect(
      needsFor(after, {
        type: 'decideArbitration',
        actor: supervisor,
        leadUnitId: 'LS-SQJD',
        note: '街道办',
      }),
    ).toEqual({
      deadlines: 'dispatch',
      levels: {
        leadUnitId: 'LS-SQJD',
        fromUnitId: 'BJ-RXZX',
        takenBy: { level: 'city' },
        reason: '街道办',
      },
    });
  });

  it('an arbitration decision carries the looked-up levels and push-down flag', () =>
    spec
      .given(received, dispatched, {
        type: 'OrderSentToArbitration',
        payload: {
          reason: 'r',
          returnedByUnitIds: ['LS-CGW', 'BJ-ZLS'],
          arbiterUnitId: 'BJ-RXZX',
          arbiterLevel: 'city',
        },
      })
      .when(
        { type: 'decideArbitration', actor: supervisor, leadUnitId: 'LS-SQJD', note: '街道办' },
        {
          deadlines: deadlines({ acknowledgeBy: at(3) }),
          levels: {
            districtId: 'LS',
            leadLevel: 'street',
            dispatchedByUnitId: 'BJ-RXZX',
            pushDown: {
              fromUnitId: 'BJ-RXZX',
              flagged: true,
              code: 'pushed_down_without_reason',
              explanation: '自上而下派回街道',
            },
          },
        },
      )
      .then([
        {
          type: 'OrderDispatched',
          payload: {
            leadUnitId: 'LS-SQJD',
            assistingUnitIds: [],
            supervisingUnitIds: ['LS-ZHZX'],
            attempt: 2,
            rule: '街道办',
            dispatchedBy: 'arbitration',
            matterTypeCode: 'CG-007',
            streetId: 'LS-SQJD',
            deadlines: { acknowledgeBy: at(3) },
            districtId: 'LS',
            leadLevel: 'street',
            dispatchedByUnitId: 'BJ-RXZX',
            pushDown: {
              fromUnitId: 'BJ-RXZX',
              flagged: true,
              code: 'pushed_down_without_reason',
              explanation: '自上而下派回街道',
            },
          },
        },
      ]));
});

describe('three-level dispatch: escalation (督办/上报) goes to the lead’s next level', () => {
  const acknowledged: PendingEvent = {
    type: 'OrderAcknowledged',
    payload: {
      unitId: 'LS-CGW',
      withinLimit: true,
      deadlines: { respondBy: at(24), handleBy: at(7 * 24) },
      reminders: [],
    },
  };

  it('a supervisor’s escalation names the city centre for a district department', () =>
    spec
      .given(received, dispatched, acknowledged)
      .when({ type: 'supervise', actor: supervisor, note: '请加快办理' })
      .then([
        {
          type: 'OrderEscalated',
          payload: {
            note: '请加快办理',
            unitId: 'LS-CGW',
            automatic: false,
            toUnitId: 'BJ-RXZX',
            level: 'city',
          },
        },
      ]));

  it('an automatic escalation at a breached limit names it too', () => {
    const state = stateAfter(received, dispatched, acknowledged);
    const breach = pendingTimers(state).find((t) => t.action === 'breach' && t.kind === 'response');
    expect(breach).toBeDefined();
    const events = fireTimer(state, breach!);
    expect(events.find((e) => e.type === 'OrderEscalated')).toMatchObject({
      payload: { automatic: true, unitId: 'LS-CGW', toUnitId: 'BJ-RXZX', level: 'city' },
    });
  });

  it('only the department acts as lead; the district centre only supervises', () =>
    spec
      .given(received, dispatched)
      .when({ type: 'acknowledge', actor: { kind: 'unit', unitId: 'LS-ZHZX' } })
      .thenRefused('forbidden'));

  it('the lead acknowledges', () =>
    spec
      .given(received, dispatched)
      .when(
        { type: 'acknowledge', actor: department },
        { deadlines: deadlines({ respondBy: at(24), handleBy: at(7 * 24) }) },
      )
      .thenTypes('OrderAcknowledged'));
});
