import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundleOptions } from './workflow-bundle';
import { sampleReferenceData } from '@hotline/domain';
import type { AdmissionState, AdmissionWorkflowInput } from '@hotline/workflows';
import { DEPUTY_SCENARIOS } from './testing/deputy-scenarios';
import { PROACTIVE_SCENARIOS } from './testing/proactive-scenarios';
import { rateAll, verifyAndClose, WHISTLE_SCENARIOS } from './testing/whistle-scenarios';
import {
  blowWhistle,
  dept,
  illegalStructureWhistle,
  onWhistle,
  reportCommitComplete,
  sleepUntil,
  untilCompleted,
} from './testing/whistle-test-helpers';
import {
  act,
  eventsOf,
  noiseOrder,
  operator,
  startWorkflowTestHarness,
  stateOf,
  supervisor,
  unit,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * Determinism guard: histories recorded from real runs (protobuf, as Temporal stores them; read one
 * with `temporal workflow show`-style tooling or decode it with @temporalio/proto) are replayed against today's workflow
 * code; a change that would make a running order behave differently on replay fails here, in CI,
 * instead of in production. Re-record on purpose with `RECORD_HISTORIES=1` (and version the
 * workflow change with patching if orders already run on the old code), or only some files with
 * `RECORD_HISTORIES=whistle-,order-whistle` (file name prefixes): the others stay as recorded by
 * older code, which the current code must still replay.
 */
const HISTORIES = path.resolve(__dirname, '../../../workflows/test/histories');

/** Whether RECORD_HISTORIES asks for this history file (`1`: all of them). */
function recording(file: string): boolean {
  const wanted = process.env.RECORD_HISTORIES ?? '';
  return wanted === '1' || wanted.split(',').some((prefix) => prefix && file.startsWith(prefix));
}

async function writeHistory(
  h: WorkflowTestHarness,
  file: string,
  workflowId: string,
  runId?: string,
) {
  const history = await h.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(
    path.join(HISTORIES, `${file}.history.pb`),
    temporal.api.history.v1.History.encode(history).finish(),
  );
}

describe('replay of recorded workflow histories', () => {
  if (process.env.RECORD_HISTORIES) {
    it('records the histories', async () => {
      const h = await startWorkflowTestHarness();
      try {
        mkdirSync(HISTORIES, { recursive: true });
        for (const [name, scenario] of Object.entries(ORDER_SCENARIOS)) {
          if (recording(`order-${name}`)) await writeHistory(h, `order-${name}`, await scenario(h));
        }
        for (const [name, scenario] of Object.entries(WHISTLE_SCENARIOS)) {
          if (!recording(`whistle-${name}`) && !recording('order-whistle')) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            if (recording(file)) await writeHistory(h, file, workflowId);
        }
        // `v2-`: the same scenarios on today's code (answer on record, slim answers, one timer,
        // local lookups), kept beside the older ones, which stay as they were recorded.
        for (const [name, scenario] of Object.entries(ORDER_SCENARIOS))
          if (recording(`v2-order-${name}`))
            await writeHistory(h, `v2-order-${name}`, await scenario(h));
        for (const [name, scenario] of Object.entries(WHISTLE_SCENARIOS)) {
          if (!recording(`v2-whistle-${name}`) && !recording('v2-order-whistle')) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            if (recording(`v2-${file}`)) await writeHistory(h, `v2-${file}`, workflowId);
        }
        // `v3-` (recorded with order-publish-in-lane, kept as recorded) and `v4-` (today's code:
        // order-current-2026-11, one patch for all): orders publishing by local activity, every
        // local activity through one lane, with a run whose publishes fail and are retried.
        for (const generation of ['v3', 'v4'])
          for (const [name, scenario] of Object.entries({ ...ORDER_SCENARIOS, streamDown })) {
            const file = `${generation}-order-${name === 'streamDown' ? 'stream-down' : name}`;
            if (recording(file)) await writeHistory(h, file, await scenario(h));
          }
        for (const [name, scenario] of Object.entries(ADMISSION_SCENARIOS))
          if (recording(`v2-admission-${name}`))
            await writeHistory(h, `v2-admission-${name}`, await scenario(h));
        for (const [name, scenario] of Object.entries(DEPUTY_SCENARIOS)) {
          if (!recording(`deputy-${name}`) && !recording('order-deputy')) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            if (recording(file)) await writeHistory(h, file, workflowId);
        }
        for (const [name, scenario] of Object.entries(DEPUTY_SCENARIOS)) {
          if (!recording(`v2-deputy-${name}`) && !recording('v2-order-deputy')) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            if (recording(`v2-${file}`)) await writeHistory(h, `v2-${file}`, workflowId);
        }
        for (const [name, scenario] of Object.entries(PROACTIVE_SCENARIOS)) {
          if (!recording(name)) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            await writeHistory(h, file, workflowId);
        }
      } finally {
        await h.stop();
      }
      if (
        recording('v2-order-continued') ||
        recording('v2-whistle-continued') ||
        recording('v2-admission-lapsed')
      )
        await recordOnAFreshServer();
    }, 300_000);
  }

  it('replays every committed history with the current workflow code', async () => {
    const v2 = readdirSync(HISTORIES).filter((f) => f.startsWith('v2-'));
    // Today's shapes are covered too: answer on record, continue-as-new, the admission workflow.
    expect(v2).toEqual(
      expect.arrayContaining([
        'v2-order-lifecycle.history.pb',
        'v2-order-continued-first.history.pb',
        'v2-order-continued-last.history.pb',
        'v2-whistle-on-time.history.pb',
        'v2-admission-admitted.history.pb',
        'v2-admission-lapsed.history.pb',
        'v2-whistle-continued-first.history.pb',
        'v2-whistle-continued-last.history.pb',
        'v2-whistle-other-district.history.pb',
        'v2-whistle-other-district-centre.history.pb',
      ]),
    );
    const files = readdirSync(HISTORIES)
      .filter((f) => f.endsWith('.history.pb'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    // Both workflows and their link are covered.
    expect(files).toEqual(
      expect.arrayContaining([
        'order-lifecycle.history.pb',
        'whistle-on-time.history.pb',
        'whistle-escalated.history.pb',
        'order-whistle-link.history.pb',
        'order-city-dispatch.history.pb',
        'deputy-proposal.history.pb',
        'deputy-order.history.pb',
        'order-deputy.history.pb',
        'proactive-measured.history.pb',
        'proactive-overdue-cancelled.history.pb',
        // Publishing by local activity through one lane, with failed publishes retried.
        'v3-order-lifecycle.history.pb',
        'v3-order-stream-down.history.pb',
        'v4-order-lifecycle.history.pb',
        'v4-order-stream-down.history.pb',
        'v4-order-city-dispatch.history.pb',
      ]),
    );
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: workflowBundleOptions.workflowsPath!,
      ...(workflowBundleOptions.bundlerOptions ?? {}),
      logger: new DefaultLogger('ERROR'),
    });
    const failures: string[] = [];
    for (const file of files) {
      const history = temporal.api.history.v1.History.decode(
        readFileSync(path.join(HISTORIES, file)),
      );
      try {
        await Worker.runReplayHistory({ workflowBundle }, history, file);
      } catch (err) {
        failures.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

async function started(h: WorkflowTestHarness): Promise<string> {
  const input = noiseOrder();
  await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  for (let i = 0; i < 200; i++) {
    if ((await stateOf(h, input.orderId)).status === 'dispatched') return input.orderId;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not dispatched');
}

async function untilClosed(h: WorkflowTestHarness, orderId: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if ((await h.env.client.workflow.getHandle(orderId).describe()).status.name === 'COMPLETED')
      return orderId;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${orderId} did not complete`);
}

/** The centre's callback reaches the caller, who is satisfied (回访); the order closes. */
async function closedAfterCallback(
  h: WorkflowTestHarness,
  orderId: string,
  satisfaction: 'satisfied' | 'basically_satisfied' = 'satisfied',
): Promise<string> {
  await act(h, orderId, 'recordCallback', {
    actor: operator,
    reached: true,
    solved: true,
    satisfaction,
  });
  return untilClosed(h, orderId);
}

/** Representative runs, each ending with a closed order so its history is complete. */
const ORDER_SCENARIOS: Record<string, (h: WorkflowTestHarness) => Promise<string>> = {
  async lifecycle(h) {
    const id = await started(h);
    await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    await act(h, id, 'respond', { actor: unit('CGZF'), note: '已联系' });
    await act(h, id, 'reportProgress', { actor: unit('CGZF'), note: '已到现场' });
    await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '已停工' });
    return closedAfterCallback(h, id);
  },
  async 'return-arbitration'(h) {
    const id = await started(h);
    const s = await act(h, id, 'return', {
      actor: unit('CGZF'),
      reason: 'jurisdiction',
      explanation: '属住建部门监管的市政工程',
    });
    await act(h, id, 'return', {
      actor: unit(s.leadUnitId!),
      reason: 'jurisdiction',
      explanation: '夜间施工噪声应由城管执法查处',
    });
    await act(h, id, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'CGZF',
      note: '依职责清单由城管执法主办',
    });
    await act(h, id, 'terminate', { actor: supervisor, reason: '录制用：终止' });
    return untilClosed(h, id);
  },
  async 'breach-escalation'(h) {
    const id = await started(h);
    await h.env.sleep('61 minutes');
    await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    const s = await act(h, id, 'respond', { actor: unit('CGZF'), note: '已联系' });
    await h.env.sleep(
      Date.parse(s.deadlines.handleBy!) - Date.parse(s.acknowledgedAt!) + 26 * 3_600_000,
    );
    await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '超期办结' });
    return closedAfterCallback(h, id, 'basically_satisfied');
  },
  async 'extension-rework'(h) {
    const id = await started(h);
    const s = await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    await act(h, id, 'requestExtension', {
      actor: unit('CGZF'),
      requestedHandleBy: new Date(Date.parse(s.deadlines.handleBy!) + 86_400_000).toISOString(),
      reason: '需联合执法',
    });
    await act(h, id, 'decideExtension', { actor: supervisor, approve: true, note: '同意' });
    await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '已处理' });
    await act(h, id, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: false,
      satisfaction: 'dissatisfied',
      unitAtFault: true,
    });
    await act(h, id, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'partly_solved',
      summary: '再次处理',
    });
    return closedAfterCallback(h, id);
  },
  async exclusion(h) {
    const id = await started(h);
    await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    await act(h, id, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'unsolvable',
      summary: '已进入诉讼',
    });
    await act(h, id, 'requestExclusion', {
      actor: unit('CGZF'),
      reason: 'in_legal_process',
      explanation: '双方已起诉',
    });
    await act(h, id, 'recordCallback', { actor: operator, reached: false });
    await act(h, id, 'recordCallback', { actor: operator, reached: false });
    await act(h, id, 'recordCallback', { actor: operator, reached: false });
    await act(h, id, 'decideExclusion', {
      actor: supervisor,
      approve: true,
      note: '涉诉，不纳入考核',
    });
    return untilClosed(h, id);
  },
  /** 市级直派 (patch `city-dispatch`): a utility in 禾溪区 taken by the city centre, returned by the city company and the district, arbitrated by the city, pushed down to the street, escalated, closed. */
  async 'city-dispatch'(h) {
    const input = noiseOrder({
      matterTypeCode: 'MS-001',
      content: '小区停水一天了',
      location: {
        address: '溪口街道1号',
        streetId: 'HX-XKJD',
        communityId: 'HX-XKJD-01',
        gridId: 'HX-XKJD-01-1',
      },
      takenBy: { level: 'city' },
    });
    const id = input.orderId;
    await h.env.client.workflow.start('hotlineOrderWorkflow', {
      workflowId: id,
      taskQueue: h.taskQueue,
      args: [input],
    });
    for (let i = 0; i < 200 && (await stateOf(h, id)).status !== 'dispatched'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const s = await act(h, id, 'return', {
      actor: unit('BJ-ZLS'),
      reason: 'wrong_jurisdiction',
      explanation: '该小区为自备井供水，不属于市政管网',
    });
    await act(h, id, 'return', {
      actor: unit(s.leadUnitId!),
      reason: 'wrong_jurisdiction',
      explanation: '自备井由产权单位管理，不属本单位职责',
    });
    await act(h, id, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'HX-XKJD',
      note: '街道办',
    });
    await act(h, id, 'acknowledge', { actor: unit('HX-XKJD') });
    await act(h, id, 'supervise', { actor: supervisor, note: '请尽快协调恢复供水' });
    await act(h, id, 'resolve', {
      actor: unit('HX-XKJD'),
      outcome: 'solved',
      summary: '已协调产权单位恢复供水',
    });
    return closedAfterCallback(h, id);
  },
  async 'manual-dispatch'(h) {
    const input = noiseOrder({ matterTypeCode: undefined });
    await h.env.client.workflow.start('hotlineOrderWorkflow', {
      workflowId: input.orderId,
      taskQueue: h.taskQueue,
      args: [input],
    });
    for (
      let i = 0;
      i < 200 && (await stateOf(h, input.orderId)).status !== 'awaiting_dispatch';
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    await act(h, input.orderId, 'dispatchManually', { actor: supervisor, leadUnitId: 'XHJD' });
    await act(h, input.orderId, 'terminate', { actor: supervisor, reason: '录制用：终止' });
    return untilClosed(h, input.orderId);
  },
};

/**
 * Kafka down while the order is acknowledged and responded to: each publish attempt fails and the
 * next waits on a workflow timer, the actions answer meanwhile; back up, the backlog goes out in
 * order and the order closes.
 */
async function streamDown(h: WorkflowTestHarness): Promise<string> {
  const id = await started(h);
  await until('dispatch published', () =>
    eventsOf(h, id).some((e) => e.type === 'OrderDispatched') ? true : undefined,
  );
  const handle = h.env.client.workflow.getHandle(id);
  const attemptsBefore = h.stream.failedAttempts;
  h.stream.down = true;
  try {
    await handle.executeUpdate('acknowledgeUpdate', { args: [{ actor: unit('CGZF') }] });
    await handle.executeUpdate('respondUpdate', {
      args: [{ actor: unit('CGZF'), note: '已联系' }],
    });
    await until('a failed publish', () =>
      h.stream.failedAttempts > attemptsBefore ? true : undefined,
    );
  } finally {
    h.stream.down = false;
  }
  await h.env.sleep('2 minutes'); // the next attempt's timer
  await until('the backlog published', () =>
    eventsOf(h, id).some((e) => e.type === 'OrderResponded') ? true : undefined,
  );
  await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '已停工' });
  return closedAfterCallback(h, id);
}

/** Applications (准入), each run to its end. */
const ADMISSION_SCENARIOS: Record<string, (h: WorkflowTestHarness) => Promise<string>> = {
  async admitted(h) {
    const input = admissionInput();
    await h.env.client.workflow.start('admissionWorkflow', {
      workflowId: input.applicationId,
      taskQueue: h.taskQueue,
      args: [input],
    });
    await untilAdmission(h, input.applicationId, 'under_review');
    await admissionAct(h, input.applicationId, 'review', {
      actor: office,
      decision: 'return',
      missing: ['funding'],
      note: '请写明经费来源',
    });
    await admissionAct(h, input.applicationId, 'resubmit', {
      actor: input.appliedBy,
      application: { ...input.application, funding: '区财政专项，每社区每年2万元' },
    });
    await admissionAct(h, input.applicationId, 'review', {
      actor: office,
      decision: 'admit',
      note: '同意准入，纳入协助行政事务清单',
    });
    return untilClosed(h, input.applicationId);
  },
};

let admissions = 0;
const office = { kind: 'supervisor' as const, userId: 'office-reviewer' };
function admissionInput(): AdmissionWorkflowInput {
  admissions += 1;
  return {
    applicationId: `ZS-20261128-R${String(admissions).padStart(5, '0')}`,
    appliedBy: { kind: 'unit', unitId: 'WJW', userId: 'wjw-clerk' },
    application: {
      departmentId: 'WJW',
      taskName: '适龄儿童疫苗接种入户提醒',
      description: '社区对辖区适龄儿童家庭入户提醒按时接种',
      level: 'community',
      list: 'assisting',
      legalBasis: '《疫苗管理法》第四十七条',
      frequency: '每月',
      resources: '区卫健委派一名公卫医生驻点',
      funding: '每社区每年2万元工作经费',
    },
  };
}

async function untilAdmission(h: WorkflowTestHarness, id: string, status: string) {
  for (let i = 0; i < 200; i++) {
    const s = await h.env.client.workflow.getHandle(id).query<AdmissionState>('admissionState');
    if (s.status === status) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${id} not ${status}`);
}

async function admissionAct(h: WorkflowTestHarness, id: string, type: string, cmd: object) {
  await h.env.client.workflow.getHandle(id).executeUpdate(`${type}Update`, { args: [cmd] });
}

/**
 * A busy order and a busy whistle that continue as new (40 notes, 120 history events per run):
 * the first run (ending in ContinueAsNew) and the last (starting from what was carried).
 */
async function recordOnAFreshServer(): Promise<void> {
  const sample = sampleReferenceData();
  const h = await startWorkflowTestHarness({
    ...sample,
    policy: {
      ...sample.policy,
      notes: { maxPerOrder: 40, maxPerWhistle: 40 },
      history: { eventsPerRun: 120 },
    },
  });
  try {
    if (recording('v2-admission-lapsed'))
      await writeHistory(h, 'v2-admission-lapsed', await admissionLapses(h));
    if (recording('v2-order-continued')) await orderContinues(h);
    if (recording('v2-whistle-continued')) await whistleContinues(h);
  } finally {
    await h.stop();
  }
}

/** An application returned for more information that the department never resubmits. */
async function admissionLapses(h: WorkflowTestHarness): Promise<string> {
  const input = admissionInput();
  await h.env.client.workflow.start('admissionWorkflow', {
    workflowId: input.applicationId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  await untilAdmission(h, input.applicationId, 'under_review');
  const applied = await h.env.client.workflow
    .getHandle(input.applicationId)
    .query<AdmissionState>('admissionState');
  await sleepUntil(h, applied.reviewBy!); // past the review limit: on the record (督办)
  await admissionAct(h, input.applicationId, 'review', {
    actor: office,
    decision: 'return',
    missing: ['legal_basis'],
    note: '请写明法律依据',
  });
  const returned = await h.env.client.workflow
    .getHandle(input.applicationId)
    .query<AdmissionState>('admissionState');
  await sleepUntil(h, returned.resubmitBy!); // never resubmitted: the application lapses
  return untilClosed(h, input.applicationId);
}

async function orderContinues(h: WorkflowTestHarness): Promise<void> {
  {
    const id = await started(h);
    const first = (await h.env.client.workflow.getHandle(id).describe()).runId;
    await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    for (let i = 1; i <= 30; i++)
      await act(h, id, 'reportProgress', { actor: unit('CGZF'), note: `第${i}条进展` });
    const s = await stateOf(h, id);
    await h.env.sleep(Date.parse(s.deadlines.handleBy!) - (await h.env.currentTimeMs()) + 60_000);
    await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '已停工' });
    await closedAfterCallback(h, id);
    await writeHistory(h, 'v2-order-continued-first', id, first);
    await writeHistory(h, 'v2-order-continued-last', id);
  }
}

async function whistleContinues(h: WorkflowTestHarness): Promise<void> {
  {
    const w = await blowWhistle(h, illegalStructureWhistle());
    const firstWhistleRun = (await h.env.client.workflow.getHandle(w.whistleId).describe()).runId;
    const all = ['GZFJ', 'CGZF', 'ZJW'];
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('CGZF'),
      representative: '执法中队长',
      mode: 'on_site',
    });
    for (let i = 1; i <= 30; i++)
      await onWhistle(h, w.whistleId, 'reportProgress', { actor: dept('CGZF'), note: `进展${i}` });
    await onWhistle(h, w.whistleId, 'commit', {
      actor: dept('CGZF'),
      measures: '三日内拆除',
      dueBy: new Date((await h.env.currentTimeMs()) + 3 * 86_400_000).toISOString(),
    });
    await onWhistle(h, w.whistleId, 'complete', { actor: dept('CGZF'), summary: '已拆除' });
    for (const unitId of ['GZFJ', 'ZJW']) await reportCommitComplete(h, w.whistleId, unitId);
    await verifyAndClose(h, w.whistleId, all);
    await rateAll(h, w.whistleId, all);
    await untilCompleted(h, w.whistleId);
    await writeHistory(h, 'v2-whistle-continued-first', w.whistleId, firstWhistleRun);
    await writeHistory(h, 'v2-whistle-continued-last', w.whistleId);
  }
}
