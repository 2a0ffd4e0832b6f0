import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence a projection applied for one aggregate: anything at or below is a repeat. */
@Entity({ name: 'projection_position' })
export class ProjectionPositionEntity {
  @PrimaryColumn({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @PrimaryColumn({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @PrimaryColumn({ type: 'text' })
  projection!: string;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  /** The position before the last event: what the runner compares with to find gaps. */
  @Column({ name: 'previous_sequence', type: 'integer' })
  previousSequence!: number;
}

/** A sequence gap a projection saw: events it never received (lost, or dead-lettered). */
@Entity({ name: 'projection_gap' })
export class ProjectionGapEntity {
  @PrimaryColumn({ type: 'text' })
  projection!: string;

  @PrimaryColumn({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @PrimaryColumn({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @PrimaryColumn({ name: 'expected_sequence', type: 'integer' })
  expectedSequence!: number;

  @Column({ name: 'received_sequence', type: 'integer' })
  receivedSequence!: number;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;
}
