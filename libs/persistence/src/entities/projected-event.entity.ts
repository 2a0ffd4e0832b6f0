import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The event id first seen for one aggregate's sequence number (workflow resets are told apart). */
@Entity({ name: 'projected_event' })
export class ProjectedEventEntity {
  @PrimaryColumn({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @PrimaryColumn({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;
}
