import type { ProactiveTaskEvent } from '@hotline/contracts';
import { deciderSpec } from '../testing/decider-spec';
import {
  type ProactiveTaskActor,
  type ProactiveTaskCommand,
  type ProactiveTaskDecisionContext,
  type ProactiveTaskState,
  type ProactiveTaskWorkflowInput,
  decide,
  decideEffect,
  decideStart,
  evolve,
  fireTimer,
  initialState,
  isFinished,
  measurementDue,
  needsFor,
  pendingTimers,
  validate,
} from './index';

/** Proactive tasks (未诉先办) without Temporal: Given events, When an action or a deadline, Then events. */

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const input: ProactiveTaskWorkflowInput = {
  taskId: 'ZD-20261123-0001',
  source: {
    kind: 'hotspot',
    hotspotId: 'CG-004|FQJD-02|2026-11-22',
    orderIds: ['HL1', 'HL2', 'HL3', 'HL4', 'HL5'],
  },
  scope: { matterTypeCode: 'CG-004', streetId: 'FQJD', communityId: 'FQJD-02' },
  title: '枫桥街道二社区餐饮油烟扰民集中整治',
  description: '近 7 日同一社区餐饮油烟诉求 5 件',
  ownerUnitId: 'FQJD',
  startedBy: { kind: 'supervisor', userId: 'centre-1' },
  dueBy: at(30),
};
const centre: ProactiveTaskActor = { kind: 'supervisor', userId: 'centre-1' };
const owner: ProactiveTaskActor = { kind: 'unit', unitId: 'FQJD', userId: 'fq-clerk' };
const otherUnit: ProactiveTaskActor = { kind: 'unit', unitId: 'XHJD', userId: 'xh-clerk' };

const started = decideStart(input, {
  planBy: at(3),
  admission: { onList: true, reason: 'listed_duty', explanation: '在清单中' },
})[0]!;
const planned: ProactiveTaskEvent = {
  type: 'ProactiveTaskPlanned',
  payload: {
    plan: '联合城管执法检查油烟净化设施',
    measures: ['逐户检查', '限期加装净化器'],
    plannedBy: 'FQJD/fq-clerk',
  },
};
const completed: ProactiveTaskEvent = {
  type: 'ProactiveTaskCompleted',
  payload: { summary: '12 家餐馆全部加装', completedBy: 'FQJD/fq-clerk', verifyBy: at(25) },
};

const spec = deciderSpec<
  ProactiveTaskState,
  ProactiveTaskCommand,
  ProactiveTaskEvent,
  ProactiveTaskDecisionContext
>({ initialState: () => initialState(input), evolve, validate, decide }, T0);

describe('proactive task: start and plan', () => {
  it('starts with the owner, the deadline, the plan limit and the check against the lists', () => {
    expect(started).toEqual({
      type: 'ProactiveTaskStarted',
      payload: expect.objectContaining({
        taskId: 'ZD-20261123-0001',
        matterTypeCode: 'CG-004',
        communityId: 'FQJD-02',
        ownerUnitId: 'FQJD',
        startedBy: 'centre-1',
        dueBy: at(30),
        planBy: at(3),
        admission: expect.objectContaining({ onList: true }),
      }),
    });
    expect(spec.given(started).state()).toMatchObject({ status: 'planning', startedAt: at(0) });
  });

  it('takes the owner’s plan, and no one else’s', () => {
    spec
      .given(started)
      .when({
        type: 'submitPlan',
        actor: owner,
        plan: planned.payload.plan as string,
        measures: ['逐户检查', '限期加装净化器'],
      })
      .then([planned]);
    spec
      .given(started)
      .when({ type: 'submitPlan', actor: otherUnit, plan: '方案内容', measures: ['x'] })
      .thenRefused('forbidden', /FQJD/);
    spec
      .given(started)
      .when({ type: 'submitPlan', actor: owner, plan: '方案', measures: [] })
      .thenRefused('invalid', /措施/);
    spec
      .given(started, planned)
      .when({ type: 'submitPlan', actor: owner, plan: '再交一次方案', measures: ['x'] })
      .thenRefused('wrong_state');
  });
});

describe('proactive task: progress and completion', () => {
  it('records progress in percent while in progress, up to the cap', () => {
    spec
      .given(started, planned)
      .when({ type: 'reportProgress', actor: owner, note: '已检查 6 家', percent: 50 })
      .then([
        {
          type: 'ProactiveTaskProgressReported',
          payload: { note: '已检查 6 家', percent: 50, reportedBy: 'FQJD/fq-clerk' },
        },
      ]);
    spec
      .given(started)
      .when({ type: 'reportProgress', actor: owner, note: '早了', percent: 10 })
      .thenRefused('wrong_state', /不在整改中/);
    spec
      .given(started, planned)
      .when({ type: 'reportProgress', actor: owner, note: 'x', percent: 120 })
      .thenRefused('invalid');
    const full = Array.from({ length: 50 }, (): ProactiveTaskEvent => ({
      type: 'ProactiveTaskProgressReported',
      payload: { note: 'n', percent: 10, reportedBy: 'x' },
    }));
    spec
      .given(started, planned, ...full)
      .when({ type: 'reportProgress', actor: owner, note: '第51条', percent: 60 })
      .thenRefused('limit_reached', /上限/);
  });

  it('completes with the centre’s verification limit looked up', () => {
    const cmd: ProactiveTaskCommand = {
      type: 'complete',
      actor: owner,
      summary: '12 家餐馆全部加装',
    };
    expect(needsFor(spec.given(started, planned).state(), cmd)).toEqual({ verifyLimit: true });
    spec
      .given(started, planned)
      .when(cmd, { verifyBy: at(25) })
      .then([completed]);
    expect(spec.given(started, planned, completed).state()).toMatchObject({
      status: 'verifying',
      percent: 100,
    });
  });
});

describe('proactive task: the centre verifies', () => {
  it('accepts: the spans to compare are the four weeks before the start and after verification', () => {
    spec
      .given(started, planned, completed)
      .when(
        { type: 'verify', actor: centre, decision: 'accept', note: '现场核验通过' },
        { now: T0 + 20 * DAY },
      )
      .then([
        {
          type: 'ProactiveTaskVerified',
          payload: {
            note: '现场核验通过',
            verifiedBy: 'centre-1',
            before: { from: at(-28), to: at(0) },
            after: { from: at(20), to: at(48) },
            measureAt: at(49),
          },
        },
      ]);
  });

  it('sends back for more work, counting, and only the centre verifies', () => {
    spec
      .given(started, planned, completed)
      .when({ type: 'verify', actor: centre, decision: 'send_back', note: '仍有 2 家未加装' })
      .thenTypes('ProactiveTaskSentBack');
    const sentBack: ProactiveTaskEvent = {
      type: 'ProactiveTaskSentBack',
      payload: { note: '仍有 2 家未加装', sentBackBy: 'centre-1', sendBackCount: 1 },
    };
    expect(spec.given(started, planned, completed, sentBack).state()).toMatchObject({
      status: 'in_progress',
      sendBackCount: 1,
    });
    spec
      .given(started, planned, completed)
      .when({ type: 'verify', actor: owner, decision: 'accept', note: '自验' })
      .thenRefused('forbidden');
    spec
      .given(started, planned)
      .when({ type: 'verify', actor: centre, decision: 'accept', note: 'ok' })
      .thenRefused('wrong_state', /未报告完成/);
  });

  it('lets the centre cancel an open task, never a verified one', () => {
    spec
      .given(started)
      .when({ type: 'cancel', actor: centre, reason: '并入区级专项' })
      .then([
        {
          type: 'ProactiveTaskCancelled',
          payload: { reason: '并入区级专项', cancelledBy: 'centre-1' },
        },
      ]);
    spec
      .given(started)
      .when({ type: 'cancel', actor: owner, reason: '不想做' })
      .thenRefused('forbidden');
  });
});

describe('proactive task: deadlines and the measured effect', () => {
  it('puts a missed plan limit and a missed deadline on the record once each', () => {
    const state = spec.given(started).state();
    expect(pendingTimers(state).map((t) => [t.kind, t.at])).toEqual([
      ['plan_overdue', Date.parse(at(3))],
      ['deadline_missed', Date.parse(at(30))],
    ]);
    const [plan] = pendingTimers(state);
    const after = evolve({ ...state, firedTimers: [plan!.key] }, fireTimer(state, plan!)[0]!, T0);
    expect(after.planOverdue).toBe(true);
    expect(pendingTimers(after).map((t) => t.kind)).toEqual(['deadline_missed']);
    expect(fireTimer(after, pendingTimers(after)[0]!)).toEqual([
      { type: 'ProactiveTaskDeadlineMissed', payload: { dueBy: at(30) } },
    ]);
  });

  it('puts a missed verification limit on the record, and no deadline once completed', () => {
    const state = spec.given(started, planned, completed).state();
    expect(pendingTimers(state).map((t) => t.kind)).toEqual(['verification_overdue']);
    expect(fireTimer(state, pendingTimers(state)[0]!)).toEqual([
      { type: 'ProactiveTaskVerificationOverdue', payload: { verifyBy: at(25) } },
    ]);
  });

  it('measures the effect once verified, from the orders counted, and finishes', () => {
    const verified = spec
      .given(started, planned, completed)
      .when(
        { type: 'verify', actor: centre, decision: 'accept', note: 'ok' },
        { now: T0 + 20 * DAY },
      );
    let events: ProactiveTaskEvent[] = [];
    verified.then((e) => (events = e));
    const state = events.reduce(
      (s, e) => evolve(s, e, T0 + 20 * DAY),
      spec.given(started, planned, completed).state(),
    );
    expect(pendingTimers(state)).toEqual([]);
    expect(measurementDue(state)).toBe(Date.parse(at(49)));
    const [effect] = decideEffect(state, { before: ['a', 'b', 'c', 'd', 'e', 'f'], after: ['g'] });
    expect(effect).toMatchObject({
      type: 'ProactiveTaskEffectMeasured',
      payload: {
        before: { from: at(-28), to: at(0), orders: 6 },
        after: { from: at(20), to: at(48), orders: 1, orderIds: ['g'] },
        verdict: 'effective',
      },
    });
    const closed = evolve(state, effect!, Date.parse(at(49)));
    expect(isFinished(closed)).toBe(true);
    expect(closed.effect).toMatchObject({ verdict: 'effective', beforeOrders: 6, afterOrders: 1 });
    expect(measurementDue(closed)).toBeUndefined();
  });
});
