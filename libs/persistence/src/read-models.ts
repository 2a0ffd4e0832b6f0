import { getMetadataArgsStorage } from 'typeorm';
import {
  AdmissionApplicationEntity,
  AdmissionListEntryEntity,
} from './entities/admission.entities';
import {
  EnforcementPowerOrderEntity,
  EnforcementPowerUsageEntity,
} from './entities/enforcement-power.entities';
import { DeputyItemEntity, DeputyStationRecordEntity } from './entities/deputy.entities';
import { HotspotEntity, HotspotOrderEntity } from './entities/hotspot.entities';
import { OffListWorkEntity, ProactiveTaskEntity } from './entities/proactive-task.entities';
import { MatterMonthCountEntity } from './entities/matter-month-count.entity';
import { OrderTimelineEntity } from './entities/order-timeline.entity';
import { OrderViewEntity } from './entities/order-view.entity';
import {
  ProjectionGapEntity,
  ProjectionPositionEntity,
} from './entities/projection-position.entities';
import { ProjectedEventEntity } from './entities/projected-event.entity';
import { SlaBoardEntity } from './entities/sla-board.entity';
import { UnitInboxEntity } from './entities/unit-inbox.entity';
import { UnitMonthScoreEntity, UnitScoreRecordEntity } from './entities/unit-score.entities';
import {
  DepartmentEvaluationEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
} from './entities/whistle.entities';

/** The entities of the read models (everything the projector writes, except its outbox). */
export const READ_MODEL_ENTITIES = [
  ProjectionPositionEntity,
  ProjectionGapEntity,
  ProjectedEventEntity,
  OrderViewEntity,
  OrderTimelineEntity,
  UnitInboxEntity,
  SlaBoardEntity,
  UnitScoreRecordEntity,
  UnitMonthScoreEntity,
  HotspotOrderEntity,
  HotspotEntity,
  MatterMonthCountEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
  DepartmentEvaluationEntity,
  AdmissionApplicationEntity,
  AdmissionListEntryEntity,
  DeputyItemEntity,
  DeputyStationRecordEntity,
  ProactiveTaskEntity,
  OffListWorkEntity,
  EnforcementPowerOrderEntity,
  EnforcementPowerUsageEntity,
];

/**
 * The tables a rebuild replaces, positions included: all of them are derived from the event
 * topics alone, so they can be built afresh and swapped in together.
 */
export const READ_MODEL_TABLES: readonly string[] = READ_MODEL_ENTITIES.map((entity) => {
  const table = getMetadataArgsStorage().tables.find((t) => t.target === entity);
  if (!table?.name) throw new Error(`${entity.name} has no @Entity table name`);
  return table.name;
});
