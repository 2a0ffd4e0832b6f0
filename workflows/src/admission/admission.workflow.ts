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
import {
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  CommandLoop,
  defineActions,
  LOCAL_LOOKUP_OPTIONS,
  LOOKUP_OPTIONS,
  type LoopCarry,
} from '../shared/command-loop';

const activities = proxyActivities<AdmissionActivities>(LOOKUP_OPTIONS);
/** The policy, limits and pre-check as local activities (pure reads of reference data). */
const localLookups = proxyLocalActivities<AdmissionActivities>(LOCAL_LOOKUP_OPTIONS);
const LOOKUPS_LOCAL = 'admission-lookups-local';

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
export async function admissionWorkflow(
  input: AdmissionWorkflowInput,
  carried?: LoopCarry<AdmissionState>,
): Promise<AdmissionState> {
  const lookups = patched(LOOKUPS_LOCAL) ? localLookups : activities;
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
    carried,
  );
  loop.register(actions);
  const run = () =>
    loop.run({
      done: admission.isFinished,
      continueAsNew: {
        continueWith: (carry) => continueAsNew<typeof admissionWorkflow>(input, carry),
      },
    });
  if (carried) return run();

  // The application: the policy, the pre-check against the list, the office's review limit.
  const applied = new Date().toISOString();
  const policy = await lookups.admissionPolicy();
  loop.state = { ...admission.initialState(input, policy), timeline: loop.state.timeline };
  const findings = await lookups.precheckAdmission(input.application);
  const review = await lookups.admissionLimit({ phase: 'review', from: applied });
  loop.emit(
    admission.decideApplication(input, {
      now: Date.parse(applied),
      reviewBy: review.deadline,
      findings,
    }),
  );
  upsertMemo({ summary: `${input.application.departmentId}：${input.application.taskName}` });
  loop.start();

  return run();

  async function lookUp(
    _state: AdmissionState,
    needs: admission.AdmissionNeeds,
    now: number | undefined,
  ): Promise<Omit<admission.AdmissionDecisionContext, 'now'>> {
    const from = new Date(now ?? Date.now()).toISOString();
    return {
      ...(needs.reviewLimit
        ? { reviewBy: (await lookups.admissionLimit({ phase: 'review', from })).deadline }
        : {}),
      ...(needs.resubmitLimit
        ? { resubmitBy: (await lookups.admissionLimit({ phase: 'resubmit', from })).deadline }
        : {}),
      ...(needs.precheck ? { findings: await lookups.precheckAdmission(needs.precheck) } : {}),
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
