import {
  act,
  noiseOrder,
  operator,
  stateOf,
  unit,
  type WorkflowTestHarness,
} from './workflow-test-env';
import {
  blowWhistle,
  dept,
  illegalStructureWhistle,
  onWhistle,
  reportCommitComplete,
  sleepUntil,
  until,
  untilCompleted,
  untilWhistle,
} from './whistle-test-helpers';

/**
 * Representative whistle runs for the replay test, each driven until its workflows complete, so
 * their histories are whole. Each returns the histories to keep: file name → workflow id.
 */
type Scenario = (h: WorkflowTestHarness) => Promise<Record<string, string>>;

const street = dept('XHJD');

export async function verifyAndClose(
  h: WorkflowTestHarness,
  whistleId: string,
  departmentIds: string[],
) {
  for (const departmentId of departmentIds)
    await onWhistle(h, whistleId, 'verify', {
      actor: street,
      departmentId,
      passed: true,
      note: '属实',
    });
  return onWhistle(h, whistleId, 'close', { actor: street, outcome: 'solved', summary: '已解决' });
}

export async function rateAll(h: WorkflowTestHarness, whistleId: string, departmentIds: string[]) {
  for (const departmentId of departmentIds) {
    await onWhistle(h, whistleId, 'rateDepartment', {
      actor: street,
      departmentId,
      timeliness: 4,
      commitment: 5,
      result: 4,
    });
    await onWhistle(h, whistleId, 'ratePrecision', {
      actor: dept(departmentId),
      needed: true,
      wellScoped: true,
    });
  }
}

/** Waits out the evaluation window of a closed whistle, then for its completion. */
async function evaluationWindowEnds(h: WorkflowTestHarness, whistleId: string) {
  const closed = await untilWhistle(h, whistleId, 'closed', (s) => s.status === 'closed');
  await sleepUntil(h, closed.evaluationBy!);
  await untilCompleted(h, whistleId);
}

export const WHISTLE_SCENARIOS: Record<string, Scenario> = {
  async 'on-time'(h) {
    const w = await blowWhistle(h, illegalStructureWhistle());
    const all = ['GZFJ', 'CGZF', 'ZJW'];
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('CGZF'),
      representative: '执法中队长',
      mode: 'on_site',
    });
    await onWhistle(h, w.whistleId, 'commit', {
      actor: dept('CGZF'),
      measures: '三日内拆除',
      dueBy: new Date((await h.env.currentTimeMs()) + 3 * 86_400_000).toISOString(),
    });
    await onWhistle(h, w.whistleId, 'reportProgress', { actor: dept('CGZF'), note: '已拆除一半' });
    await onWhistle(h, w.whistleId, 'complete', { actor: dept('CGZF'), summary: '已拆除' });
    for (const id of ['GZFJ', 'ZJW']) await reportCommitComplete(h, w.whistleId, id);
    await verifyAndClose(h, w.whistleId, all);
    await onWhistle(h, w.whistleId, 'recordPublicRating', {
      actor: street,
      rater: 'resident',
      satisfaction: 'satisfied',
    });
    await rateAll(h, w.whistleId, all);
    await untilCompleted(h, w.whistleId);
    return { 'whistle-on-time': w.whistleId };
  },

  async 'late-and-never-reported'(h) {
    const w = await blowWhistle(
      h,
      illegalStructureWhistle({
        whistleType: 'emergency',
        matterTypeCode: 'MS-007',
        summonedUnitIds: ['ZLS', 'CGW', 'JGZD'],
      }),
    );
    await reportCommitComplete(h, w.whistleId, 'CGW');
    await sleepUntil(h, w.state.reportEscalateAt!);
    await reportCommitComplete(h, w.whistleId, 'ZLS'); // late; JGZD never reports
    await verifyAndClose(h, w.whistleId, ['CGW', 'ZLS']);
    await evaluationWindowEnds(h, w.whistleId);
    return { 'whistle-late-and-never-reported': w.whistleId };
  },

  async 'missed-commitment'(h) {
    const w = await blowWhistle(h, illegalStructureWhistle({ summonedUnitIds: ['GZFJ', 'CGZF'] }));
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('GZFJ'),
      representative: '科长',
      mode: 'remote',
    });
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('CGZF'),
      representative: '队长',
      mode: 'on_site',
    });
    const dueBy = new Date((await h.env.currentTimeMs()) + 3_600_000).toISOString();
    await onWhistle(h, w.whistleId, 'commit', { actor: dept('CGZF'), measures: '拆除', dueBy });
    const s = await onWhistle(h, w.whistleId, 'complete', { actor: dept('CGZF'), summary: '拆了' });
    await onWhistle(h, w.whistleId, 'verify', {
      actor: street,
      departmentId: 'CGZF',
      passed: false,
      note: '未拆净',
      redoBy: dueBy,
    });
    const gzfj = s.departments.find((d) => d.departmentId === 'GZFJ')!;
    await sleepUntil(h, gzfj.commitEscalateAt!);
    await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'unsolved',
      summary: '部门未兑现承诺',
    });
    await evaluationWindowEnds(h, w.whistleId);
    return { 'whistle-missed-commitment': w.whistleId };
  },

  async 'escalated-to-district'(h) {
    const w = await blowWhistle(h, illegalStructureWhistle({ summonedUnitIds: ['GZFJ', 'ZJW'] }));
    await reportCommitComplete(h, w.whistleId, 'GZFJ');
    await onWhistle(h, w.whistleId, 'escalate', {
      actor: street,
      reason: '产权遗留问题需区级调度',
      whistleType: 'key_task',
    });
    const districtId = `${w.whistleId}-district`;
    await untilWhistle(h, districtId, 'blown', (s) => s.status === 'open');
    await evaluationWindowEnds(h, w.whistleId);
    for (const id of ['GZFJ', 'ZJW']) await reportCommitComplete(h, districtId, id);
    for (const departmentId of ['GZFJ', 'ZJW'])
      await onWhistle(h, districtId, 'verify', {
        actor: unit('ZHZX'),
        departmentId,
        passed: true,
        note: '区级核查',
      });
    await onWhistle(h, districtId, 'close', {
      actor: unit('ZHZX'),
      outcome: 'solved',
      summary: '区级调度解决',
    });
    await evaluationWindowEnds(h, districtId);
    return { 'whistle-escalated': w.whistleId, 'whistle-district': districtId };
  },

  /** A street of 澜山区 (outside the deployment's 云川区): its own departments, its own centre. */
  async 'other-district'(h) {
    const w = await blowWhistle(
      h,
      illegalStructureWhistle({
        streetId: 'LS-JMJD',
        title: '镜明小区5号楼顶违建拆除',
        place: { address: '镜明小区5号楼', communityId: 'LS-JMJD-01', gridId: 'LS-JMJD-01-1' },
        summonedUnitIds: ['LS-GZFJ', 'LS-CGZF', 'LS-ZJW'],
      }),
    );
    await reportCommitComplete(h, w.whistleId, 'LS-CGZF');
    await onWhistle(h, w.whistleId, 'escalate', {
      actor: dept('LS-JMJD'),
      reason: '产权遗留问题需区级调度',
      whistleType: 'key_task',
      summonedUnitIds: ['LS-GZFJ', 'LS-ZJW'],
    });
    const districtId = `${w.whistleId}-district`;
    await untilWhistle(h, districtId, 'blown', (s) => s.status === 'open');
    await evaluationWindowEnds(h, w.whistleId);
    for (const id of ['LS-GZFJ', 'LS-ZJW']) await reportCommitComplete(h, districtId, id);
    for (const departmentId of ['LS-GZFJ', 'LS-ZJW'])
      await onWhistle(h, districtId, 'verify', {
        actor: unit('LS-ZHZX'),
        departmentId,
        passed: true,
        note: '区级核查',
      });
    await onWhistle(h, districtId, 'close', {
      actor: unit('LS-ZHZX'),
      outcome: 'solved',
      summary: '区级调度解决',
    });
    await evaluationWindowEnds(h, districtId);
    return { 'whistle-other-district': w.whistleId, 'whistle-other-district-centre': districtId };
  },

  async refused(h) {
    const w = await blowWhistle(h, illegalStructureWhistle({ matterTypeCode: 'CG-003' }));
    await untilCompleted(h, w.whistleId);
    return { 'whistle-refused': w.whistleId };
  },

  async 'linked-order'(h) {
    const input = noiseOrder({ matterTypeCode: 'CG-001', content: '楼顶违建' });
    const orderId = input.orderId;
    await h.env.client.workflow.start('hotlineOrderWorkflow', {
      workflowId: orderId,
      taskQueue: h.taskQueue,
      args: [input],
    });
    await until('dispatch', async () =>
      (await stateOf(h, orderId)).status === 'dispatched' ? true : undefined,
    );
    await act(h, orderId, 'acknowledge', { actor: unit('XHJD') });
    await act(h, orderId, 'escalateToWhistle', {
      actor: unit('XHJD'),
      whistleType: 'routine',
      summonedUnitIds: ['CGZF', 'ZJW'],
      title: '楼顶违建',
      description: '需执法拆除与房屋安全评估',
    });
    const whistleId = `${orderId}-W1`;
    await untilWhistle(h, whistleId, 'blown', (s) => s.status === 'open');
    for (const id of ['CGZF', 'ZJW']) await reportCommitComplete(h, whistleId, id);
    await verifyAndClose(h, whistleId, ['CGZF', 'ZJW']);
    await until('the order to hear the outcome', async () =>
      (await stateOf(h, orderId)).whistle?.status === 'solved' ? true : undefined,
    );
    await act(h, orderId, 'resolve', { actor: unit('XHJD'), outcome: 'solved', summary: '已拆除' });
    await act(h, orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    await rateAll(h, whistleId, ['CGZF', 'ZJW']);
    await untilCompleted(h, orderId);
    await untilCompleted(h, whistleId);
    return { 'order-whistle-link': orderId, 'whistle-linked-order': whistleId };
  },
};
