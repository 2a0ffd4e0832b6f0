import { validateEvent } from '@hotline/contracts';
import type {
  ActionResult,
  AdmissionCommand,
  AdmissionState,
  AdmissionWorkflowInput,
} from '@hotline/workflows';
import { sleepUntil, untilCompleted } from './testing/whistle-test-helpers';
import {
  eventsOf,
  refusal,
  settled,
  startWorkflowTestHarness,
  typesOf,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * The duty-admission workflow (准入) on Temporal's time-skipping test server, with the real
 * working calendar and pre-check of libs/domain: every path (admit, refuse, return → resubmit →
 * admit, return → lapse, withdraw) and both deadlines (review overdue, resubmission).
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

let counter = 0;
const office = { kind: 'supervisor' as const, userId: 'office-reviewer' };
const wjw = { kind: 'unit' as const, unitId: 'WJW', userId: 'wjw-clerk' };

function vaccinationReminders(over: Partial<AdmissionWorkflowInput['application']> = {}) {
  counter += 1;
  return {
    applicationId: `ZS-TEST-${String(counter).padStart(4, '0')}-${Date.now().toString(36)}`,
    appliedBy: wjw,
    application: {
      departmentId: 'WJW',
      taskName: '适龄儿童疫苗接种入户提醒',
      description: '社区对辖区适龄儿童家庭入户提醒按时接种',
      level: 'community' as const,
      list: 'assisting' as const,
      legalBasis: '《疫苗管理法》第四十七条',
      frequency: '每月',
      resources: '区卫健委派一名公卫医生驻点',
      funding: '每社区每年2万元工作经费',
      ...over,
    },
  } satisfies AdmissionWorkflowInput;
}

async function apply(input: AdmissionWorkflowInput) {
  await h.env.client.workflow.start('admissionWorkflow', {
    workflowId: input.applicationId,
    taskQueue: h.taskQueue,
    args: [input],
  });
  return until(`${input.applicationId} applied`, async () => {
    const s = await stateOf(input.applicationId);
    return s.reviewBy ? s : undefined;
  });
}

const stateOf = (id: string) =>
  h.env.client.workflow.getHandle(id).query<AdmissionState>('admissionState');

/** The command without its type, kept a union (the review's three decisions). */
type Command<T extends AdmissionCommand['type']> =
  Extract<AdmissionCommand, { type: T }> extends infer C
    ? C extends unknown
      ? Omit<C, 'type'>
      : never
    : never;
const act = async <T extends AdmissionCommand['type']>(id: string, type: T, cmd: Command<T>) =>
  settled(
    h,
    id,
    await h.env.client.workflow
      .getHandle(id)
      .executeUpdate<ActionResult<AdmissionState>, [Command<T>]>(`${type}Update`, { args: [cmd] }),
    () => stateOf(id),
  );

describe('admission workflow', () => {
  it('admits an application within the review limit of 10 working days, and completes', async () => {
    const input = vaccinationReminders();
    const applied = await apply(input);
    // 10 working days span two weekends: more than 11 calendar days after the application.
    const appliedAt = eventsOf(h, input.applicationId)[0]!.occurredAt;
    const days = (Date.parse(applied.reviewBy!) - Date.parse(appliedAt)) / 86_400_000;
    expect(days).toBeGreaterThan(11);
    expect(days).toBeLessThan(25);
    expect(applied.findings).toEqual([]);

    const admitted = await act(input.applicationId, 'review', {
      actor: office,
      decision: 'admit',
      note: '同意准入，纳入协助行政事务清单',
    });
    expect(admitted).toMatchObject({
      status: 'admitted',
      entryCode: `ZR-${input.applicationId.slice(3)}`,
    });
    await untilCompleted(h, input.applicationId);
    expect(typesOf(h, input.applicationId)).toEqual(['AdmissionApplied', 'AdmissionAdmitted']);
    for (const e of eventsOf(h, input.applicationId)) expect(validateEvent(e).ok).toBe(true);
  });

  it('pre-checks against the published list: a task already on it is pointed out to the office', async () => {
    const input = vaccinationReminders({
      taskName: '独居老人定期上门探访',
      matchesEntryCode: 'ZR-006',
    });
    const applied = await apply(input);
    expect(applied.findings.map((f) => f.kind)).toEqual(['already_listed']);
  });

  it('returns for more information; the resubmission is pre-checked again and then refused with reasons', async () => {
    const input = vaccinationReminders({ funding: '待定' });
    const applied = await apply(input);
    expect(applied.findings.map((f) => f.kind)).toEqual(['missing_funding']);
    const returned = await act(input.applicationId, 'review', {
      actor: office,
      decision: 'return',
      missing: ['funding'],
      note: '请写明经费来源',
    });
    expect(returned).toMatchObject({ status: 'returned', returnCount: 1 });
    expect(Date.parse(returned.resubmitBy!)).toBeGreaterThan(Date.parse(applied.reviewBy!));

    expect(
      await refusal(
        act(input.applicationId, 'review', { actor: office, decision: 'admit', note: '同意' }),
      ),
    ).toMatch(/不在审核中/);
    const resubmitted = await act(input.applicationId, 'resubmit', {
      actor: wjw,
      application: { ...input.application, funding: '区财政专项，每社区每年2万元' },
    });
    expect(resubmitted).toMatchObject({ status: 'under_review', findings: [] });
    const refused = await act(input.applicationId, 'review', {
      actor: office,
      decision: 'refuse',
      reasons: ['department_duty'],
      note: '入户提醒属卫健部门自身职责，由社区卫生服务中心承担',
    });
    expect(refused.status).toBe('refused');
    await untilCompleted(h, input.applicationId);
    expect(typesOf(h, input.applicationId)).toEqual([
      'AdmissionApplied',
      'AdmissionReturned',
      'AdmissionResubmitted',
      'AdmissionRefused',
    ]);
  });

  it('records a missed review limit once (督办), and still takes the decision afterwards', async () => {
    const input = vaccinationReminders();
    const applied = await apply(input);
    await sleepUntil(h, applied.reviewBy!);
    await until('review overdue', () =>
      typesOf(h, input.applicationId).includes('AdmissionReviewOverdue') ? true : undefined,
    );
    expect((await stateOf(input.applicationId)).reviewOverdue).toBe(true);
    await act(input.applicationId, 'review', { actor: office, decision: 'admit', note: '同意' });
    await untilCompleted(h, input.applicationId);
    expect(typesOf(h, input.applicationId)).toEqual([
      'AdmissionApplied',
      'AdmissionReviewOverdue',
      'AdmissionAdmitted',
    ]);
  });

  it('lets a returned application lapse when the department does not resubmit in time', async () => {
    const input = vaccinationReminders();
    await apply(input);
    const returned = await act(input.applicationId, 'review', {
      actor: office,
      decision: 'return',
      missing: ['resources'],
      note: '请说明人员保障',
    });
    await sleepUntil(h, returned.resubmitBy!);
    await untilCompleted(h, input.applicationId);
    expect(typesOf(h, input.applicationId)).toEqual([
      'AdmissionApplied',
      'AdmissionReturned',
      'AdmissionLapsed',
    ]);
  });

  it('lets only the applying department withdraw, and refuses the office a self-approval by a unit', async () => {
    const input = vaccinationReminders();
    await apply(input);
    expect(
      await refusal(
        act(input.applicationId, 'withdraw', {
          actor: { kind: 'unit', unitId: 'CGW', userId: 'cgw' },
          note: '撤回',
        }),
      ),
    ).toMatch(/申请部门/);
    expect(
      await refusal(
        act(input.applicationId, 'review', { actor: wjw, decision: 'admit', note: '自批' }),
      ),
    ).toMatch(/审核机构/);
    const withdrawn = await act(input.applicationId, 'withdraw', { actor: wjw, note: '任务取消' });
    expect(withdrawn.status).toBe('withdrawn');
    await untilCompleted(h, input.applicationId);
  });
});
