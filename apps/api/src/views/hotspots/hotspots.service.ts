import { HotspotEntity, OrderViewEntity } from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { keysetPage } from '../shared/keyset';
import { orderOfUnit } from '../shared/view-access';
import { type Page, timeRange } from '../shared/list-query';
import { type HotspotsQuery } from './hotspots-query';

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Hotspot windows (未诉先办), newest first, and one hotspot with the orders behind it. A unit
 * (`unit` given) sees the hotspots of its street and those with one of its orders, and in a
 * hotspot only its own orders: other units' complaints and addresses are not its to read.
 */
@Injectable()
export class HotspotsService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(q: HotspotsQuery, unit?: string): Promise<Page<HotspotEntity>> {
    const qb = this.db.getRepository(HotspotEntity).createQueryBuilder('h');
    if (unit) {
      qb.andWhere(
        `(h.street_id = :unit OR EXISTS (SELECT 1 FROM order_view o WHERE o.order_id = ANY(h.order_ids) AND ${orderOfUnit('o')}))`,
        { unit },
      );
    }
    if (q.street) qb.andWhere('h.street_id = :street', { street: q.street });
    if (q.community) qb.andWhere('h.community_id = :community', { community: q.community });
    if (q.matter) qb.andWhere('h.matter_type_code = :matter', { matter: q.matter });
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('h.window_end >= :from', { from: beijingDay(from) });
    if (to) qb.andWhere('h.window_end < :to', { to: beijingDay(to) });
    return keysetPage(
      qb,
      [
        { sql: 'h.window_end', value: (h) => h.windowEnd, kind: 'day' },
        { sql: 'h.hotspot_id', value: (h) => h.hotspotId },
      ],
      'DESC',
      q,
    );
  }

  async get(
    hotspotId: string,
    unit?: string,
  ): Promise<{ hotspot: HotspotEntity; orders: OrderViewEntity[] }> {
    const hotspot = await this.db.getRepository(HotspotEntity).findOneBy({ hotspotId });
    if (!hotspot) throw new NotFoundException(`No hotspot ${hotspotId}`);
    const qb = this.db
      .getRepository(OrderViewEntity)
      .createQueryBuilder('o')
      .where('o.order_id = ANY(:ids)', { ids: hotspot.orderIds })
      .orderBy('o.received_at', 'ASC');
    if (unit) qb.andWhere(orderOfUnit('o'), { unit });
    const orders = await qb.getMany();
    if (!unit) return { hotspot, orders };
    // Seen from a unit: its street's hotspot or one with its orders; only its own order ids.
    if (orders.length === 0 && hotspot.streetId !== unit)
      throw new NotFoundException(`No hotspot ${hotspotId}`);
    return { hotspot: { ...hotspot, orderIds: orders.map((o) => o.orderId) }, orders };
  }
}
