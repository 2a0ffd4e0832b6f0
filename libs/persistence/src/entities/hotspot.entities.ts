import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An accepted order that can make a hotspot: it has a matter type and a community. */
@Entity({ name: 'hotspot_order' })
export class HotspotOrderEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ name: 'matter_type_code', type: 'text' })
  matterTypeCode!: string;

  @Column({ name: 'community_id', type: 'text' })
  communityId!: string;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** The Beijing calendar day it was received, YYYY-MM-DD. */
  @Column({ name: 'received_day', type: 'date' })
  receivedDay!: string;

  /** Passed the filter (first dispatched): only accepted orders count. */
  @Column({ type: 'boolean' })
  accepted!: boolean;
}

/** Read model: a hotspot window (未诉先办) — matter type × community × the window's last day. */
@Entity({ name: 'hotspot' })
export class HotspotEntity {
  @PrimaryColumn({ name: 'hotspot_id', type: 'text' })
  hotspotId!: string;

  @Column({ name: 'matter_type_code', type: 'text' })
  matterTypeCode!: string;

  @Column({ name: 'community_id', type: 'text' })
  communityId!: string;

  @Column({ name: 'street_id', type: 'text', nullable: true })
  streetId!: string | null;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ name: 'order_count', type: 'integer' })
  orderCount!: number;

  @Column({ name: 'order_ids', type: 'text', array: true })
  orderIds!: string[];
}

/** HotspotDetected events waiting to be published; survives rebuilds (not a read model). */
@Entity({ name: 'hotspot_outbox' })
export class HotspotOutboxEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'hotspot_id', type: 'text' })
  hotspotId!: string;

  @Column({ type: 'jsonb' })
  event!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
