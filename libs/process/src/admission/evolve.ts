import type { AdmissionEvent } from '@hotline/contracts';
import type { AdmissionState, AdmissionWorkflowInput } from './model';

export function initialState(
  input: AdmissionWorkflowInput,
  policy: { maxReturns: number } = { maxReturns: 2 },
): AdmissionState {
  return {
    applicationId: input.applicationId,
    status: 'under_review',
    application: input.application,
    findings: [],
    reviewOverdue: false,
    returnCount: 0,
    maxReturns: policy.maxReturns,
    firedTimers: [],
    timeline: [],
  };
}

/** The state after an event: the only place the admission's state changes. */
export function evolve(state: AdmissionState, event: AdmissionEvent, now: number): AdmissionState {
  const at = new Date(now).toISOString();
  switch (event.type) {
    case 'AdmissionApplied': {
      const { applicationId: _id, appliedBy, findings, reviewBy, ...application } = event.payload;
      return { ...state, application, appliedBy, findings, reviewBy, status: 'under_review' };
    }
    case 'AdmissionReturned':
      return {
        ...state,
        status: 'returned',
        returnCount: event.payload.returnCount,
        resubmitBy: event.payload.resubmitBy,
      };
    case 'AdmissionResubmitted': {
      const { resubmittedBy: _by, findings, reviewBy, ...application } = event.payload;
      return {
        ...state,
        status: 'under_review',
        application,
        findings,
        reviewBy,
        reviewOverdue: false,
        resubmitBy: undefined,
      };
    }
    case 'AdmissionAdmitted':
      return { ...state, status: 'admitted', entryCode: event.payload.entryCode, decidedAt: at };
    case 'AdmissionRefused':
      return { ...state, status: 'refused', decidedAt: at };
    case 'AdmissionWithdrawn':
      return { ...state, status: 'withdrawn', decidedAt: at };
    case 'AdmissionReviewOverdue':
      return { ...state, reviewOverdue: true };
    case 'AdmissionLapsed':
      return { ...state, status: 'lapsed', decidedAt: at };
  }
}
