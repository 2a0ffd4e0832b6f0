import {
  act,
  eventsOf,
  noiseOrder,
  startWorkflowTestHarness,
  stateOf,
  unit,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';
import {
  blowWhistle,
  dept,
  illegalStructureWhistle,
  onWhistle,
  refusal,
  reportCommitComplete,
  until,
  untilWhistle,
} from './testing/whistle-test-helpers';

/**
 * Whistles (街乡吹哨) of streets outside the deployment's district, on the time-skipping test
 * server: the worker answers 云川区 from its own view, as before, and a street of 澜山区 or 禾溪区
 * from the whole city — it summons its own district's departments, and its district whistle
 * (上报) is run by its own district centre.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const lsStreet = dept('LS-JMJD');
const lsWhistle = (summonedUnitIds: string[]) =>
  illegalStructureWhistle({
    whistleId: `WS-LS-JMJD-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    streetId: 'LS-JMJD',
    title: '镜明小区5号楼顶违建拆除',
    place: { address: '镜明小区5号楼', communityId: 'LS-JMJD-01', gridId: 'LS-JMJD-01-1' },
    summonedUnitIds,
  });

describe('whistles of streets outside 云川区', () => {
  it('lets a 澜山区 street summon its own district’s departments and escalate to its own centre', async () => {
    const w = await blowWhistle(h, lsWhistle(['LS-GZFJ', 'LS-CGZF', 'LS-ZJW']));
    expect(w.state).toMatchObject({ status: 'open', streetId: 'LS-JMJD', ownerUnitId: 'LS-JMJD' });
    expect(w.state.departments.map((d) => d.departmentId)).toEqual([
      'LS-GZFJ',
      'LS-CGZF',
      'LS-ZJW',
    ]);
    await reportCommitComplete(h, w.whistleId, 'LS-CGZF', '执法拆除');
    await onWhistle(h, w.whistleId, 'escalate', {
      actor: lsStreet,
      reason: '产权遗留问题需区级调度',
      whistleType: 'key_task',
      summonedUnitIds: ['LS-GZFJ', 'LS-ZJW'],
    });
    const districtId = `${w.whistleId}-district`;
    expect(
      eventsOf(h, w.whistleId).find((e) => e.type === 'WhistleEscalated')?.payload,
    ).toMatchObject({ districtWhistleId: districtId, districtUnitId: 'LS-ZHZX' });
    const district = await untilWhistle(h, districtId, 'blown', (d) => d.status === 'open');
    expect(district).toMatchObject({
      level: 'district',
      ownerUnitId: 'LS-ZHZX',
      streetId: 'LS-JMJD',
    });
    // 澜山区's centre runs it: not 云川区's, not the street.
    expect(
      await refusal(
        onWhistle(h, districtId, 'close', { actor: unit('ZHZX'), outcome: 'solved', summary: 'x' }),
      ),
    ).toMatch(/Only LS-ZHZX/);
    for (const id of ['LS-GZFJ', 'LS-ZJW']) await reportCommitComplete(h, districtId, id);
    for (const departmentId of ['LS-GZFJ', 'LS-ZJW'])
      await onWhistle(h, districtId, 'verify', {
        actor: unit('LS-ZHZX'),
        departmentId,
        passed: true,
        note: '区级核查',
      });
    const closed = await onWhistle(h, districtId, 'close', {
      actor: unit('LS-ZHZX'),
      outcome: 'solved',
      summary: '区级调度解决',
    });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'solved' });
  });

  it('refuses departments of another district, and 云川区’s streets stay answered from 云川区', async () => {
    const hx = await blowWhistle(
      h,
      illegalStructureWhistle({
        streetId: 'HX-XKJD',
        place: { address: '溪口村3组', communityId: 'HX-XKJD-01' },
        summonedUnitIds: ['HX-GZFJ', 'GZFJ', 'LS-ZJW'],
      }),
    );
    expect(hx.state.status).toBe('refused');
    expect(hx.state.refusals!.map((r) => [r.code, r.unitId])).toEqual([
      ['no_duty_for_matter', 'GZFJ'],
      ['no_duty_for_matter', 'LS-ZJW'],
    ]);
    const hxOwn = await blowWhistle(
      h,
      illegalStructureWhistle({
        streetId: 'HX-XKJD',
        place: { address: '溪口村3组', communityId: 'HX-XKJD-01' },
        summonedUnitIds: ['HX-GZFJ', 'HX-CGZF'],
      }),
    );
    expect(hxOwn.state.status).toBe('open');
    // 云川区's street: its own departments as before; another district's are unknown to it.
    const yc = await blowWhistle(
      h,
      illegalStructureWhistle({ summonedUnitIds: ['GZFJ', 'LS-CGZF'] }),
    );
    expect(yc.state.refusals!.map((r) => [r.code, r.unitId])).toEqual([
      ['unknown_unit', 'LS-CGZF'],
    ]);
  });

  it('turns a 澜山区 order into a whistle of its street, summoning the district’s departments', async () => {
    const input = noiseOrder({
      matterTypeCode: 'CG-001',
      content: '镜明小区楼顶违建',
      location: {
        address: '镜明小区5号楼',
        streetId: 'LS-JMJD',
        communityId: 'LS-JMJD-01',
        gridId: 'LS-JMJD-01-1',
      },
      takenBy: { level: 'city' },
    });
    await h.env.client.workflow.start('hotlineOrderWorkflow', {
      workflowId: input.orderId,
      taskQueue: h.taskQueue,
      args: [input],
    });
    const dispatched = await until('dispatch', async () => {
      const s = await stateOf(h, input.orderId);
      return s.status === 'dispatched' ? s : undefined;
    });
    expect(dispatched.leadUnitId).toBe('LS-JMJD');
    await act(h, input.orderId, 'acknowledge', { actor: unit('LS-JMJD') });
    await act(h, input.orderId, 'escalateToWhistle', {
      actor: unit('LS-JMJD'),
      whistleType: 'routine',
      summonedUnitIds: ['LS-CGZF', 'LS-ZJW'],
      title: '楼顶违建',
      description: '需执法拆除与房屋安全评估',
    });
    const whistle = await untilWhistle(
      h,
      `${input.orderId}-W1`,
      'blown',
      (s) => s.status !== 'blowing',
    );
    expect(whistle).toMatchObject({ status: 'open', streetId: 'LS-JMJD' });
    expect(whistle.linkedOrderIds).toEqual([input.orderId]);
  });
});
