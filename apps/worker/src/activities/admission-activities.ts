import {
  type AdmissionApplication,
  type AdmissionList,
  type AdmissionPolicy,
  applyLimit,
  DEFAULT_ADMISSION_POLICY,
  precheckApplication,
  type ReferenceData,
  WorkingCalendar,
} from '@hotline/domain';
import type {
  AdmissionActivities,
  AdmissionFindingResult,
  AdmissionLimitRequest,
  AdmissionLimitResult,
  EventActivities,
} from '@hotline/workflows';

/**
 * The lookups of the duty-admission workflow (准入), answered by libs/domain: the policy, the
 * limits on the working calendar (审核 10 working days, 补正 15 by default), and the pre-check
 * against the published list (准入事项清单). Activities, so the answers are in the history.
 */
export function createAdmissionActivities(
  ref: ReferenceData,
  list: () => AdmissionList,
  events: EventActivities,
  policy: AdmissionPolicy = DEFAULT_ADMISSION_POLICY,
): AdmissionActivities {
  const calendar = WorkingCalendar.fromReference(ref);
  return {
    ...events,

    async admissionPolicy() {
      return { maxReturns: policy.maxReturns };
    },

    async admissionLimit(request: AdmissionLimitRequest): Promise<AdmissionLimitResult> {
      const limit = request.phase === 'review' ? policy.review : policy.resubmit;
      const tracked = calendar.track((c) => applyLimit(new Date(request.from), limit, c));
      return {
        deadline: tracked.value.toISOString(),
        ...(tracked.provisional ? { provisional: true } : {}),
      };
    },

    async precheckAdmission(application: AdmissionApplication): Promise<AdmissionFindingResult[]> {
      return precheckApplication(application, list()).map((f) => ({ ...f }));
    },
  };
}
