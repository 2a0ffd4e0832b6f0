import { sampleReferenceData } from '@hotline/domain';
import {
  blowWhistle,
  dept,
  illegalStructureWhistle,
  onWhistle,
} from './testing/whistle-test-helpers';
import {
  act,
  noiseOrder,
  refusal,
  startWorkflowTestHarness,
  stateOf,
  typesOf,
  unit,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * Bounded histories: progress notes are capped per order and per whistle (policy.notes), so a busy
 * order cannot grow its history past Temporal's limit. A cap of 2 here, 200 in the sample policy.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  const sample = sampleReferenceData();
  h = await startWorkflowTestHarness({
    ...sample,
    policy: { ...sample.policy, notes: { maxPerOrder: 2, maxPerWhistle: 2 } },
  });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

it('refuses an order’s progress note past the cap with limit_reached, and records nothing', async () => {
  const input = noiseOrder();
  await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  await until('dispatch', async () =>
    (await stateOf(h, input.orderId)).status === 'dispatched' ? true : undefined,
  );
  await act(h, input.orderId, 'acknowledge', { actor: unit('CGZF') });
  for (const note of ['已约谈施工方', '施工方承诺夜间停工'])
    await act(h, input.orderId, 'reportProgress', { actor: unit('CGZF'), note });
  const refused = act(h, input.orderId, 'reportProgress', { actor: unit('CGZF'), note: '第三条' });
  expect(await refusal(refused)).toMatch(/已达上限（2条）/);
  const failure: unknown = await refused.then(
    () => undefined,
    (err: unknown) => err,
  );
  // The code the API maps to 409 (anything but forbidden and invalid).
  expect((failure as { cause?: { details?: unknown[] } }).cause?.details?.[0]).toBe(
    'limit_reached',
  );
  expect(typesOf(h, input.orderId).filter((t) => t === 'ProgressReported')).toHaveLength(2);
  expect((await stateOf(h, input.orderId)).progressNotes).toBe(2);
  // Resolving still works: the summary carries what the notes could not.
  const resolved = await act(h, input.orderId, 'resolve', {
    actor: unit('CGZF'),
    outcome: 'solved',
    summary: '已责令停工，后续巡查无夜间施工',
  });
  expect(resolved.status).toBe('resolved');
});

it('refuses a whistle’s progress note past the cap, counting all departments', async () => {
  const { whistleId } = await blowWhistle(h, illegalStructureWhistle());
  for (const unitId of ['GZFJ', 'CGZF'])
    await onWhistle(h, whistleId, 'report', {
      actor: dept(unitId),
      representative: `${unitId}科长`,
      mode: 'on_site',
    });
  await onWhistle(h, whistleId, 'reportProgress', { actor: dept('GZFJ'), note: '已现场勘查' });
  await onWhistle(h, whistleId, 'reportProgress', { actor: dept('CGZF'), note: '已下达整改通知' });
  expect(
    await refusal(
      onWhistle(h, whistleId, 'reportProgress', { actor: dept('GZFJ'), note: '第三条' }),
    ),
  ).toMatch(/吹哨的进展记录已达上限（2条）/);
});
