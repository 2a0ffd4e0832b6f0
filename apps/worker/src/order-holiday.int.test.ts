import {
  act,
  noiseOrder,
  startWorkflowTestHarness,
  stateOf,
  unit,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * Weeks-long deadlines over a holiday, on a server of its own (time only moves forward, and this
 * test needs a particular day). An order acknowledged on Friday 25 December 2026 at 10:00 Beijing
 * time has 7 natural days; the 7th, 1 January 2027, is 元旦 and 2–3 January a weekend, so the
 * limit runs on to the end of Monday 4 January (届满日遇节假日顺延). 2027's notice is not in the
 * table yet, so the deadline is flagged provisional.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const CHRISTMAS_10AM_BEIJING = Date.parse('2026-12-25T02:00:00Z');
const END_OF_4_JANUARY_BEIJING = '2027-01-04T15:59:59.999Z';

async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

it('runs the handling limit over New Year to the next working day, and breaches it only then', async () => {
  await h.env.sleep(CHRISTMAS_10AM_BEIJING - (await h.env.currentTimeMs()));
  const input = noiseOrder({ receivedAt: new Date(CHRISTMAS_10AM_BEIJING).toISOString() });
  await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  await waitFor(async () =>
    (await stateOf(h, input.orderId)).status === 'dispatched' ? true : undefined,
  );

  const acknowledged = await act(h, input.orderId, 'acknowledge', { actor: unit('CGZF') });
  await act(h, input.orderId, 'respond', { actor: unit('CGZF'), note: '已联系' });
  expect(acknowledged.deadlines.handleBy).toBe(END_OF_4_JANUARY_BEIJING);
  expect(acknowledged.deadlines.provisional).toBe(true);

  // New Year's Day and the weekend pass: reminders, but no breach.
  await h.env.sleep(Date.parse('2027-01-04T08:00:00Z') - (await h.env.currentTimeMs()));
  const before = await stateOf(h, input.orderId);
  expect(before.breaches).toEqual([]);
  expect(before.timeline.filter((t) => t.type === 'DeadlineReminded')).toHaveLength(2);

  // A minute after the end of 4 January (Beijing), the limit is breached and escalated (督办).
  await h.env.sleep(Date.parse(END_OF_4_JANUARY_BEIJING) + 60_000 - (await h.env.currentTimeMs()));
  const after = await waitFor(async () => {
    const s = await stateOf(h, input.orderId);
    return s.breaches.includes('handling') ? s : undefined;
  });
  const breach = after.timeline.find((t) => t.type === 'DeadlineBreached');
  expect(breach?.detail).toMatchObject({ kind: 'handling', deadline: END_OF_4_JANUARY_BEIJING });
  expect(after.timeline.some((t) => t.type === 'OrderEscalated')).toBe(true);
});
