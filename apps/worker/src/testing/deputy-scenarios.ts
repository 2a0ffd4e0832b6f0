import type {
  ActionResult,
  DeputyCommand,
  DeputyItemState,
  DeputyItemWorkflowInput,
  OrderWorkflowInput,
} from '@hotline/workflows';
import {
  act,
  noiseOrder,
  operator,
  settled,
  unit,
  until,
  type WorkflowTestHarness,
} from './workflow-test-env';
import { sleepUntil, untilCompleted } from './whistle-test-helpers';

/** Deputies' items (家站点) on the time-skipping server: helpers and the recorded scenarios. */

let counter = 0;

export const stationDeputy = {
  kind: 'deputy' as const,
  deputyId: 'RD-XH-03',
  stationId: 'RDLLZ-XHJD-02',
  userId: 'RD-XH-03',
};
export const jtw = { kind: 'unit' as const, unitId: 'JTW', userId: 'jtw-clerk' };

/** A resident's suggestion at 星湖西里代表联络站: a bus stop without a shelter. */
export function busShelterSuggestion(
  over: Partial<DeputyItemWorkflowInput> = {},
): DeputyItemWorkflowInput {
  counter += 1;
  return {
    itemId: `DB-TEST-${String(counter).padStart(4, '0')}-${Date.now().toString(36)}`,
    stationId: 'RDLLZ-XHJD-02',
    stationKind: 'station',
    streetId: 'XHJD',
    deputyId: 'RD-XH-03',
    kind: 'suggestion',
    content: '星湖西里南门外公交站没有候车亭，老人下雨天等车不便，建议增设',
    location: { address: '星湖西里南门公交站', streetId: 'XHJD', communityId: 'XHJD-02' },
    residentReachable: true,
    recordedBy: stationDeputy,
    ...over,
  };
}

export const deputyStateOf = (h: WorkflowTestHarness, id: string) =>
  h.env.client.workflow.getHandle(id).query<DeputyItemState>('deputyItemState');

export async function recordItem(h: WorkflowTestHarness, input: DeputyItemWorkflowInput) {
  await h.env.client.workflow.start('deputyItemWorkflow', {
    workflowId: input.itemId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return until(`${input.itemId} recorded`, async () => {
    const s = await deputyStateOf(h, input.itemId);
    return s.handOverBy ? s : undefined;
  });
}

type Command<T extends DeputyCommand['type']> =
  Extract<DeputyCommand, { type: T }> extends infer C
    ? C extends unknown
      ? Omit<C, 'type'>
      : never
    : never;

/** Sends an action as an update; the state after it (read once its events are published). */
export const actOnItem = async <T extends DeputyCommand['type']>(
  h: WorkflowTestHarness,
  id: string,
  type: T,
  cmd: Command<T>,
): Promise<DeputyItemState> =>
  settled(
    h,
    id,
    await h.env.client.workflow
      .getHandle(id)
      .executeUpdate<ActionResult<DeputyItemState>, [Command<T>]>(`${type}Update`, { args: [cmd] }),
    () => deputyStateOf(h, id),
  );

/** The order an item becomes, started as intake starts it (channel deputy, the item named). */
export async function startDeputyOrder(
  h: WorkflowTestHarness,
  itemId: string,
  over: Partial<OrderWorkflowInput> = {},
): Promise<string> {
  const input = noiseOrder({
    channel: 'deputy',
    category: 'suggestion',
    content: '星湖西里南门外公交站没有候车亭，建议增设',
    matterTypeCode: 'CG-003',
    deputyItemId: itemId,
    ...over,
  });
  await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return input.orderId;
}

/** Representative runs, each ending with a closed item so its history is complete. */
export const DEPUTY_SCENARIOS: Record<
  string,
  (h: WorkflowTestHarness) => Promise<Record<string, string>>
> = {
  /** Proposal to a department: answered on time, rated, reported back. */
  async proposal(h) {
    const input = busShelterSuggestion();
    await recordItem(h, input);
    await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'proposal',
      unitId: 'JTW',
      note: '请区交通委研究增设候车亭',
    });
    await actOnItem(h, input.itemId, 'answer', {
      actor: jtw,
      outcome: 'solved',
      summary: '已纳入年内公交站台改造计划，12月底前完成',
    });
    await actOnItem(h, input.itemId, 'rate', {
      actor: stationDeputy,
      rating: 'satisfied',
      comment: '答复具体，有时间表',
    });
    await actOnItem(h, input.itemId, 'reportBack', {
      actor: stationDeputy,
      resident: 'phone',
      note: '已电话告知居民，并在站点公示',
    });
    await untilCompleted(h, input.itemId);
    return { 'deputy-proposal': input.itemId };
  },
  /** Late everywhere: reminders and overdue limits, the rating lapses, a late report back. */
  async late(h) {
    const input = busShelterSuggestion();
    const recorded = await recordItem(h, input);
    await sleepUntil(h, recorded.handOverBy!);
    const handed = await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'proposal',
      unitId: 'XHJD',
      note: '请街道协调',
    });
    await sleepUntil(h, handed.dueAt!);
    const answered = await actOnItem(h, input.itemId, 'answer', {
      actor: { kind: 'unit', unitId: 'XHJD', userId: 'xh-clerk' },
      outcome: 'partly_solved',
      summary: '已设临时雨棚，候车亭待规划审批',
    });
    await sleepUntil(h, answered.rateBy!);
    const lapsed = await until('rating lapsed', async () => {
      const s = await deputyStateOf(h, input.itemId);
      return s.ratingLapsed ? s : undefined;
    });
    await sleepUntil(h, lapsed.reportBackBy!);
    await until('report-back overdue', async () =>
      (await deputyStateOf(h, input.itemId)).overdue.includes('report_back') ? true : undefined,
    );
    await actOnItem(h, input.itemId, 'reportBack', {
      actor: stationDeputy,
      resident: 'visit',
      note: '入户告知居民办理情况',
    });
    await untilCompleted(h, input.itemId);
    return { 'deputy-late': input.itemId };
  },
  /** An order (channel deputy): its unit resolves it, the order tells the item. */
  async order(h) {
    const input = busShelterSuggestion();
    await recordItem(h, input);
    const orderId = await startDeputyOrder(h, input.itemId);
    await until(`${orderId} dispatched`, async () =>
      (await h.env.client.workflow.getHandle(orderId).query<{ status: string }>('orderState'))
        .status === 'dispatched'
        ? true
        : undefined,
    );
    await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'order',
      orderId,
      note: '转12345热线工单办理',
    });
    await act(h, orderId, 'acknowledge', { actor: unit('CGZF') });
    await act(h, orderId, 'respond', { actor: unit('CGZF'), note: '已联系居民' });
    await act(h, orderId, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'solved',
      summary: '已约谈施工单位，夜间停工',
    });
    await until('item answered', async () =>
      (await deputyStateOf(h, input.itemId)).status === 'answered' ? true : undefined,
    );
    await act(h, orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    await actOnItem(h, input.itemId, 'rate', {
      actor: stationDeputy,
      rating: 'basically_satisfied',
      comment: '已停工，望长效管理',
    });
    await actOnItem(h, input.itemId, 'reportBack', {
      actor: stationDeputy,
      resident: 'phone',
      note: '已告知居民',
    });
    await untilCompleted(h, input.itemId);
    await untilCompleted(h, orderId);
    return { 'deputy-order': input.itemId, 'order-deputy': orderId };
  },
};
