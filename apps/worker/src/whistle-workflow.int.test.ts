import { validateEvent, WHISTLE_EVENT_SCHEMAS } from '@hotline/contracts';
import type { WhistleState } from '@hotline/workflows';
import {
  act,
  eventsOf,
  noiseOrder,
  startWorkflowTestHarness,
  stateOf,
  supervisor,
  typesOf,
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
  sleepUntil,
  until,
  untilCompleted,
  untilWhistle,
  whistleStateOf,
} from './testing/whistle-test-helpers';

/**
 * The whistle workflow (街乡吹哨、部门报到) on Temporal's time-skipping test server, with the real
 * scope check, report limits and department evaluation of libs/domain: every path of
 * docs/domain.md's "Whistle dispatch", and the link with hotline orders.
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const street = dept('XHJD');
const HOUR = 3_600_000;

const published = (id: string, type: string, count = 1) =>
  until(`${count} × ${type} of ${id}`, () =>
    typesOf(h, id).filter((t) => t === type).length >= count ? true : undefined,
  );
const payloadsOf = (id: string, type: string) =>
  eventsOf(h, id)
    .filter((e) => e.type === type)
    .map((e) => e.payload);
const part = (s: WhistleState, departmentId: string) =>
  s.departments.find((d) => d.departmentId === departmentId)!;

async function verifyAll(whistleId: string, departmentIds: string[]) {
  for (const departmentId of departmentIds)
    await onWhistle(h, whistleId, 'verify', {
      actor: street,
      departmentId,
      passed: true,
      note: '现场核查属实',
    });
}

async function searchAttributes(whistleId: string) {
  const d = await h.env.client.workflow.getHandle(whistleId).describe();
  return {
    type: d.typedSearchAttributes.get({ name: 'WhistleType', type: 'KEYWORD' }),
    street: d.typedSearchAttributes.get({ name: 'Street', type: 'KEYWORD' }),
    pending: d.typedSearchAttributes.get({ name: 'DepartmentsPending', type: 'KEYWORD_LIST' }),
    next: d.typedSearchAttributes.get({ name: 'NextDeadline', type: 'DATETIME' }),
  };
}

describe('whistle workflow: on time, end to end', () => {
  it('runs blow → report → commit → complete → verify → close → two-way evaluation, numbering every event', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle());
    expect(w.state).toMatchObject({ status: 'open', level: 'street', ownerUnitId: 'XHJD' });
    expect(w.state.departments.map((d) => d.status)).toEqual(['summoned', 'summoned', 'summoned']);
    // A routine whistle (日常哨): departments report within 24 hours of the blow.
    expect(Date.parse(w.state.reportBy!) - Date.parse(w.state.blownAt!)).toBe(24 * HOUR);

    for (const unitId of ['GZFJ', 'CGZF', 'ZJW'])
      await reportCommitComplete(h, w.whistleId, unitId);
    await verifyAll(w.whistleId, ['GZFJ', 'CGZF', 'ZJW']);
    let s = await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'solved',
      summary: '违建已拆除，现场恢复',
    });
    expect(s.status).toBe('closed');
    expect(s.participations!.map((p) => [p.departmentId, p.report, p.commitment])).toEqual([
      ['GZFJ', 'on_time', 'made'],
      ['CGZF', 'on_time', 'made'],
      ['ZJW', 'on_time', 'made'],
    ]);

    const marks = { GZFJ: [5, 4, 5], CGZF: [4, 4, 4], ZJW: [5, 5, 3] } as const;
    for (const [unitId, [timeliness, commitment, result]] of Object.entries(marks)) {
      await onWhistle(h, w.whistleId, 'rateDepartment', {
        actor: street,
        departmentId: unitId,
        timeliness,
        commitment,
        result,
      });
      await onWhistle(h, w.whistleId, 'ratePrecision', {
        actor: dept(unitId),
        needed: true,
        wellScoped: unitId !== 'ZJW',
      });
    }
    await untilCompleted(h, w.whistleId);
    s = await whistleStateOf(h, w.whistleId);
    expect(s.status).toBe('evaluated');
    expect(s.evaluation).toEqual({
      scores: [
        { departmentId: 'GZFJ', score: 91.67 },
        { departmentId: 'CGZF', score: 75 },
        { departmentId: 'ZJW', score: 83.33 },
      ],
      uniformTopMarks: false,
    });

    const events = eventsOf(h, w.whistleId);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.aggregateType))).toEqual(new Set(['whistle']));
    expect(typesOf(h, w.whistleId).filter((t, i, all) => all.indexOf(t) === i)).toEqual([
      'WhistleBlown',
      'DepartmentReported',
      'CommitmentMade',
      'DepartmentCompleted',
      'WhistleVerified',
      'WhistleClosed',
      'WhistleEvaluated',
      'WhistlePrecisionRated',
      'WhistleEvaluationCompleted',
    ]);
    expect(events.at(-1)!.payload).toMatchObject({
      completedBy: 'all_rated',
      precision: { ratings: 3, needed: 3, wellScoped: 2 },
      uniformTopMarks: false,
    });
  });
});

describe('whistle workflow: the scope check (吹哨范围)', () => {
  it('refuses a matter off the whistle list and a department without a duty, each with a reason', async () => {
    const w = await blowWhistle(
      h,
      illegalStructureWhistle({ matterTypeCode: 'CG-003', summonedUnitIds: ['CGZF', 'WJW'] }),
    );
    expect(w.state.status).toBe('refused');
    expect(w.state.refusals!.map((r) => [r.code, r.unitId])).toEqual([
      ['not_on_whistle_list', null],
      ['no_duty_for_matter', 'WJW'],
    ]);
    expect(w.state.refusals![0]!.explanation).toMatch(/不在吹哨报到专项清单内/);
    await untilCompleted(h, w.whistleId);
    expect(typesOf(h, w.whistleId)).toEqual(['WhistleRefused']);
    // Nothing runs any more: a department cannot report to a whistle that was never blown.
    await expect(
      onWhistle(h, w.whistleId, 'report', {
        actor: dept('CGZF'),
        representative: '执法队长',
        mode: 'on_site',
      }),
    ).rejects.toThrow();
  });
});

describe('whistle workflow: department actions, validated as for orders', () => {
  it('lets only a summoned department report, only once, and keeps each step in order', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle());
    const report = (unitId: string) =>
      onWhistle(h, w.whistleId, 'report', {
        actor: dept(unitId),
        representative: '值班科长',
        mode: 'remote',
      });
    expect(await refusal(report('WJW'))).toMatch(/WJW was not summoned/);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'commit', {
          actor: dept('CGZF'),
          measures: '拆除',
          dueBy: new Date(Date.now() + 86_400_000 * 400).toISOString(),
        }),
      ),
    ).toMatch(/report first/);
    const s = await report('CGZF');
    expect(part(s, 'CGZF')).toMatchObject({
      status: 'reported',
      report: { representative: '值班科长', mode: 'remote', withinLimit: true },
    });
    expect(await refusal(report('CGZF'))).toMatch(/already reported/);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'close', {
          actor: dept('CGZF'),
          outcome: 'solved',
          summary: '已完成',
        }),
      ),
    ).toMatch(/Only XHJD/);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'rateDepartment', {
          actor: street,
          departmentId: 'CGZF',
          timeliness: 5,
          commitment: 5,
          result: 5,
        }),
      ),
    ).toMatch(/once the whistle is closed/);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'close', { actor: street, outcome: 'solved', summary: '结束' }),
      ),
    ).toMatch(/no department’s part has been verified/);

    // A refused signal changes nothing and stays on the timeline with its reason.
    await w.handle.signal('report', { actor: dept('WJW'), representative: 'x', mode: 'on_site' });
    const after = await untilWhistle(h, w.whistleId, 'refusal on the timeline', (st) =>
      st.timeline.some((t) => t.type === 'ActionRefused'),
    );
    expect(after.timeline.find((t) => t.type === 'ActionRefused')!.detail).toMatchObject({
      action: 'report',
      code: 'forbidden',
    });
    expect(typesOf(h, w.whistleId)).toEqual(['WhistleBlown', 'DepartmentReported']);
  });
});

describe('whistle workflow: deadlines as durable timers', () => {
  it('urges a department that misses an emergency report deadline, escalates it, and records the report as late', async () => {
    // 供水管道爆裂 (MS-007), an emergency whistle (应急哨): report within 30 minutes.
    const w = await blowWhistle(
      h,
      illegalStructureWhistle({
        whistleType: 'emergency',
        matterTypeCode: 'MS-007',
        title: '星湖东里主干供水管爆裂',
        summonedUnitIds: ['ZLS', 'CGW'],
      }),
    );
    expect(Date.parse(w.state.reportBy!) - Date.parse(w.state.blownAt!)).toBe(30 * 60_000);
    expect(await searchAttributes(w.whistleId)).toEqual({
      type: 'emergency',
      street: 'XHJD',
      pending: ['ZLS', 'CGW'],
      next: new Date(w.state.reportBy!),
    });
    await reportCommitComplete(h, w.whistleId, 'CGW', '道路占掘审批、现场围挡');

    await sleepUntil(h, w.state.reportBy!);
    await published(w.whistleId, 'DepartmentUrged');
    expect(payloadsOf(w.whistleId, 'ReportDeadlineMissed')).toEqual([
      { departmentId: 'ZLS', deadline: w.state.reportBy, escalateAt: w.state.reportEscalateAt },
    ]);
    expect((await searchAttributes(w.whistleId)).pending).toEqual(['ZLS']);
    // One more period (催办) without a report: escalated (督办).
    expect(Date.parse(w.state.reportEscalateAt!) - Date.parse(w.state.reportBy!)).toBe(30 * 60_000);
    await sleepUntil(h, w.state.reportEscalateAt!);
    await published(w.whistleId, 'DepartmentEscalated');
    expect(payloadsOf(w.whistleId, 'DepartmentEscalated')).toEqual([
      expect.objectContaining({ departmentId: 'ZLS', kind: 'report', automatic: true }),
    ]);

    await reportCommitComplete(h, w.whistleId, 'ZLS', '关阀抢修、恢复供水');
    const s = await whistleStateOf(h, w.whistleId);
    expect(part(s, 'ZLS')).toMatchObject({
      misses: ['report'],
      urged: 1,
      escalated: 1,
      report: { withinLimit: false },
    });
    await verifyAll(w.whistleId, ['ZLS', 'CGW']);
    const closed = await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'solved',
      summary: '已恢复供水',
    });
    expect(closed.participations).toEqual([
      expect.objectContaining({
        departmentId: 'ZLS',
        report: 'late',
        misses: ['report'],
        counted: true,
      }),
      expect.objectContaining({ departmentId: 'CGW', report: 'on_time', misses: [] }),
    ]);
  });

  it('shows a department that never reports as missed in its evaluation', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle());
    for (const unitId of ['GZFJ', 'CGZF']) await reportCommitComplete(h, w.whistleId, unitId);
    await sleepUntil(h, w.state.reportEscalateAt!);
    await published(w.whistleId, 'DepartmentEscalated');
    expect(typesOf(h, w.whistleId).slice(-3)).toEqual([
      'ReportDeadlineMissed',
      'DepartmentUrged',
      'DepartmentEscalated',
    ]);

    await verifyAll(w.whistleId, ['GZFJ', 'CGZF']);
    const closed = await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'solved',
      summary: '违建已拆除',
    });
    expect(closed.participations!.find((p) => p.departmentId === 'ZJW')).toEqual({
      departmentId: 'ZJW',
      report: 'missed',
      commitment: 'missed',
      completed: false,
      verified: false,
      misses: ['report'],
      counted: true,
    });
    for (const unitId of ['GZFJ', 'CGZF']) {
      await onWhistle(h, w.whistleId, 'rateDepartment', {
        actor: street,
        departmentId: unitId,
        timeliness: 4,
        commitment: 4,
        result: 4,
      });
    }
    // The street did not rate the no-show: the evaluation closes with its window.
    await sleepUntil(h, closed.evaluationBy!);
    await untilCompleted(h, w.whistleId);
    const [evaluation] = payloadsOf(w.whistleId, 'WhistleEvaluationCompleted');
    expect(evaluation).toMatchObject({ completedBy: 'window_closed' });
    expect((evaluation!.departments as unknown[])[2]).toEqual(
      expect.objectContaining({ departmentId: 'ZJW', report: 'missed', rating: null, score: 0 }),
    );
    expect((await whistleStateOf(h, w.whistleId)).evaluation!.scores).toEqual([
      { departmentId: 'GZFJ', score: 75 },
      { departmentId: 'CGZF', score: 75 },
      { departmentId: 'ZJW', score: 0 },
    ]);
  });

  it('urges and escalates a missed commitment (no 表态) and a missed due date, both on record', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle());
    // GZFJ reports but states no position; CGZF commits to two hours and does not deliver.
    let s = await onWhistle(h, w.whistleId, 'report', {
      actor: dept('GZFJ'),
      representative: '规划科长',
      mode: 'on_site',
    });
    const gzfj = part(s, 'GZFJ');
    expect(Date.parse(gzfj.commitBy!) - Date.parse(gzfj.report!.at)).toBe(24 * HOUR);
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('CGZF'),
      representative: '执法中队长',
      mode: 'on_site',
    });
    const dueBy = new Date((await h.env.currentTimeMs()) + 2 * HOUR).toISOString();
    s = await onWhistle(h, w.whistleId, 'commit', {
      actor: dept('CGZF'),
      measures: '两小时内拆除彩钢房',
      dueBy,
    });
    s = await onWhistle(h, w.whistleId, 'reportProgress', {
      actor: dept('CGZF'),
      note: '已调集拆除队伍',
    });
    expect(part(s, 'CGZF').progressNotes).toBe(1);
    const cgzf = part(s, 'CGZF');
    await reportCommitComplete(h, w.whistleId, 'ZJW');

    await sleepUntil(h, dueBy);
    await published(w.whistleId, 'CommitmentDeadlineMissed');
    await sleepUntil(h, gzfj.commitBy!);
    await published(w.whistleId, 'CommitmentDeadlineMissed', 2);
    await sleepUntil(h, gzfj.commitEscalateAt!);
    await published(w.whistleId, 'DepartmentEscalated', 2);
    expect(payloadsOf(w.whistleId, 'CommitmentDeadlineMissed')).toEqual([
      {
        departmentId: 'CGZF',
        kind: 'delivery',
        deadline: dueBy,
        escalateAt: cgzf.deliveryEscalateAt,
      },
      {
        departmentId: 'GZFJ',
        kind: 'commitment',
        deadline: gzfj.commitBy,
        escalateAt: gzfj.commitEscalateAt,
      },
    ]);
    expect(payloadsOf(w.whistleId, 'DepartmentUrged').map((p) => [p.departmentId, p.kind])).toEqual(
      [
        ['CGZF', 'delivery'],
        ['GZFJ', 'commitment'],
      ],
    );
    expect(
      payloadsOf(w.whistleId, 'DepartmentEscalated').map((p) => [p.departmentId, p.kind]),
    ).toEqual([
      ['CGZF', 'delivery'],
      ['GZFJ', 'commitment'],
    ]);

    const closed = await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'unsolved',
      summary: '部门未兑现承诺，街道层面无法解决',
    });
    expect(closed.participations!.map((p) => [p.departmentId, p.commitment, p.misses])).toEqual([
      ['GZFJ', 'missed', ['commitment']],
      ['CGZF', 'missed', ['delivery']],
      ['ZJW', 'made', []],
    ]);
  });
});

describe('whistle workflow: verification (核查) and escalation (上报)', () => {
  it('sends a part that fails verification back with a new due date, and closes as solved only when all are verified', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle({ summonedUnitIds: ['CGZF', 'ZJW'] }));
    await reportCommitComplete(h, w.whistleId, 'CGZF', '拆除彩钢房');
    await reportCommitComplete(h, w.whistleId, 'ZJW', '房屋安全评估');
    const redoBy = new Date((await h.env.currentTimeMs()) + 86_400_000).toISOString();
    let s = await onWhistle(h, w.whistleId, 'verify', {
      actor: street,
      departmentId: 'CGZF',
      passed: false,
      note: '仍有残留钢架未拆除',
      redoBy,
    });
    expect(part(s, 'CGZF')).toMatchObject({
      status: 'committed',
      commitment: { dueBy: redoBy },
      verification: { passed: false },
    });
    expect(s.departments.map((d) => d.status)).toEqual(['committed', 'completed']);
    await verifyAll(w.whistleId, ['ZJW']);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'close', { actor: street, outcome: 'solved', summary: '完成' }),
      ),
    ).toMatch(/CGZF \(committed\) not verified yet/);
    await onWhistle(h, w.whistleId, 'complete', { actor: dept('CGZF'), summary: '残留钢架已清除' });
    await verifyAll(w.whistleId, ['CGZF']);
    s = await onWhistle(h, w.whistleId, 'close', {
      actor: street,
      outcome: 'solved',
      summary: '复核通过',
    });
    expect(s).toMatchObject({ status: 'closed', outcome: 'solved' });
    expect(payloadsOf(w.whistleId, 'WhistleVerified').map((p) => p.passed)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('escalates to the district (上报), which starts a district whistle linked to this one', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle({ linkedOrderIds: [] }));
    await onWhistle(h, w.whistleId, 'report', {
      actor: dept('GZFJ'),
      representative: '规划科长',
      mode: 'on_site',
    });
    const s = await onWhistle(h, w.whistleId, 'escalate', {
      actor: street,
      reason: '涉及历史遗留产权问题，街道层面无法解决，提请区级调度会',
      whistleType: 'key_task',
    });
    const districtId = `${w.whistleId}-district`;
    expect(s).toMatchObject({
      status: 'closed',
      outcome: 'escalated',
      districtWhistleId: districtId,
    });
    expect(typesOf(h, w.whistleId).slice(-2)).toEqual(['WhistleEscalated', 'WhistleClosed']);
    expect(payloadsOf(w.whistleId, 'WhistleEscalated')[0]).toEqual({
      reason: '涉及历史遗留产权问题，街道层面无法解决，提请区级调度会',
      districtWhistleId: districtId,
      districtUnitId: 'ZHZX',
      whistleType: 'key_task',
      summonedUnitIds: ['GZFJ', 'CGZF', 'ZJW'],
    });

    const district = await untilWhistle(h, districtId, 'blown', (d) => d.status === 'open');
    expect(district).toMatchObject({
      level: 'district',
      whistleType: 'key_task',
      ownerUnitId: 'ZHZX',
      streetId: 'XHJD',
      escalatedFromWhistleId: w.whistleId,
    });
    // 攻坚哨: report by the end of the third working day.
    expect(Date.parse(district.reportBy!) - Date.parse(district.blownAt!)).toBeGreaterThan(
      2 * 86_400_000,
    );
    const described = await h.env.client.workflow.getHandle(districtId).describe();
    expect(described.parentExecution?.workflowId).toBe(w.whistleId);
    // The district runs it now: the street may not, a district supervisor may.
    expect(
      await refusal(
        onWhistle(h, districtId, 'close', { actor: street, outcome: 'unsolved', summary: 'x' }),
      ),
    ).toMatch(/Only ZHZX/);
    expect(
      await refusal(onWhistle(h, districtId, 'escalate', { actor: supervisor, reason: '再上报' })),
    ).toMatch(/cannot be escalated further/);
    await reportCommitComplete(h, districtId, 'GZFJ', '区级认定产权并出具意见');
    const verified = await onWhistle(h, districtId, 'verify', {
      actor: supervisor,
      departmentId: 'GZFJ',
      passed: true,
      note: '区级核查',
    });
    expect(part(verified, 'GZFJ').status).toBe('verified');
  });
});

describe('whistle workflow: two-way evaluation (双向评价)', () => {
  it('flags uniform top marks (评价“一律优秀”) and records residents’ and deputies’ ratings', async () => {
    const w = await blowWhistle(h, illegalStructureWhistle());
    for (const unitId of ['GZFJ', 'CGZF', 'ZJW'])
      await reportCommitComplete(h, w.whistleId, unitId);
    await verifyAll(w.whistleId, ['GZFJ', 'CGZF', 'ZJW']);
    await onWhistle(h, w.whistleId, 'close', { actor: street, outcome: 'solved', summary: '完成' });
    await onWhistle(h, w.whistleId, 'recordPublicRating', {
      actor: street,
      rater: 'resident',
      satisfaction: 'satisfied',
    });
    await onWhistle(h, w.whistleId, 'recordPublicRating', {
      actor: { kind: 'operator', userId: 'op-1' },
      rater: 'deputy',
      satisfaction: 'basically_satisfied',
      comment: '人大代表走访反馈',
    });
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'recordPublicRating', {
          actor: dept('CGZF'),
          rater: 'resident',
          satisfaction: 'satisfied',
        }),
      ),
    ).toMatch(/Only the whistle’s street or the centre/);
    expect(
      await refusal(
        onWhistle(h, w.whistleId, 'rateDepartment', {
          actor: street,
          departmentId: 'GZFJ',
          timeliness: 6,
          commitment: 5,
          result: 5,
        }),
      ),
    ).toMatch(/from 1 to 5/);
    for (const unitId of ['GZFJ', 'CGZF', 'ZJW']) {
      await onWhistle(h, w.whistleId, 'ratePrecision', {
        actor: dept(unitId),
        needed: unitId !== 'ZJW',
        wellScoped: true,
        comment: unitId === 'ZJW' ? '房屋安全评估可日常办理，无需吹哨' : '',
      });
      await onWhistle(h, w.whistleId, 'rateDepartment', {
        actor: street,
        departmentId: unitId,
        timeliness: 5,
        commitment: 5,
        result: 5,
      });
    }
    await untilCompleted(h, w.whistleId);
    expect(payloadsOf(w.whistleId, 'WhistleEvaluationCompleted')[0]).toMatchObject({
      uniformTopMarks: true,
      publicRatings: 2,
      precision: { ratings: 3, needed: 2, wellScoped: 3 },
      completedBy: 'all_rated',
    });
    expect((await whistleStateOf(h, w.whistleId)).evaluation).toMatchObject({
      uniformTopMarks: true,
      scores: [
        { departmentId: 'GZFJ', score: 100 },
        { departmentId: 'CGZF', score: 100 },
        { departmentId: 'ZJW', score: 100 },
      ],
    });
  });
});

describe('whistle workflow: linked hotline orders', () => {
  /** An illegal-structure order (CG-001): the street leads it (XHJD), acknowledged. */
  async function streetOrder() {
    const input = noiseOrder({
      matterTypeCode: 'CG-001',
      content: '星湖东里3号楼顶有人加盖彩钢房',
    });
    await h.env.client.workflow.start('hotlineOrderWorkflow', {
      workflowId: input.orderId,
      taskQueue: h.taskQueue,
      args: [input],
    });
    await until('dispatch', async () =>
      (await stateOf(h, input.orderId)).status === 'dispatched' ? true : undefined,
    );
    await act(h, input.orderId, 'acknowledge', { actor: unit('XHJD') });
    return input.orderId;
  }

  const escalation = {
    actor: unit('XHJD'),
    whistleType: 'routine' as const,
    summonedUnitIds: ['GZFJ', 'CGZF', 'ZJW'],
    title: '星湖东里3号楼顶违建',
    description: '需规划认定、执法拆除、房屋安全评估',
  };

  it('escalates an order to a whistle, waits for it, and lets the street resolve it with the outcome', async () => {
    const orderId = await streetOrder();
    expect(
      await refusal(act(h, orderId, 'escalateToWhistle', { ...escalation, actor: unit('CGZF') })),
    ).toMatch(/assigned to XHJD/);
    let o = await act(h, orderId, 'escalateToWhistle', escalation);
    const whistleId = `${orderId}-W1`;
    expect(o).toMatchObject({ status: 'in_progress', whistle: { whistleId, status: 'waiting' } });
    expect(
      await refusal(
        act(h, orderId, 'resolve', { actor: unit('XHJD'), outcome: 'solved', summary: '已拆除' }),
      ),
    ).toMatch(/waits for whistle/);

    const w = await untilWhistle(h, whistleId, 'blown', (s) => s.status === 'open');
    expect(w.linkedOrderIds).toEqual([orderId]);
    expect(
      (await h.env.client.workflow.getHandle(whistleId).describe()).parentExecution?.workflowId,
    ).toBe(orderId);
    for (const unitId of ['GZFJ', 'CGZF', 'ZJW']) await reportCommitComplete(h, whistleId, unitId);
    await verifyAll(whistleId, ['GZFJ', 'CGZF', 'ZJW']);
    await onWhistle(h, whistleId, 'close', {
      actor: street,
      outcome: 'solved',
      summary: '违建已拆除',
    });

    o = await until('the order to hear the outcome', async () => {
      const s = await stateOf(h, orderId);
      return s.whistle?.status === 'solved' ? s : undefined;
    });
    expect(o.whistle).toMatchObject({ whistleId, status: 'solved', summary: '违建已拆除' });
    o = await act(h, orderId, 'resolve', {
      actor: unit('XHJD'),
      outcome: 'solved',
      summary: '经吹哨报到联合处置，违建已拆除',
    });
    expect(o.status).toBe('resolved');
    expect(typesOf(h, orderId)).toEqual([
      'OrderReceived',
      'OrderDispatched',
      'OrderAcknowledged',
      'OrderEscalatedToWhistle',
      'OrderWhistleConcluded',
      'OrderResponded',
      'OrderResolved',
    ]);
    expect(payloadsOf(orderId, 'OrderResolved')[0]).toMatchObject({
      whistle: { whistleId, outcome: 'solved' },
    });
  });

  it('sends the order back to its street when the whistle is escalated to the district, and refuses an out-of-scope whistle', async () => {
    const orderId = await streetOrder();
    expect(
      await refusal(
        act(h, orderId, 'escalateToWhistle', { ...escalation, summonedUnitIds: ['WJW'] }),
      ),
    ).toMatch(/no_duty|没有法定职责/);
    expect((await stateOf(h, orderId)).whistle).toBeUndefined();

    await act(h, orderId, 'escalateToWhistle', escalation);
    const whistleId = `${orderId}-W1`;
    await untilWhistle(h, whistleId, 'blown', (s) => s.status === 'open');
    await onWhistle(h, whistleId, 'escalate', { actor: street, reason: '需区级协调产权问题' });
    const o = await until('the order to hear the escalation', async () => {
      const s = await stateOf(h, orderId);
      return s.whistle?.status === 'escalated' ? s : undefined;
    });
    expect(o.whistle).toMatchObject({ districtWhistleId: `${whistleId}-district` });
    // Back with the street: it may resolve (here: partly) or blow again.
    const again = await act(h, orderId, 'escalateToWhistle', {
      ...escalation,
      whistleType: 'key_task',
    });
    expect(again.whistle).toMatchObject({
      whistleId: `${orderId}-W2`,
      round: 2,
      status: 'waiting',
    });
  });
});

describe('whistle workflow: contracts', () => {
  // Last in this file: it checks every event the runs above published, orders' and whistles'.
  it('publishes only events that satisfy their versioned contracts, as the real publisher checks', () => {
    const whistleEvents = h.published.filter((e) => e.aggregateType === 'whistle');
    expect([...new Set(whistleEvents.map((e) => e.type))].sort()).toEqual(
      Object.keys(WHISTLE_EVENT_SCHEMAS).sort(),
    );
    const invalid = h.published
      .map((e) => ({ e, checked: validateEvent(e) }))
      .filter(({ checked }) => !checked.ok)
      .map(({ e, checked }) => `${e.type}: ${checked.ok ? '' : checked.reason}`);
    expect(invalid).toEqual([]);
  });
});
