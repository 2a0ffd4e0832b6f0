import {
  ADMISSION_COMMAND_TYPES,
  AdmissionActionRefused,
  type AdmissionActivities,
  type AdmissionCommand,
  type AdmissionState,
  type AdmissionWorkflowInput,
  admission,
} from '@hotline/process';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import { proxyActivities, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import { CommandLoop, defineActions, LOOKUP_OPTIONS } from '../shared/command-loop';

const activities = proxyActivities<AdmissionActivities>(LOOKUP_OPTIONS);

const actions = defineActions<AdmissionCommand, AdmissionState>(
  'admissionState',
  ADMISSION_COMMAND_TYPES,
);
export const admissionStateQuery = actions.query;
export const admissionSignals = actions.signals;
export const admissionUpdates = actions.updates;

/**
 * One duty-admission application (准入, docs/domain.md): a district department applies to hand a
 * task to streets or communities; the district's office reviews it against the published list
 * within the review limit and admits it, refuses it, or returns it for more information; the
 * department resubmits within its limit (or the application lapses) or withdraws it. A review
 * limit that passes goes on the record (督办) once; the office still decides.
 */
export async function admissionWorkflow(input: AdmissionWorkflowInput): Promise<AdmissionState> {
  const loop = new CommandLoop(
    {
      aggregateType: 'admission',
      aggregateId: input.applicationId,
      events: activities,
      notReady: () =>
        new AdmissionActionRefused(
          'wrong_state',
          `申请 ${input.applicationId} 正在登记，请稍后再试`,
        ),
      validate: (state, cmd) => admission.validate(state, cmd),
      needsFor: admission.needsFor,
      lookUp,
      decide: admission.decide,
      evolve: admission.evolve,
      pendingTimers: admission.pendingTimers,
      fireTimer: admission.fireTimer,
      published: publishSearchAttributes,
    },
    admission.initialState(input),
  );
  loop.register(actions);

  // The application: the policy, the pre-check against the list, the office's review limit.
  const applied = new Date().toISOString();
  const policy = await activities.admissionPolicy();
  loop.state = { ...admission.initialState(input, policy), timeline: loop.state.timeline };
  const findings = await activities.precheckAdmission(input.application);
  const review = await activities.admissionLimit({ phase: 'review', from: applied });
  loop.emit(
    admission.decideApplication(input, {
      now: Date.parse(applied),
      reviewBy: review.deadline,
      findings,
    }),
  );
  upsertMemo({ summary: `${input.application.departmentId}：${input.application.taskName}` });
  loop.start();

  return loop.run({ done: admission.isFinished });

  async function lookUp(
    _state: AdmissionState,
    needs: admission.AdmissionNeeds,
    now: number | undefined,
  ): Promise<Omit<admission.AdmissionDecisionContext, 'now'>> {
    const from = new Date(now ?? Date.now()).toISOString();
    return {
      ...(needs.reviewLimit
        ? { reviewBy: (await activities.admissionLimit({ phase: 'review', from })).deadline }
        : {}),
      ...(needs.resubmitLimit
        ? { resubmitBy: (await activities.admissionLimit({ phase: 'resubmit', from })).deadline }
        : {}),
      ...(needs.precheck ? { findings: await activities.precheckAdmission(needs.precheck) } : {}),
    };
  }
}

function publishSearchAttributes(state: AdmissionState): void {
  const deadline =
    state.status === 'under_review'
      ? state.reviewBy
      : state.status === 'returned'
        ? state.resubmitBy
        : undefined;
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.LeadUnit, value: state.application.departmentId },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline) : null },
  ]);
}
