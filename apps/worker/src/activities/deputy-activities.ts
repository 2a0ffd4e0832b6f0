import {
  applyLimit,
  canHandProposalTo,
  type DeputyStations,
  type ReferenceData,
  WorkingCalendar,
} from '@hotline/domain';
import type { DeputyActivities, DeputyLimitRequest, EventActivities } from '@hotline/workflows';

/**
 * The lookups of a deputy's item (家站点), answered by libs/domain: the policy and limits of the
 * stations file on the working calendar (转办 3, 交办 15, at most 60, 评价 5, 反馈 5 working days
 * by default), and whether a unit may take a proposal from a station. Activities, so the answers
 * are in the history.
 */
export function createDeputyActivities(
  ref: ReferenceData,
  stations: () => DeputyStations,
  events: EventActivities,
): DeputyActivities {
  const calendar = WorkingCalendar.fromReference(ref);
  return {
    ...events,

    async deputyPolicy() {
      return { reminderFraction: stations().policy.reminderFraction };
    },

    async deputyLimit(request: DeputyLimitRequest) {
      const p = stations().policy;
      const limit = {
        hand_over: p.handOver,
        answer: p.answer,
        longest_answer: p.longestAnswer,
        rate: p.rate,
        report_back: p.reportBack,
      }[request.phase];
      const tracked = calendar.track((c) => applyLimit(new Date(request.from), limit, c));
      return {
        deadline: tracked.value.toISOString(),
        ...(tracked.provisional ? { provisional: true } : {}),
      };
    },

    async checkDeputyProposal({ stationId, unitId }) {
      const station = stations().stations.find((s) => s.id === stationId);
      if (!station) return { ok: false, reason: `没有编号为 ${stationId} 的代表家站点` };
      return canHandProposalTo(ref, station, unitId);
    },
  };
}
