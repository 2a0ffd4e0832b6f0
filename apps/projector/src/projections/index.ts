import { type ReferenceData, sampleAdmissionList } from '@hotline/domain';
import { type Projection } from '../runner/projection';
import { admissionsProjection } from './admissions/admissions.projection';
import { powerUsageProjection } from './enforcement-powers/power-usage.projection';
import { deputiesProjection } from './deputies/deputies.projection';
import { hotspotsProjection } from './hotspots/hotspots.projection';
import { monthlyTopicsProjection } from './monthly-topics/monthly-topics.projection';
import { offListWorkProjection } from './off-list-work/off-list-work.projection';
import { proactiveTasksProjection } from './proactive-tasks/proactive-tasks.projection';
import { orderTimelineProjection } from './order-timeline/order-timeline.projection';
import { orderViewProjection } from './order-view/order-view.projection';
import { slaBoardProjection } from './sla-board/sla-board.projection';
import { unitInboxProjection } from './unit-inbox/unit-inbox.projection';
import { unitScoresProjection } from './unit-scores/unit-scores.projection';
import { whistlesProjection } from './whistles/whistles.projection';

/**
 * Every read model, in the order they are applied within an event's transaction: the order view
 * first, because the inbox and the SLA board are derived from its row.
 */
export function allProjections(ref: ReferenceData): Projection[] {
  return [
    orderViewProjection,
    orderTimelineProjection,
    unitInboxProjection,
    slaBoardProjection,
    unitScoresProjection(ref),
    hotspotsProjection(ref),
    monthlyTopicsProjection,
    whistlesProjection(ref),
    admissionsProjection,
    deputiesProjection,
    proactiveTasksProjection,
    offListWorkProjection(ref, sampleAdmissionList),
    powerUsageProjection(ref),
  ];
}
