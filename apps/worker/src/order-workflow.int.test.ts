import {
  act,
  eventsOf,
  noiseOrder,
  operator,
  refusal,
  startWorkflowTestHarness,
  stateOf,
  supervisor,
  typesOf,
  unit,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * The order workflow on Temporal's time-skipping test server: every path of docs/domain.md's
 * order process, with the real routing and deadline rules of libs/domain.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

async function start(overrides: Parameters<typeof noiseOrder>[0] = {}) {
  const input = noiseOrder(overrides);
  const handle = await h.env.client.workflow.start('hotlineOrderWorkflow', {
    workflowId: input.orderId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return { input, handle, orderId: input.orderId };
}

/**
 * The state of a finished workflow, read by query. Not `handle.result()`: awaiting a result lets
 * the time-skipping server jump ahead while idle, moving every later test years into the future.
 */
async function finalState(orderId: string) {
  const handle = h.env.client.workflow.getHandle(orderId);
  await until(`${orderId} to complete`, async () =>
    (await handle.describe()).status.name === 'COMPLETED' ? true : undefined,
  );
  return stateOf(h, orderId);
}

const published = (orderId: string, type: string) =>
  until(`${type} of ${orderId}`, () => (typesOf(h, orderId).includes(type) ? true : undefined));

/** Dispatched by the rules to 城管执法 (CGZF), the lead unit for night-time construction noise. */
async function dispatched() {
  const order = await start();
  const state = await until('dispatch', async () => {
    const s = await stateOf(h, order.orderId);
    return s.status === 'dispatched' ? s : undefined;
  });
  return { ...order, state };
}

async function acknowledgedAndResolved() {
  const o = await dispatched();
  await act(h, o.orderId, 'acknowledge', { actor: unit('CGZF') });
  await act(h, o.orderId, 'respond', { actor: unit('CGZF'), note: '已电话联系市民，核实施工地点' });
  const s = await act(h, o.orderId, 'resolve', {
    actor: unit('CGZF'),
    outcome: 'solved',
    summary: '已责令工地停止夜间施工并处罚款',
  });
  return { ...o, state: s };
}

describe('order workflow: the whole process', () => {
  it('runs intake → dispatch → acknowledge → respond → resolve → callback → closed, numbering every event', async () => {
    const o = await dispatched();
    expect(o.state).toMatchObject({ leadUnitId: 'CGZF', status: 'dispatched' });
    expect(o.state.assistingUnitIds).toEqual(expect.arrayContaining(['XHJD']));
    expect(o.state.supervisingUnitIds).toEqual(['ZHZX']);

    let s = await act(h, o.orderId, 'acknowledge', { actor: unit('CGZF') });
    expect(s.status).toBe('acknowledged');
    expect(Date.parse(s.deadlines.handleBy!)).toBeGreaterThan(Date.parse(s.deadlines.respondBy!));
    s = await act(h, o.orderId, 'respond', { actor: unit('CGZF'), note: '已联系市民' });
    expect(s).toMatchObject({ status: 'responded', respondedWithinLimit: true });
    s = await act(h, o.orderId, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'solved',
      summary: '工地已停止夜间施工',
    });
    expect(s.status).toBe('resolved');
    s = await act(h, o.orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(s).toMatchObject({ status: 'closed', closure: 'completed' });

    expect(await finalState(o.orderId)).toMatchObject({ status: 'closed' });
    const events = eventsOf(h, o.orderId);
    expect(events.map((e) => e.type)).toEqual([
      'OrderReceived',
      'OrderDispatched',
      'OrderAcknowledged',
      'OrderResponded',
      'OrderResolved',
      'CallbackRecorded',
      'OrderClosed',
    ]);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(7);
    expect(events.at(-1)!.payload).toMatchObject({
      closure: 'completed',
      leadUnitId: 'CGZF',
      respondedWithinLimit: true,
      resolvedWithinLimit: true,
      callback: { answered: true, solved: true, satisfaction: 'satisfied' },
      excluded: false,
      breaches: [],
    });
  });

  it('closes a rejected order at intake with the reason, never reaching a unit', async () => {
    const o = await start({
      screening: {
        outcome: 'rejected',
        reason: 'in_legal_process',
        explanation: '该纠纷已进入诉讼程序',
        decidedBy: 'operator',
      },
    });
    const result = await finalState(o.orderId);
    expect(result).toMatchObject({ status: 'closed', closure: 'rejected' });
    expect(result.leadUnitId).toBeUndefined();
    expect(typesOf(h, o.orderId)).toEqual(['OrderReceived', 'OrderFiltered', 'OrderClosed']);
    expect(eventsOf(h, o.orderId)[1]!.payload).toMatchObject({
      outcome: 'rejected',
      reason: 'in_legal_process',
    });
  });

  it('sends an order without a matter type to the manual queue, and a supervisor dispatches it', async () => {
    const o = await start({ matterTypeCode: undefined });
    const queued = await until('manual queue', async () => {
      const s = await stateOf(h, o.orderId);
      return s.status === 'awaiting_dispatch' ? s : undefined;
    });
    expect(queued.deadlines.dispatchBy).toBeDefined();
    expect(
      await refusal(
        act(h, o.orderId, 'dispatchManually', { actor: unit('CGZF'), leadUnitId: 'CGZF' }),
      ),
    ).toMatch(/supervisors/);
    const s = await act(h, o.orderId, 'dispatchManually', {
      actor: supervisor,
      leadUnitId: 'XHJD',
      assistingUnitIds: ['CGZF'],
    });
    expect(s).toMatchObject({
      status: 'dispatched',
      leadUnitId: 'XHJD',
      assistingUnitIds: ['CGZF'],
    });
  });
});

describe('order workflow: returns (退单) and arbitration (争议裁定)', () => {
  it('re-dispatches a returned order, never to the returning unit, and arbitrates after two returns', async () => {
    const o = await dispatched();
    let s = await act(h, o.orderId, 'return', {
      actor: unit('CGZF'),
      reason: 'jurisdiction',
      explanation: '该工地为市政道路工程，属住建部门监管',
    });
    expect(s.status).toBe('dispatched');
    expect(s.leadUnitId).not.toBe('CGZF');
    const second = s.leadUnitId!;
    s = await act(h, o.orderId, 'return', {
      actor: unit(second),
      reason: 'jurisdiction',
      explanation: '夜间施工噪声应由城管执法查处',
    });
    expect(s.status).toBe('in_arbitration');
    expect(s.returnedByUnitIds).toEqual(['CGZF', second]);

    s = await act(h, o.orderId, 'decideArbitration', {
      actor: supervisor,
      leadUnitId: 'CGZF',
      note: '依据职责清单CG-003，由城管执法主办',
    });
    expect(s).toMatchObject({ status: 'dispatched', leadUnitId: 'CGZF', returnable: false });
    expect(
      await refusal(
        act(h, o.orderId, 'return', {
          actor: unit('CGZF'),
          reason: 'jurisdiction',
          explanation: '仍不属于本单位职责',
        }),
      ),
    ).toMatch(/final/);
    expect(typesOf(h, o.orderId)).toEqual(
      expect.arrayContaining(['OrderReturned', 'OrderSentToArbitration', 'OrderDispatched']),
    );
  });

  it('refuses a return without 10 meaningful characters of supporting words (libs/domain)', async () => {
    const o = await dispatched();
    const reason = await refusal(
      act(h, o.orderId, 'return', {
        actor: unit('CGZF'),
        reason: 'jurisdiction',
        explanation: '不归我们管！！！！！！',
      }),
    );
    expect(reason).toMatch(/至少10个字/);
    expect((await stateOf(h, o.orderId)).returnedByUnitIds).toEqual([]);
  });

  it('refuses a return after the return window, leaving the order unchanged', async () => {
    const o = await dispatched();
    await h.env.sleep('150 minutes'); // the window is 2 hours
    const before = await stateOf(h, o.orderId);
    const reason = await refusal(
      act(h, o.orderId, 'return', {
        actor: unit('CGZF'),
        reason: 'jurisdiction',
        explanation: '不属于本单位职责范围',
      }),
    );
    expect(reason).toMatch(/已超过退单时限/); // libs/domain's rule (canReturnOrder)
    const after = await stateOf(h, o.orderId);
    expect(after.status).toBe(before.status);
    expect(after.returnedByUnitIds).toEqual([]);
  });
});

describe('order workflow: refusals', () => {
  it('refuses actions by the wrong unit or in the wrong state with a reason, state unchanged', async () => {
    const o = await dispatched();
    expect(await refusal(act(h, o.orderId, 'acknowledge', { actor: unit('ZJW') }))).toMatch(
      /assigned to CGZF/,
    );
    expect(
      await refusal(
        act(h, o.orderId, 'resolve', { actor: unit('CGZF'), outcome: 'solved', summary: 'x' }),
      ),
    ).toMatch(/dispatched/);
    expect(
      await refusal(
        act(h, o.orderId, 'recordCallback', {
          actor: unit('CGZF'),
          reached: true,
          solved: true,
          satisfaction: 'satisfied',
        }),
      ),
    ).toMatch(/centre/);
    const s = await stateOf(h, o.orderId);
    expect(s.status).toBe('dispatched');
    expect(typesOf(h, o.orderId)).toEqual(['OrderReceived', 'OrderDispatched']);
  });

  it('keeps a refused signal on the timeline, without applying it', async () => {
    const o = await dispatched();
    await o.handle.signal('acknowledge', { actor: unit('ZJW') });
    const s = await until('refusal on the timeline', async () => {
      const st = await stateOf(h, o.orderId);
      return st.timeline.some((t) => t.type === 'ActionRefused') ? st : undefined;
    });
    expect(s.status).toBe('dispatched');
    expect(s.timeline.find((t) => t.type === 'ActionRefused')!.detail).toMatchObject({
      action: 'acknowledge',
      code: 'forbidden',
    });
  });
});

describe('order workflow: deadlines as durable timers', () => {
  it('escalates an order nobody acknowledges within the limit, and records the breach', async () => {
    const o = await dispatched();
    await h.env.sleep('61 minutes');
    await published(o.orderId, 'OrderEscalated');
    const breach = eventsOf(h, o.orderId).find((e) => e.type === 'DeadlineBreached')!;
    expect(breach.payload).toMatchObject({
      kind: 'acknowledge',
      unitId: 'CGZF',
      deadline: o.state.deadlines.acknowledgeBy,
    });
    expect((await stateOf(h, o.orderId)).breaches).toEqual(['acknowledge']);
    const described = await o.handle.describe();
    expect(described.typedSearchAttributes.get({ name: 'Breached', type: 'BOOL' })).toBe(true);
  });

  it('reminds at 50% and 80%, breaches at the limit, urges a day later', async () => {
    const o = await dispatched();
    const s = await act(h, o.orderId, 'acknowledge', { actor: unit('CGZF') });
    await act(h, o.orderId, 'respond', { actor: unit('CGZF'), note: '已联系' });
    const span = Date.parse(s.deadlines.handleBy!) - Date.parse(s.acknowledgedAt!);
    await h.env.sleep(Math.ceil(span * 0.55));
    await published(o.orderId, 'DeadlineReminded');
    await h.env.sleep(Math.ceil(span * 0.5) + 60_000);
    await published(o.orderId, 'DeadlineBreached');
    await h.env.sleep('25 hours');
    await published(o.orderId, 'OrderUrged');
    const reminders = eventsOf(h, o.orderId)
      .filter((e) => e.type === 'DeadlineReminded')
      .map((e) => e.payload.fraction);
    expect(reminders).toEqual([0.5, 0.8]);
    expect((await stateOf(h, o.orderId)).breaches).toEqual(['handling']);
    const r = await act(h, o.orderId, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'solved',
      summary: '已处理',
    });
    expect(
      eventsOf(h, o.orderId).find((e) => e.type === 'OrderResolved')!.payload.withinLimit,
    ).toBe(false);
    expect(r.resolvedWithinLimit).toBe(false);
  });

  it('moves the handling deadline on an approved extension (延期), so the old limit passes quietly', async () => {
    const o = await dispatched();
    const s = await act(h, o.orderId, 'acknowledge', { actor: unit('CGZF') });
    const handleBy = Date.parse(s.deadlines.handleBy!);
    const requested = new Date(handleBy + 3 * 86_400_000).toISOString();
    // At most the original limit again, counted on from the limit by the calendar (libs/domain).
    expect(
      await refusal(
        act(h, o.orderId, 'requestExtension', {
          actor: unit('CGZF'),
          requestedHandleBy: new Date(handleBy + 30 * 86_400_000).toISOString(),
          reason: '需协调住建部门联合执法',
        }),
      ),
    ).toMatch(/延期不得超过原办理时限/);
    await act(h, o.orderId, 'requestExtension', {
      actor: unit('CGZF'),
      requestedHandleBy: requested,
      reason: '需协调住建部门联合执法',
    });
    expect(
      await refusal(
        act(h, o.orderId, 'requestExtension', {
          actor: unit('CGZF'),
          requestedHandleBy: requested,
          reason: '再次申请',
        }),
      ),
    ).toMatch(/already waiting/);
    const decided = await act(h, o.orderId, 'decideExtension', {
      actor: supervisor,
      approve: true,
      note: '同意延期3日',
    });
    expect(decided.deadlines.handleBy).toBe(requested);
    // Past the old limit by an hour (server time runs ahead of the wall clock after earlier skips).
    await h.env.sleep(handleBy - Date.parse(s.acknowledgedAt!) + 3_600_000);
    await act(h, o.orderId, 'respond', { actor: unit('CGZF'), note: '已联系' }).catch(
      () => undefined,
    );
    const mid = await stateOf(h, o.orderId);
    expect(mid.breaches).not.toContain('handling');
    expect(
      await refusal(
        act(h, o.orderId, 'requestExtension', {
          actor: unit('CGZF'),
          requestedHandleBy: new Date(Date.parse(requested) + 86_400_000).toISOString(),
          reason: '再延',
        }),
      ),
    ).toMatch(/达到上限1次/); // libs/domain's rule (canExtendTo)
  });
});

describe('order workflow: callback (回访), rework (重办) and exclusion (剔除)', () => {
  it('sends an unsolved order back for rework once, then closes with the result on record', async () => {
    const o = await acknowledgedAndResolved();
    let s = await act(h, o.orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: false,
      satisfaction: 'dissatisfied',
      unitAtFault: true,
    });
    expect(s).toMatchObject({ status: 'acknowledged', reworkRounds: 1 });
    await act(h, o.orderId, 'resolve', {
      actor: unit('CGZF'),
      outcome: 'partly_solved',
      summary: '夜间施工已减少，仍有个别情况',
    });
    s = await act(h, o.orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: false,
      satisfaction: 'dissatisfied',
      unitAtFault: true,
    });
    expect(s).toMatchObject({ status: 'closed', closure: 'completed', reworkRounds: 1 });
    const closed = eventsOf(h, o.orderId).find((e) => e.type === 'OrderClosed')!;
    expect(closed.payload).toMatchObject({
      reworkRounds: 1,
      callback: { answered: true, solved: false, satisfaction: 'dissatisfied' },
    });
  });

  it('closes after three unanswered callback attempts, counting neither for nor against', async () => {
    const o = await acknowledgedAndResolved();
    await act(h, o.orderId, 'recordCallback', { actor: operator, reached: false });
    await act(h, o.orderId, 'recordCallback', { actor: operator, reached: false });
    const s = await act(h, o.orderId, 'recordCallback', { actor: operator, reached: false });
    expect(s.status).toBe('closed');
    expect(eventsOf(h, o.orderId).find((e) => e.type === 'OrderClosed')!.payload).toMatchObject({
      callback: { answered: false },
    });
  });

  it('waits for a pending exclusion decision before closing, then closes excluded', async () => {
    const o = await acknowledgedAndResolved();
    await act(h, o.orderId, 'requestExclusion', {
      actor: unit('CGZF'),
      reason: 'in_legal_process',
      explanation: '回访得知双方已起诉至法院',
    });
    let s = await act(h, o.orderId, 'recordCallback', {
      actor: operator,
      reached: true,
      solved: true,
      satisfaction: 'basically_satisfied',
    });
    expect(s.status).toBe('resolved');
    expect(s.closeWhenExclusionDecided).toBe(true);
    s = await act(h, o.orderId, 'decideExclusion', {
      actor: supervisor,
      approve: true,
      note: '经审核，属涉诉事项，不纳入考核',
    });
    expect(s).toMatchObject({ status: 'closed', exclusion: { status: 'approved' } });
    expect(eventsOf(h, o.orderId).find((e) => e.type === 'OrderClosed')!.payload).toMatchObject({
      excluded: true,
    });
  });

  it('lets a supervisor terminate an order (终止办理) at any open step', async () => {
    const o = await dispatched();
    const s = await act(h, o.orderId, 'terminate', {
      actor: supervisor,
      reason: '诉求人坚持违法诉求，经解释仍不接受',
    });
    expect(s).toMatchObject({ status: 'closed', closure: 'terminated' });
    expect(await finalState(o.orderId)).toMatchObject({ closure: 'terminated' });
  });
});
