import { HotspotEntity, OrderViewEntity } from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource, In } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { keysetPage } from '../shared/keyset';
import { type Page, timeRange } from '../shared/list-query';
import { type HotspotsQuery } from './hotspots-query';

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Hotspot windows (未诉先办), newest first, and one hotspot with the orders behind it. */
@Injectable()
export class HotspotsService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(q: HotspotsQuery): Promise<Page<HotspotEntity>> {
    const qb = this.db.getRepository(HotspotEntity).createQueryBuilder('h');
    if (q.street) qb.andWhere('h.street_id = :street', { street: q.street });
    if (q.community) qb.andWhere('h.community_id = :community', { community: q.community });
    if (q.matter) qb.andWhere('h.matter_type_code = :matter', { matter: q.matter });
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('h.window_end >= :from', { from: beijingDay(from) });
    if (to) qb.andWhere('h.window_end < :to', { to: beijingDay(to) });
    return keysetPage(
      qb,
      [
        { sql: 'h.window_end', value: (h) => h.windowEnd },
        { sql: 'h.hotspot_id', value: (h) => h.hotspotId },
      ],
      'DESC',
      q,
    );
  }

  async get(hotspotId: string): Promise<{ hotspot: HotspotEntity; orders: OrderViewEntity[] }> {
    const hotspot = await this.db.getRepository(HotspotEntity).findOneBy({ hotspotId });
    if (!hotspot) throw new NotFoundException(`No hotspot ${hotspotId}`);
    const orders = await this.db
      .getRepository(OrderViewEntity)
      .find({ where: { orderId: In(hotspot.orderIds) }, order: { receivedAt: 'ASC' } });
    return { hotspot, orders };
  }
}
