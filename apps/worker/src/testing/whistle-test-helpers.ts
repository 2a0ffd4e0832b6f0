import type {
  ActionResult,
  WhistleCommand,
  WhistleState,
  WhistleWorkflowInput,
} from '@hotline/workflows';
import {
  queryLatest,
  refusal,
  settled,
  until,
  type WorkflowTestHarness,
} from './workflow-test-env';

/**
 * Helpers for whistle tests on the time-skipping server. Polls queries instead of awaiting
 * results: awaiting lets the server skip time freely (see the order tests).
 */

let counter = 0;

/**
 * A realistic whistle: 违法建设 (CG-001, on the whistle list, street-led) in 星湖街道, summoning the
 * three departments with a duty for it: planning (GZFJ), enforcement (CGZF) and housing (ZJW).
 */
export function illegalStructureWhistle(
  overrides: Partial<WhistleWorkflowInput> = {},
): WhistleWorkflowInput {
  counter += 1;
  return {
    whistleId: `WS-XHJD-${String(counter).padStart(5, '0')}-${Date.now().toString(36)}`,
    whistleType: 'routine',
    streetId: 'XHJD',
    matterTypeCode: 'CG-001',
    title: '星湖东里3号楼顶违建拆除',
    description: '楼顶加盖彩钢房约40平方米，街道多次劝阻无效，需规划认定、执法拆除、房屋安全评估',
    place: { address: '星湖东里3号楼', communityId: 'XHJD-01', gridId: 'XHJD-01-1' },
    summonedUnitIds: ['GZFJ', 'CGZF', 'ZJW'],
    ...overrides,
  };
}

export async function blowWhistle(h: WorkflowTestHarness, input: WhistleWorkflowInput) {
  const handle = await h.env.client.workflow.start('whistleWorkflow', {
    workflowId: input.whistleId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  const state = await until(`${input.whistleId} blown`, async () => {
    const s = await whistleStateOf(h, input.whistleId);
    return s.status === 'blowing' ? undefined : s;
  });
  return { handle, whistleId: input.whistleId, state };
}

type Command<T extends WhistleCommand['type']> = Omit<Extract<WhistleCommand, { type: T }>, 'type'>;

/** Sends an action as an update (`<action>Update`) and returns the new state, or throws the refusal. */
export async function onWhistle<T extends WhistleCommand['type']>(
  h: WorkflowTestHarness,
  whistleId: string,
  type: T,
  command: Command<T>,
): Promise<WhistleState> {
  const result = await h.env.client.workflow
    .getHandle(whistleId)
    .executeUpdate<ActionResult<WhistleState>, [Command<T>]>(`${type}Update`, {
      args: [command],
    });
  return settled(h, whistleId, result, () => whistleStateOf(h, whistleId));
}

export async function whistleStateOf(h: WorkflowTestHarness, whistleId: string) {
  return queryLatest<WhistleState>(h, whistleId, 'whistleState');
}

export async function untilWhistle(
  h: WorkflowTestHarness,
  whistleId: string,
  what: string,
  predicate: (s: WhistleState) => boolean,
): Promise<WhistleState> {
  return until(`${whistleId}: ${what}`, async () => {
    const s = await whistleStateOf(h, whistleId);
    return predicate(s) ? s : undefined;
  });
}

/** Waits until the workflow has completed, by describe() (never by awaiting its result). */
export async function untilCompleted(h: WorkflowTestHarness, workflowId: string): Promise<void> {
  const handle = h.env.client.workflow.getHandle(workflowId);
  await until(`${workflowId} to complete`, async () =>
    (await handle.describe()).status.name === 'COMPLETED' ? true : undefined,
  );
}

/** Sleeps on the server until `msAfter` past an instant of workflow time. */
export async function sleepUntil(h: WorkflowTestHarness, iso: string, msAfter = 60_000) {
  const wait = Date.parse(iso) + msAfter - (await h.env.currentTimeMs());
  if (wait > 0) await h.env.sleep(wait);
}

/** The refusal's message of a failed update. */

export const dept = (unitId: string) => ({ kind: 'unit' as const, unitId });

/** A department that reports on site, commits with a due date days ahead and completes. */
export async function reportCommitComplete(
  h: WorkflowTestHarness,
  whistleId: string,
  unitId: string,
  measures = '按职责落实处置',
) {
  await onWhistle(h, whistleId, 'report', {
    actor: dept(unitId),
    representative: `${unitId}科长`,
    mode: 'on_site',
  });
  const now = await h.env.currentTimeMs();
  await onWhistle(h, whistleId, 'commit', {
    actor: dept(unitId),
    measures,
    dueBy: new Date(now + 3 * 86_400_000).toISOString(),
  });
  return onWhistle(h, whistleId, 'complete', {
    actor: dept(unitId),
    summary: `${measures}，已完成`,
  });
}

// The generic helpers live with the harness; re-exported for the whistle tests' imports.
export { refusal, until };
