import { validateEvent } from '@hotline/contracts';
import type {
  ActionResult,
  ProactiveTaskCommand,
  ProactiveTaskState,
  ProactiveTaskWorkflowInput,
} from '@hotline/workflows';
import { sleepUntil, untilCompleted } from './testing/whistle-test-helpers';
import {
  eventsOf,
  refusal,
  settled,
  startWorkflowTestHarness,
  typesOf,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * The proactive-task workflow (未诉先办, 每月一题) on Temporal's time-skipping test server with the
 * real working calendar and list check of libs/domain; the complaint counts read rows in memory
 * (the same rule as the SQL count, libs/domain `complaintsIn`). Every path: accepted and measured
 * (effective / not effective), sent back and redone, cancelled; every deadline: plan, the owner's
 * deadline, the centre's verification, and the measurement weeks after acceptance.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const DAY = 86_400_000;
let counter = 0;
const centre = { kind: 'supervisor' as const, userId: 'centre-1' };
const fq = { kind: 'unit' as const, unitId: 'FQJD', userId: 'fq-clerk' };
const cgw = { kind: 'unit' as const, unitId: 'CGW', userId: 'cgw-clerk' };

async function task(over: Partial<ProactiveTaskWorkflowInput> = {}) {
  counter += 1;
  const now = await h.env.currentTimeMs();
  return {
    taskId: `ZD-TEST-${String(counter).padStart(4, '0')}-${Date.now().toString(36)}`,
    source: {
      kind: 'hotspot' as const,
      hotspotId: 'CG-005|FQJD-02|2026-11-22',
      orderIds: ['HL-a', 'HL-b', 'HL-c', 'HL-d', 'HL-e'],
    },
    scope: { matterTypeCode: 'CG-005', streetId: 'FQJD', communityId: 'FQJD-02' },
    title: '枫桥街道二社区生活垃圾清运不及时集中整治',
    description: '近 7 日同一社区生活垃圾清运诉求 5 件',
    ownerUnitId: 'FQJD',
    startedBy: centre,
    dueBy: new Date(now + 30 * DAY).toISOString(),
    ...over,
  } satisfies ProactiveTaskWorkflowInput;
}

async function start(input: ProactiveTaskWorkflowInput) {
  await h.env.client.workflow.start('proactiveTaskWorkflow', {
    workflowId: input.taskId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return until(`${input.taskId} started`, async () => {
    const s = await stateOf(input.taskId);
    return s.planBy ? s : undefined;
  });
}

const stateOf = (id: string) =>
  h.env.client.workflow.getHandle(id).query<ProactiveTaskState>('proactiveTaskState');

type Command<T extends ProactiveTaskCommand['type']> =
  Extract<ProactiveTaskCommand, { type: T }> extends infer C
    ? C extends unknown
      ? Omit<C, 'type'>
      : never
    : never;
const act = <T extends ProactiveTaskCommand['type']>(id: string, type: T, cmd: Command<T>) =>
  h.env.client.workflow
    .getHandle(id)
    .executeUpdate<ActionResult<ProactiveTaskState>, [Command<T>]>(`${type}Update`, {
      args: [cmd],
    })
    .then((result) => settled(h, id, result, () => stateOf(id)));

/** Complaints of the scope `days` days from an instant (negative: before it). */
function complaints(input: ProactiveTaskWorkflowInput, from: string, days: number[], tag: string) {
  for (const [i, d] of days.entries())
    h.complaints.push({
      orderId: `${input.taskId}-${tag}-${i}`,
      matterTypeCode: input.scope.matterTypeCode,
      streetId: input.scope.streetId ?? null,
      communityId: input.scope.communityId ?? null,
      receivedAt: new Date(Date.parse(from) + d * DAY),
    });
}

async function planAndComplete(id: string, owner = fq) {
  await act(id, 'submitPlan', {
    actor: owner,
    plan: '调整清运频次，增设临时收集点',
    measures: ['清运由每日一次增至两次', '增设两处临时收集点'],
  });
  await act(id, 'reportProgress', { actor: owner, note: '已协调环卫公司增加班次', percent: 40 });
  return act(id, 'complete', { actor: owner, summary: '清运频次已调整，收集点已设置' });
}

describe('proactive task workflow', () => {
  it('runs from a hotspot to an accepted task, then measures fewer complaints: effective', async () => {
    const input = await task();
    const started = await start(input);
    expect(started.admission).toMatchObject({ onList: true, reason: 'listed_duty' });
    // 3 working days for the plan: at least 3 calendar days after the start.
    expect(Date.parse(started.planBy!) - Date.parse(started.startedAt!)).toBeGreaterThanOrEqual(
      3 * DAY,
    );
    complaints(input, started.startedAt!, [-20, -12, -9, -5, -3, -1], 'before');
    complaints(input, started.startedAt!, [-40], 'long-before'); // outside the 4 weeks

    const completed = await planAndComplete(input.taskId);
    expect(completed).toMatchObject({ status: 'verifying', percent: 100 });
    const verified = await act(input.taskId, 'verify', {
      actor: centre,
      decision: 'accept',
      note: '现场核验：清运及时',
    });
    expect(verified.status).toBe('measuring');
    expect(Date.parse(verified.after!.to) - Date.parse(verified.after!.from)).toBe(28 * DAY);
    complaints(input, verified.verifiedAt!, [6], 'after');
    complaints(input, verified.verifiedAt!, [29], 'too-late'); // after the 4 weeks

    await sleepUntil(h, verified.measureAt!);
    await untilCompleted(h, input.taskId);
    const closed = await stateOf(input.taskId);
    expect(closed.effect).toMatchObject({
      verdict: 'effective',
      beforeOrders: 6,
      afterOrders: 1,
    });
    expect(typesOf(h, input.taskId)).toEqual([
      'ProactiveTaskStarted',
      'ProactiveTaskPlanned',
      'ProactiveTaskProgressReported',
      'ProactiveTaskCompleted',
      'ProactiveTaskVerified',
      'ProactiveTaskEffectMeasured',
    ]);
    for (const e of eventsOf(h, input.taskId)) expect(validateEvent(e).ok).toBe(true);
    const measured = eventsOf(h, input.taskId).at(-1)!.payload as {
      before: { orderIds: string[] };
    };
    expect(measured.before.orderIds).not.toContain(`${input.taskId}-long-before-0`);
  });

  it('takes a monthly topic for a department; the centre sends it back once; more complaints after: not effective', async () => {
    const input = await task({
      source: { kind: 'monthly_topic', month: '2026-11', orderIds: [] },
      // District-wide: every complaint of the matter counts, so a matter no other test uses.
      scope: { matterTypeCode: 'CG-019' },
      ownerUnitId: 'CGW',
      title: '每月一题：广场舞噪声扰民',
    });
    const started = await start(input);
    expect(started.admission).toMatchObject({ onList: true, reason: 'not_a_street' });
    complaints(input, started.startedAt!, [-10, -8, -2], 'before');

    expect(
      await refusal(
        act(input.taskId, 'submitPlan', { actor: fq, plan: '街道代拟方案', measures: ['x'] }),
      ),
    ).toMatch(/只有承办单位 CGW/);
    await planAndComplete(input.taskId, cgw);
    expect(
      await refusal(act(input.taskId, 'verify', { actor: cgw, decision: 'accept', note: '自验' })),
    ).toMatch(/中心/);
    const sentBack = await act(input.taskId, 'verify', {
      actor: centre,
      decision: 'send_back',
      note: '抽查仍有3处满溢',
    });
    expect(sentBack).toMatchObject({ status: 'in_progress', sendBackCount: 1 });
    await act(input.taskId, 'complete', { actor: cgw, summary: '满溢点已整改' });
    const verified = await act(input.taskId, 'verify', {
      actor: centre,
      decision: 'accept',
      note: '复核通过',
    });
    complaints(input, verified.verifiedAt!, [1, 2, 3, 10], 'after');
    await sleepUntil(h, verified.measureAt!);
    await untilCompleted(h, input.taskId);
    expect((await stateOf(input.taskId)).effect).toMatchObject({
      verdict: 'not_effective',
      beforeOrders: 3,
      afterOrders: 4,
    });
    expect(typesOf(h, input.taskId)).toContain('ProactiveTaskSentBack');
  });

  it('flags a street made to own a matter the list gives a department, and records a missed plan and deadline', async () => {
    const input = await task({
      scope: { matterTypeCode: 'CG-004', streetId: 'FQJD', communityId: 'FQJD-02' },
      title: '餐饮油烟扰民整治',
    });
    const started = await start(input);
    expect(started.admission).toMatchObject({ onList: false, reason: 'street_only_assists' });
    expect(eventsOf(h, input.taskId)[0]!.payload).toMatchObject({
      admission: { onList: false, reason: 'street_only_assists' },
    });

    await sleepUntil(h, started.planBy!);
    await until('plan overdue', async () =>
      (await stateOf(input.taskId)).planOverdue ? true : undefined,
    );
    await act(input.taskId, 'submitPlan', {
      actor: fq,
      plan: '逐户检查油烟净化设施',
      measures: ['检查'],
    });
    await sleepUntil(h, input.dueBy);
    await until('deadline missed', async () =>
      (await stateOf(input.taskId)).deadlineMissed ? true : undefined,
    );
    // Still open after its deadline: the owner may still finish; the centre cancels it here.
    const cancelled = await act(input.taskId, 'cancel', {
      actor: centre,
      reason: '并入区级专项整治',
    });
    expect(cancelled.status).toBe('cancelled');
    await untilCompleted(h, input.taskId);
    expect(typesOf(h, input.taskId)).toEqual([
      'ProactiveTaskStarted',
      'ProactiveTaskPlanOverdue',
      'ProactiveTaskPlanned',
      'ProactiveTaskDeadlineMissed',
      'ProactiveTaskCancelled',
    ]);
  });

  it('records a missed verification limit once, then takes the verification; too few complaints before: no verdict', async () => {
    const input = await task();
    await start(input);
    const completed = await planAndComplete(input.taskId);
    await sleepUntil(h, completed.verifyBy!);
    await until('verification overdue', async () =>
      (await stateOf(input.taskId)).verificationOverdue ? true : undefined,
    );
    const verified = await act(input.taskId, 'verify', {
      actor: centre,
      decision: 'accept',
      note: '迟到的核验',
    });
    await sleepUntil(h, verified.measureAt!);
    await untilCompleted(h, input.taskId);
    expect((await stateOf(input.taskId)).effect?.verdict).toBe('insufficient_data');
    expect(
      typesOf(h, input.taskId).filter((t) => t === 'ProactiveTaskVerificationOverdue'),
    ).toHaveLength(1);
  });
});
