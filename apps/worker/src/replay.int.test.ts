import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundleOptions } from './workflow-bundle';
import { WHISTLE_SCENARIOS } from './testing/whistle-scenarios';
import { PROACTIVE_SCENARIOS } from './testing/proactive-scenarios';
import {
  act,
  noiseOrder,
  operator,
  startWorkflowTestHarness,
  stateOf,
  supervisor,
  unit,
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

async function writeHistory(h: WorkflowTestHarness, file: string, workflowId: string) {
  const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
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
        for (const [name, scenario] of Object.entries(PROACTIVE_SCENARIOS)) {
          if (!recording(name)) continue;
          for (const [file, workflowId] of Object.entries(await scenario(h)))
            await writeHistory(h, file, workflowId);
        }
      } finally {
        await h.stop();
      }
    }, 300_000);
  }

  it('replays every committed history with the current workflow code', async () => {
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
        'proactive-measured.history.pb',
        'proactive-overdue-cancelled.history.pb',
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

/** Representative runs, each ending with a closed order so its history is complete. */
const ORDER_SCENARIOS: Record<string, (h: WorkflowTestHarness) => Promise<string>> = {
  async lifecycle(h) {
    const id = await started(h);
    await act(h, id, 'acknowledge', { actor: unit('CGZF') });
    await act(h, id, 'respond', { actor: unit('CGZF'), note: '已联系' });
    await act(h, id, 'reportProgress', { actor: unit('CGZF'), note: '已到现场' });
    await act(h, id, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: '已停工' });
    await act(h, id, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    return untilClosed(h, id);
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
    await act(h, id, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'basically_satisfied',
    });
    return untilClosed(h, id);
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
    await act(h, id, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    return untilClosed(h, id);
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
