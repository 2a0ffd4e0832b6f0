import {
  checkWhistleScope,
  districtCentreOfStreet,
  type ReferenceData,
  viewForStreet,
  whistleDepartmentEvaluation,
  whistleReportDeadline,
  WorkingCalendar,
} from '@hotline/domain';
import type {
  EventActivities,
  WhistleActivities,
  WhistleDeadlineRequest,
  WhistleDeadlineResult,
  WhistlePolicy,
  WhistlePolicyRequest,
  WhistleScopeRequest,
  WhistleScopeResult,
  WhistleScoreRequest,
  WhistleScoreResult,
} from '@hotline/workflows';

/**
 * How long the two-way evaluation (双向评价) stays open after a whistle closes, unless everyone
 * has rated sooner. A project default (*default*, domain.md sets no number): a week lets
 * residents and deputies rate the outcome after the departments have left.
 */
const EVALUATION_WINDOW_HOURS = 7 * 24;

/**
 * The lookups the whistle workflow makes, answered by libs/domain: the scope check (吹哨范围),
 * the whistle type's report limit on the working calendar, and the department scores
 * (一哨一考核). Activities, so the answers are recorded in the history and a change of reference
 * data never breaks a replay.
 *
 * A street the deployment's view (`ref`, e.g. 云川区's) does not know is answered from the whole
 * city it belongs to (`city`): 澜山区's and 禾溪区's streets summon their own district's departments
 * and escalate to their own district centre, while 云川区's streets are answered as before.
 */
export function createWhistleActivities(
  ref: ReferenceData,
  events: EventActivities,
  city: ReferenceData,
): WhistleActivities {
  const calendar = WorkingCalendar.fromReference(ref);

  return {
    ...events,

    async whistlePolicy(request?: WhistlePolicyRequest): Promise<WhistlePolicy> {
      // Older whistles ask without their street: the deployment's district, as they always got.
      const centre = request ? districtCentreOfStreet(ref, city, request.streetId) : null;
      return {
        districtUnitId: centre ?? ref.district.supervisingUnitId,
        evaluationWindowHours: EVALUATION_WINDOW_HOURS,
        rating: { ...ref.policy.whistle.rating },
        maxProgressNotes: ref.policy.notes.maxPerWhistle,
        ...(ref.policy.history ? { historyEventsPerRun: ref.policy.history.eventsPerRun } : {}),
      };
    },

    async checkWhistleScope(request: WhistleScopeRequest): Promise<WhistleScopeResult> {
      const result = checkWhistleScope(request, viewForStreet(ref, city, request.streetId) ?? ref);
      return result.ok
        ? { ok: true, explanation: result.explanation }
        : { ok: false, refusals: result.refusals.map((r) => ({ ...r })) };
    },

    async whistleDeadline(request: WhistleDeadlineRequest): Promise<WhistleDeadlineResult> {
      const d = whistleReportDeadline(
        request.whistleType,
        new Date(request.from),
        calendar,
        ref.policy,
      );
      return {
        deadline: d.reportBy.toISOString(),
        ...(d.provisional ? { provisional: true } : {}),
      };
    },

    async scoreWhistle(request: WhistleScoreRequest): Promise<WhistleScoreResult> {
      const evaluations = whistleDepartmentEvaluation(
        request.participations.map((p) => ({ whistleId: request.whistleId, ...p })),
        ref.policy,
      );
      return {
        scores: evaluations.map((e) => ({ departmentId: e.departmentId, score: e.score })),
        uniformTopMarks: raterGaveEveryoneTopMarks(request, ref),
      };
    },
  };
}

/**
 * 评价“一律优秀”: libs/domain flags three or more ratings that are all top marks. On one whistle the
 * ratings that can be all alike are the street's, one per department, so its rule is applied to
 * the street's ratings as typed (a no-show's override to the lowest marks does not hide them).
 */
function raterGaveEveryoneTopMarks(request: WhistleScoreRequest, ref: ReferenceData): boolean {
  const typed = request.participations.flatMap((p) =>
    p.rating
      ? [
          {
            whistleId: `${request.whistleId}/${p.departmentId}`,
            departmentId: request.raterUnitId,
            report: 'on_time' as const,
            commitment: 'made' as const,
            rating: p.rating,
          },
        ]
      : [],
  );
  return whistleDepartmentEvaluation(typed, ref.policy).some((e) => e.uniformTopMarks);
}
