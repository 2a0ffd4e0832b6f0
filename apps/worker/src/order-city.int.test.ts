import type { OrderWorkflowInput } from '@hotline/workflows';
import {
  act,
  eventsOf,
  noiseOrder,
  startWorkflowTestHarness,
  stateOf,
  supervisor,
  unit,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * Three-level dispatch (市级 → 区级 → 街乡) on Temporal's time-skipping test server, with the
 * real city routing of libs/domain (sample city, devolved enforcement powers): city-level
 * dispatch (市级直派), a district centre's own dispatch, returns across levels and districts to
 * the right arbiter, escalation to the next level, and the push-down flag (自上而下派回街道).
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const CITY = { level: 'city' } as const;
const place = (streetId: string) => ({
  address: `${streetId} 1号`,
  streetId,
  communityId: `${streetId}-01`,
  gridId: `${streetId}-01-1`,
});

async function started(overrides: Partial<OrderWorkflowInput>) {
  const input = noiseOrder(overrides);
  await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  const s = await until(`${input.orderId} out of intake`, async () => {
    const state = await stateOf(h, input.orderId);
    return state.status === 'received' ? undefined : state;
  });
  // Actions answer once their events are recorded; the stream follows: wait for it.
  const last = Math.max(0, ...s.timeline.map((line) => line.sequence));
  await until(`${input.orderId} published up to #${last}`, () =>
    h.published.some((e) => e.aggregateId === input.orderId && e.sequence >= last)
      ? true
      : undefined,
  );
  return s;
}

const dispatchedEvents = (orderId: string) =>
  eventsOf(h, orderId).filter((e) => e.type === 'OrderDispatched');
/** The dispatch an arbitration decided, once published. */
const byArbitration = (orderId: string) =>
  until('the arbitration’s dispatch', () =>
    dispatchedEvents(orderId).find(
      (e) => (e.payload as { dispatchedBy?: string }).dispatchedBy === 'arbitration',
    ),
  );
/** The order's first event of a type once published (the state may answer before it is). */
const published = (orderId: string, type: string) =>
  until(`${type} of ${orderId}`, () => eventsOf(h, orderId).find((e) => e.type === type));

describe('市级直派: the city centre takes a call and dispatches into a district', () => {
  it('sends a street-led matter in 澜山区 to the LS street, the LS centre supervising', async () => {
    const s = await started({
      matterTypeCode: 'SQ-013',
      content: '需要开具社区居住证明',
      category: 'help',
      location: place('LS-SQJD'),
      takenBy: CITY,
    });
    expect(s).toMatchObject({
      status: 'dispatched',
      leadUnitId: 'LS-SQJD',
      supervisingUnitIds: ['LS-ZHZX'],
      takenBy: CITY,
      levels: {
        districtId: 'LS',
        leadLevel: 'street',
        dispatchedByUnitId: 'BJ-RXZX',
        escalation: { toUnitId: 'LS-ZHZX', level: 'district' },
      },
    });
    expect((await published(s.orderId, 'OrderReceived')).payload).toMatchObject({ takenBy: CITY });
    expect((await published(s.orderId, 'OrderDispatched')).payload).toMatchObject({
      leadUnitId: 'LS-SQJD',
      dispatchedByUnitId: 'BJ-RXZX',
      districtId: 'LS',
      leadLevel: 'street',
    });
  });

  it('sends a devolved enforcement power to the street’s team, the department as support', async () => {
    const s = await started({ location: place('LS-JMJD'), takenBy: CITY }); // CG-003 night noise
    expect(s.leadUnitId).toBe('LS-JMJD');
    expect(s.assistingUnitIds[0]).toBe('LS-CGZF');
    expect(s.supervisingUnitIds).toEqual(['LS-ZHZX']);
    expect(s.levels?.enforcement).toMatchObject({
      powerId: 'ZF-CG-001',
      teamName: '镜明街道综合执法队',
      supportUnitId: 'LS-CGZF',
    });
  });

  it('names the team’s street on the dispatch, and again when arbitration gives the matter back to the street', async () => {
    const s = await started({ location: place('LS-JMJD'), takenBy: CITY }); // CG-003 night noise
    expect((await published(s.orderId, 'OrderDispatched')).payload).toMatchObject({
      leadUnitId: 'LS-JMJD',
      enforcement: { powerId: 'ZF-CG-001', streetId: 'LS-JMJD', supportUnitId: 'LS-CGZF' },
    });
    let after = await act(h, s.orderId, 'return', {
      actor: unit('LS-JMJD'),
      reason: 'wrong_jurisdiction',
      explanation: '工地为区重点工程，街道执法队无权处罚',
    });
    expect(after.leadUnitId).toBe('LS-CGZF');
    after = await act(h, s.orderId, 'return', {
      actor: unit('LS-CGZF'),
      reason: 'wrong_jurisdiction',
      explanation: '夜间施工噪声处罚权已下放街道',
    });
    expect(after.status).toBe('in_arbitration');
    await act(h, s.orderId, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'LS-JMJD',
      note: '处罚权已下放街道，由街道综合执法队办理',
    });
    expect((await byArbitration(s.orderId)).payload).toMatchObject({
      leadUnitId: 'LS-JMJD',
      enforcement: { powerId: 'ZF-CG-001', streetId: 'LS-JMJD', teamName: '镜明街道综合执法队' },
    });
  });

  it('sends the subway to the city’s subway company, supervised by the city centre', async () => {
    const s = await started({
      matterTypeCode: 'MS-040',
      content: '地铁站电梯停运没有人管',
      location: { address: '地铁站' },
      takenBy: CITY,
    });
    expect(s).toMatchObject({
      leadUnitId: 'BJ-DT',
      supervisingUnitIds: ['BJ-RXZX'],
      levels: { leadLevel: 'city' },
    });
    expect(s.levels?.escalation).toMatchObject({ toUnitId: 'BJ-RXZX', level: 'city' });
  });

  it('keeps 云川区’s routing for an order taken without a centre (as before)', async () => {
    const s = await started({});
    expect(s).toMatchObject({ leadUnitId: 'CGZF', supervisingUnitIds: ['ZHZX'] });
    expect(s.takenBy).toBeUndefined();
    expect(s.levels).toBeUndefined();
    expect((await published(s.orderId, 'OrderDispatched')).payload).not.toHaveProperty('leadLevel');
  });
});

describe('区级: a district centre dispatches its own district only', () => {
  it('dispatches inside the district, and arbitrates there after two returns', async () => {
    const s = await started({
      matterTypeCode: 'CG-007',
      content: '路面塌陷有坑',
      location: place('LS-SQJD'),
      takenBy: { level: 'district', districtId: 'LS' },
    });
    expect(s).toMatchObject({ leadUnitId: 'LS-CGW', supervisingUnitIds: ['LS-ZHZX'] });
    let after = await act(h, s.orderId, 'return', {
      actor: unit('LS-CGW'),
      reason: 'wrong_jurisdiction',
      explanation: '该路段为公路，由交通部门负责养护',
    });
    expect(after.leadUnitId).toBe('LS-JTW');
    after = await act(h, s.orderId, 'return', {
      actor: unit('LS-JTW'),
      reason: 'wrong_jurisdiction',
      explanation: '该路段为城市道路，应由城管委负责',
    });
    expect(after).toMatchObject({
      status: 'in_arbitration',
      arbiter: { unitId: 'LS-ZHZX', level: 'district' },
    });
    const arbitration = await published(s.orderId, 'OrderSentToArbitration');
    expect(arbitration.payload).toMatchObject({
      arbiterUnitId: 'LS-ZHZX',
      arbiterLevel: 'district',
    });
  });

  it('puts a call outside its district in the manual queue for the city centre', async () => {
    const s = await started({
      matterTypeCode: 'CG-007',
      content: '路面塌陷有坑',
      location: place('HX-HFJD'),
      takenBy: { level: 'district', districtId: 'LS' },
    });
    expect(s.status).toBe('awaiting_dispatch');
    const queued = await published(s.orderId, 'OrderQueuedForManualDispatch');
    expect(queued.payload).toMatchObject({ reason: expect.stringContaining('不在澜山区辖区') });
  });
});

describe('returns across levels, arbitration and escalation at the right level', () => {
  it('a utility returned by the city company and the district goes to city arbitration; a push-down without reason is flagged', async () => {
    const s = await started({
      matterTypeCode: 'MS-001',
      content: '小区停水一天了',
      location: place('HX-XKJD'),
      takenBy: CITY,
    });
    expect(s).toMatchObject({ leadUnitId: 'BJ-ZLS', supervisingUnitIds: ['BJ-RXZX'] });
    let after = await act(h, s.orderId, 'return', {
      actor: unit('BJ-ZLS'),
      reason: 'wrong_jurisdiction',
      explanation: '该小区为自备井供水，不属于市政管网',
    });
    const second = after.leadUnitId!;
    expect(second).not.toBe('BJ-ZLS');
    expect(second.startsWith('HX-')).toBe(true);
    after = await act(h, s.orderId, 'return', {
      actor: unit(second),
      reason: 'wrong_jurisdiction',
      explanation: '自备井由产权单位管理，不属本单位职责',
    });
    expect(after).toMatchObject({
      status: 'in_arbitration',
      arbiter: { unitId: 'BJ-RXZX', level: 'city' },
    });
    // The city centre decides: down to the street, with no reason given.
    after = await act(h, s.orderId, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'HX-XKJD',
      note: '街道办',
    });
    expect(after).toMatchObject({ status: 'dispatched', leadUnitId: 'HX-XKJD' });
    const last = await byArbitration(s.orderId);
    expect(last.payload).toMatchObject({
      dispatchedBy: 'arbitration',
      leadLevel: 'street',
      dispatchedByUnitId: 'BJ-RXZX',
      pushDown: {
        fromUnitId: 'BJ-RXZX',
        flagged: true,
        code: 'pushed_down_without_reason',
      },
    });
  });

  it('a reasoned push-down is recorded but not flagged', async () => {
    const s = await started({
      matterTypeCode: 'CG-007',
      content: '路面塌陷有坑',
      location: place('LS-SQJD'),
      takenBy: CITY,
    });
    await act(h, s.orderId, 'return', {
      actor: unit('LS-CGW'),
      reason: 'wrong_jurisdiction',
      explanation: '该路段为公路，由交通部门负责养护',
    });
    const after = await act(h, s.orderId, 'return', {
      actor: unit('LS-JTW'),
      reason: 'wrong_jurisdiction',
      explanation: '该路段为小区内部道路，不属本单位',
    });
    expect(after.arbiter).toEqual({ unitId: 'LS-ZHZX', level: 'district' });
    await act(h, s.orderId, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'LS-SQJD',
      note: '该路段为小区内部道路，属地街道负责协调产权单位维修',
    });
    expect((await byArbitration(s.orderId)).payload).toMatchObject({
      dispatchedByUnitId: 'LS-ZHZX',
      pushDown: { fromUnitId: 'LS-ZHZX', flagged: false, code: 'reasoned' },
    });
  });

  it('escalation (督办) names the next level: a district department goes up to the city', async () => {
    const s = await started({
      matterTypeCode: 'CG-007',
      content: '路面塌陷有坑',
      location: place('LS-SQJD'),
      takenBy: CITY,
    });
    await act(h, s.orderId, 'supervise', { actor: supervisor, note: '请尽快处置' });
    const escalated = await published(s.orderId, 'OrderEscalated');
    expect(escalated.payload).toMatchObject({
      unitId: 'LS-CGW',
      toUnitId: 'BJ-RXZX',
      level: 'city',
      automatic: false,
    });
  });

  it('a street escalates to its district centre', async () => {
    const s = await started({
      matterTypeCode: 'SQ-013',
      content: '需要开具社区居住证明',
      category: 'help',
      location: place('LS-BYZ'),
      takenBy: CITY,
    });
    await act(h, s.orderId, 'supervise', { actor: supervisor, note: '请尽快办理' });
    const escalated = await published(s.orderId, 'OrderEscalated');
    expect(escalated.payload).toMatchObject({
      unitId: 'LS-BYZ',
      toUnitId: 'LS-ZHZX',
      level: 'district',
    });
  });
});
