import { OrderTimelineEntity, OrderViewEntity } from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { type ReferenceData } from '@hotline/domain';
import { CITY_REFERENCE_DATA, DATA_SOURCE } from '../../tokens';
import { orderOfDistrict } from '../shared/view-access';
import { iso, keysetPage } from '../shared/keyset';
import { type ListQuery, type Page, timeRange } from '../shared/list-query';

/** The order view (工单) and timeline: lists by unit, street, status, matter and time; one order. */
@Injectable()
export class OrderViewsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CITY_REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  /** The street ids of a district (older orders carry no district: their street places them). */
  districtStreets(districtId: string): string[] {
    return this.ref.streets.filter((s) => s.districtId === districtId).map((s) => s.id);
  }

  /** Whether an order row belongs to a district (三级 scoping). */
  inDistrict(order: OrderViewEntity, districtId: string): boolean {
    return order.districtId
      ? order.districtId === districtId
      : order.streetId !== null && this.districtStreets(districtId).includes(order.streetId);
  }

  async list(q: ListQuery): Promise<Page<OrderViewEntity>> {
    const qb = this.db.getRepository(OrderViewEntity).createQueryBuilder('o');
    if (q.unit)
      qb.andWhere('(o.lead_unit_id = :unit OR :unit = ANY(o.assisting_unit_ids))', {
        unit: q.unit,
      });
    if (q.street) qb.andWhere('o.street_id = :street', { street: q.street });
    if (q.district)
      qb.andWhere(orderOfDistrict('o'), {
        district: q.district,
        districtStreets: this.districtStreets(q.district),
      });
    if (q.status) qb.andWhere('o.status IN (:...status)', { status: q.status });
    if (q.matter) qb.andWhere('o.matter_type_code = :matter', { matter: q.matter });
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('o.received_at >= :from', { from });
    if (to) qb.andWhere('o.received_at < :to', { to });
    return keysetPage(
      qb,
      [
        { sql: 'o.received_at', value: (o) => iso(o.receivedAt), kind: 'instant' },
        { sql: 'o.order_id', value: (o) => o.orderId },
      ],
      'DESC',
      q,
    );
  }

  async get(orderId: string): Promise<{ order: OrderViewEntity; timeline: OrderTimelineEntity[] }> {
    const order = await this.db.getRepository(OrderViewEntity).findOneBy({ orderId });
    if (!order) throw new NotFoundException(`No order ${orderId} in the read model`);
    return { order, timeline: await this.timeline(orderId) };
  }

  timeline(orderId: string): Promise<OrderTimelineEntity[]> {
    return this.db
      .getRepository(OrderTimelineEntity)
      .find({ where: { orderId }, order: { sequence: 'ASC' } });
  }
}
