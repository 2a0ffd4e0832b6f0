import type { AdmissionEvent } from '@hotline/contracts';
import { DEFAULT_ADMISSION_POLICY, sampleAdmissionApplication } from '@hotline/domain';
import { deciderSpec } from '../testing/decider-spec';
import {
  type AdmissionActor,
  type AdmissionCommand,
  type AdmissionDecisionContext,
  type AdmissionState,
  type AdmissionWorkflowInput,
  decide,
  decideApplication,
  evolve,
  fireTimer,
  initialState,
  isFinished,
  needsFor,
  pendingTimers,
  validate,
} from './index';

/** Duty admission (准入) without Temporal: Given events, When an action or a deadline, Then events. */

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const application = sampleAdmissionApplication();
const input: AdmissionWorkflowInput = {
  applicationId: 'ZS-20261123-0001',
  application,
  appliedBy: { kind: 'unit', unitId: 'WJW', userId: 'wjw-clerk' },
};
const office: AdmissionActor = { kind: 'supervisor', userId: 'office-reviewer' };
const department: AdmissionActor = { kind: 'unit', unitId: 'WJW', userId: 'wjw-clerk' };
const otherDepartment: AdmissionActor = { kind: 'unit', unitId: 'CGW', userId: 'cgw-clerk' };

const applied = decideApplication(input, { now: T0, reviewBy: at(14), findings: [] })[0]!;
const returned: AdmissionEvent = {
  type: 'AdmissionReturned',
  payload: {
    missing: ['funding'],
    note: '请说明经费来源',
    decidedBy: 'office-reviewer',
    returnCount: 1,
    resubmitBy: at(21),
  },
};

const spec = deciderSpec<
  AdmissionState,
  AdmissionCommand,
  AdmissionEvent,
  AdmissionDecisionContext
>(
  {
    initialState: () => initialState(input, DEFAULT_ADMISSION_POLICY),
    evolve,
    validate,
    decide,
  },
  T0 + DAY,
);

describe('admission: the application', () => {
  it('records the application with its pre-check and the office’s review limit', () => {
    expect(applied).toEqual({
      type: 'AdmissionApplied',
      payload: expect.objectContaining({
        applicationId: 'ZS-20261123-0001',
        departmentId: 'WJW',
        taskName: '适龄儿童疫苗接种入户提醒',
        appliedBy: 'WJW/wjw-clerk',
        findings: [],
        reviewBy: at(14),
      }),
    });
    expect(spec.given(applied).state()).toMatchObject({ status: 'under_review', reviewBy: at(14) });
  });
});

describe('admission: the office reviews', () => {
  it('admits: the task joins the list under a code of its own, on the Beijing day of the decision', () => {
    spec
      .given(applied)
      .when({ type: 'review', actor: office, decision: 'admit', note: '同意准入' })
      .then([
        {
          type: 'AdmissionAdmitted',
          payload: {
            entryCode: 'ZR-20261123-0001',
            taskName: '适龄儿童疫苗接种入户提醒',
            level: 'community',
            list: 'assisting',
            departmentId: 'WJW',
            legalBasis: '《疫苗管理法》第四十七条',
            frequency: '每月',
            admittedOn: '2026-11-24',
            note: '同意准入',
            decidedBy: 'office-reviewer',
          },
        },
      ]);
  });

  it('refuses with reasons', () => {
    spec
      .given(applied)
      .when({
        type: 'review',
        actor: office,
        decision: 'refuse',
        reasons: ['department_duty'],
        note: '属卫健部门自身职责',
      })
      .thenTypes('AdmissionRefused');
  });

  it('returns for more information, with the resubmission limit looked up', () => {
    const cmd: AdmissionCommand = {
      type: 'review',
      actor: office,
      decision: 'return',
      missing: ['funding'],
      note: '请说明经费来源',
    };
    expect(needsFor(spec.given(applied).state(), cmd)).toEqual({ resubmitLimit: true });
    spec
      .given(applied)
      .when(cmd, { resubmitBy: at(21) })
      .then([returned]);
  });

  it('refuses to admit a task without a legal basis', () => {
    const noBasis = decideApplication(
      { ...input, application: { ...application, legalBasis: '无' } },
      { now: T0, reviewBy: at(14), findings: [] },
    )[0]!;
    spec
      .given(noBasis)
      .when({ type: 'review', actor: office, decision: 'admit', note: '同意' })
      .thenRefused('invalid', /法定依据/);
  });

  it('lets only the office review, and only while under review', () => {
    spec
      .given(applied)
      .when({ type: 'review', actor: department, decision: 'admit', note: '自批' })
      .thenRefused('forbidden');
    spec
      .given(applied, returned)
      .when({ type: 'review', actor: office, decision: 'admit', note: '同意' })
      .thenRefused('wrong_state', /不在审核中/);
  });

  it('refuses a refusal without reasons and a return without what is missing', () => {
    spec
      .given(applied)
      .when({ type: 'review', actor: office, decision: 'refuse', reasons: [], note: '不同意' })
      .thenRefused('invalid', /理由/);
    spec
      .given(applied)
      .when({ type: 'review', actor: office, decision: 'return', missing: [], note: '补充' })
      .thenRefused('invalid', /补充/);
  });

  it('stops returning after the policy’s maximum: the office must decide', () => {
    const resubmitted: AdmissionEvent = {
      type: 'AdmissionResubmitted',
      payload: { ...application, resubmittedBy: 'WJW/wjw-clerk', findings: [], reviewBy: at(30) },
    };
    const second: AdmissionEvent = {
      ...returned,
      payload: { ...returned.payload, returnCount: 2 },
    } as AdmissionEvent;
    spec
      .given(applied, returned, resubmitted, second, resubmitted)
      .when({
        type: 'review',
        actor: office,
        decision: 'return',
        missing: ['funding'],
        note: '再补',
      })
      .thenRefused('invalid', /不能再退回/);
  });
});

describe('admission: the department resubmits or withdraws', () => {
  const resubmit: AdmissionCommand = {
    type: 'resubmit',
    actor: department,
    application: { ...application, funding: '区财政专项，每社区每年2万元' },
  };

  it('resubmits a returned application: pre-checked again, with a new review limit', () => {
    expect(needsFor(spec.given(applied, returned).state(), resubmit)).toEqual({
      reviewLimit: true,
      precheck: resubmit.application,
    });
    spec
      .given(applied, returned)
      .when(resubmit, { reviewBy: at(35), findings: [] })
      .then([
        {
          type: 'AdmissionResubmitted',
          payload: {
            ...application,
            funding: '区财政专项，每社区每年2万元',
            resubmittedBy: 'WJW/wjw-clerk',
            findings: [],
            reviewBy: at(35),
          },
        },
      ]);
    const state = spec
      .given(applied, returned, {
        type: 'AdmissionResubmitted',
        payload: { ...application, resubmittedBy: 'x', findings: [], reviewBy: at(35) },
      })
      .state();
    expect(state).toMatchObject({ status: 'under_review', reviewBy: at(35), returnCount: 1 });
    expect(state.resubmitBy).toBeUndefined();
  });

  it('refuses a resubmission by another department, of an application not returned, or that changes the applicant', () => {
    spec
      .given(applied, returned)
      .when({ ...resubmit, actor: otherDepartment })
      .thenRefused('forbidden');
    spec
      .given(applied)
      .when(resubmit)
      .thenRefused('wrong_state', /未被退回/);
    spec
      .given(applied, returned)
      .when({ ...resubmit, application: { ...application, departmentId: 'CGW' } })
      .thenRefused('invalid', /申请部门/);
  });

  it('withdraws while open, never after a decision', () => {
    spec
      .given(applied)
      .when({ type: 'withdraw', actor: department, note: '任务取消' })
      .then([
        { type: 'AdmissionWithdrawn', payload: { note: '任务取消', withdrawnBy: 'WJW/wjw-clerk' } },
      ]);
    spec
      .given(applied, {
        type: 'AdmissionRefused',
        payload: { reasons: ['other'], note: 'x', decidedBy: 'office-reviewer' },
      })
      .when({ type: 'withdraw', actor: department, note: '撤回' })
      .thenRefused('wrong_state', /已结束/);
    spec
      .given(applied)
      .when({ type: 'withdraw', actor: otherDepartment, note: '撤回' })
      .thenRefused('forbidden');
  });
});

describe('admission: deadlines', () => {
  it('puts a missed review limit on the record once, and waits for the decision', () => {
    const state = spec.given(applied).state();
    const [timer] = pendingTimers(state);
    expect(timer).toMatchObject({ kind: 'review_overdue', at: Date.parse(at(14)) });
    const events = fireTimer(state, timer!);
    expect(events).toEqual([{ type: 'AdmissionReviewOverdue', payload: { reviewBy: at(14) } }]);
    const after = evolve({ ...state, firedTimers: [timer!.key] }, events[0]!, Date.parse(at(14)));
    expect(after.status).toBe('under_review');
    expect(pendingTimers(after)).toEqual([]);
  });

  it('lets a returned application lapse when it is not resubmitted in time', () => {
    const state = spec.given(applied, returned).state();
    const timers = pendingTimers(state);
    expect(timers.map((t) => t.kind)).toEqual(['lapse']);
    const events = fireTimer(state, timers[0]!);
    expect(events).toEqual([{ type: 'AdmissionLapsed', payload: { resubmitBy: at(21) } }]);
    expect(isFinished(evolve(state, events[0]!, Date.parse(at(21))))).toBe(true);
  });

  it('has no timers once decided', () => {
    const admitted = spec
      .given(applied)
      .when({ type: 'review', actor: office, decision: 'admit', note: 'ok' });
    admitted.then((events) => {
      const state = events.reduce((s, e) => evolve(s, e, T0), spec.given(applied).state());
      expect(state.status).toBe('admitted');
      expect(pendingTimers(state)).toEqual([]);
      expect(isFinished(state)).toBe(true);
    });
  });
});
