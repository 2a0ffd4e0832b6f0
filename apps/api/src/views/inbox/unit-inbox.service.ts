import { UnitInboxEntity } from '@hotline/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { iso, keysetPage } from '../shared/keyset';
import { type Page, timeRange } from '../shared/list-query';
import { type InboxQuery } from './inbox-query';

/** A unit's open orders, soonest limit first (orders without a limit last). */
@Injectable()
export class UnitInboxService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(unitId: string, q: InboxQuery): Promise<Page<UnitInboxEntity>> {
    const qb = this.db
      .getRepository(UnitInboxEntity)
      .createQueryBuilder('i')
      .where('i.unit_id = :unitId', { unitId });
    if (q.role) qb.andWhere('i.role = :role', { role: q.role });
    if (q.street) qb.andWhere('i.street_id = :street', { street: q.street });
    if (q.status) qb.andWhere('i.status IN (:...status)', { status: q.status });
    if (q.matter) qb.andWhere('i.matter_type_code = :matter', { matter: q.matter });
    if (q.nextAction) qb.andWhere('i.next_action = :nextAction', { nextAction: q.nextAction });
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('i.received_at >= :from', { from });
    if (to) qb.andWhere('i.received_at < :to', { to });
    return keysetPage(
      qb,
      [
        {
          sql: "COALESCE(i.due_at, 'infinity'::timestamptz)",
          value: (i) => iso(i.dueAt) ?? 'infinity',
          kind: 'instant',
        },
        { sql: 'i.order_id', value: (i) => i.orderId },
      ],
      'ASC',
      q,
    );
  }
}
