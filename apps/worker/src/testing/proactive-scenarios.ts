import type {
  ActionResult,
  ProactiveTaskState,
  ProactiveTaskWorkflowInput,
} from '@hotline/workflows';
import { settled, until, type WorkflowTestHarness } from './workflow-test-env';

const DAY = 86_400_000;

/**
 * Recorded runs of the proactive-task workflow (未诉先办) for the replay test: each ends with the
 * workflow completed, so its history is whole. Returns file name → workflow id.
 */
export const PROACTIVE_SCENARIOS: Record<
  string,
  (h: WorkflowTestHarness) => Promise<Record<string, string>>
> = {
  /** Hotspot → plan → progress → completion → sent back → completion → accepted → measured. */
  async 'proactive-measured'(h) {
    const id = `ZD-REC-MEASURED-${Date.now().toString(36)}`;
    const s = await start(h, id);
    for (const d of [-9, -6, -4, -2]) h.complaints.push(row(id, s.startedAt!, d, 'b'));
    const fq = { kind: 'unit' as const, unitId: 'FQJD', userId: 'fq-clerk' };
    const centre = { kind: 'supervisor' as const, userId: 'centre-1' };
    await act(h, id, 'submitPlan', { actor: fq, plan: '调整清运频次', measures: ['每日两次清运'] });
    await act(h, id, 'reportProgress', { actor: fq, note: '已协调环卫', percent: 50 });
    await act(h, id, 'complete', { actor: fq, summary: '已调整' });
    await act(h, id, 'verify', { actor: centre, decision: 'send_back', note: '仍有满溢' });
    await act(h, id, 'complete', { actor: fq, summary: '满溢点已整改' });
    const v = await act(h, id, 'verify', { actor: centre, decision: 'accept', note: '通过' });
    h.complaints.push(row(id, v.verifiedAt!, 3, 'a'));
    await sleepTo(h, v.measureAt!);
    await completed(h, id);
    return { 'proactive-measured': id };
  },
  /** Plan limit and deadline missed on the record, then cancelled by the centre. */
  async 'proactive-overdue-cancelled'(h) {
    const id = `ZD-REC-OVERDUE-${Date.now().toString(36)}`;
    const s = await start(h, id);
    await sleepTo(h, s.dueBy);
    await until('deadline missed', async () =>
      (await stateOf(h, id)).deadlineMissed ? true : undefined,
    );
    await act(h, id, 'cancel', {
      actor: { kind: 'supervisor', userId: 'centre-1' },
      reason: '并入区级专项',
    });
    await completed(h, id);
    return { 'proactive-overdue-cancelled': id };
  },
};

async function start(h: WorkflowTestHarness, taskId: string) {
  const now = await h.env.currentTimeMs();
  const input: ProactiveTaskWorkflowInput = {
    taskId,
    source: { kind: 'hotspot', hotspotId: 'CG-005|FQJD-03|2026-11-22', orderIds: ['HL-1'] },
    scope: { matterTypeCode: 'CG-005', streetId: 'FQJD', communityId: 'FQJD-03' },
    title: '生活垃圾清运不及时集中整治',
    description: '录制用',
    ownerUnitId: 'FQJD',
    startedBy: { kind: 'supervisor', userId: 'centre-1' },
    dueBy: new Date(now + 20 * DAY).toISOString(),
  };
  await h.env.client.workflow.start('proactiveTaskWorkflow', {
    workflowId: taskId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return until(`${taskId} started`, async () => {
    const s = await stateOf(h, taskId);
    return s.planBy ? s : undefined;
  });
}

const stateOf = (h: WorkflowTestHarness, id: string) =>
  h.env.client.workflow.getHandle(id).query<ProactiveTaskState>('proactiveTaskState');

const act = (h: WorkflowTestHarness, id: string, type: string, cmd: object) =>
  h.env.client.workflow
    .getHandle(id)
    .executeUpdate<ActionResult<ProactiveTaskState>, [object]>(`${type}Update`, { args: [cmd] })
    .then((result) => settled(h, id, result, () => stateOf(h, id)));

function row(id: string, from: string, days: number, tag: string) {
  return {
    orderId: `${id}-${tag}${days}`,
    matterTypeCode: 'CG-005',
    streetId: 'FQJD',
    communityId: 'FQJD-03',
    receivedAt: new Date(Date.parse(from) + days * DAY),
  };
}

async function sleepTo(h: WorkflowTestHarness, iso: string) {
  const wait = Date.parse(iso) + 60_000 - (await h.env.currentTimeMs());
  if (wait > 0) await h.env.sleep(wait);
}

async function completed(h: WorkflowTestHarness, id: string) {
  await until(`${id} completed`, async () =>
    (await h.env.client.workflow.getHandle(id).describe()).status.name === 'COMPLETED'
      ? true
      : undefined,
  );
}
