import { SlaBoardEntity } from '@hotline/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { iso, keysetPage } from '../shared/keyset';
import { type Page, timeRange } from '../shared/list-query';
import { type SlaBoardQuery } from './sla-board-query';

/** The centre's board of open orders: due soon, overdue, breached, escalated. */
@Injectable()
export class SlaBoardService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(q: SlaBoardQuery, now = new Date()): Promise<Page<SlaBoardEntity>> {
    const qb = this.db.getRepository(SlaBoardEntity).createQueryBuilder('s');
    if (q.unit) qb.andWhere('s.lead_unit_id = :unit', { unit: q.unit });
    if (q.street) qb.andWhere('s.street_id = :street', { street: q.street });
    if (q.status) qb.andWhere('s.status IN (:...status)', { status: q.status });
    if (q.matter) qb.andWhere('s.matter_type_code = :matter', { matter: q.matter });
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('s.received_at >= :from', { from });
    if (to) qb.andWhere('s.received_at < :to', { to });
    const orderId = { sql: 's.order_id', value: (s: SlaBoardEntity) => s.orderId };
    switch (q.view) {
      case 'due_soon':
        qb.andWhere('s.due_at >= :now AND s.due_at < :until', {
          now,
          until: new Date(now.getTime() + q.withinHours * 3_600_000),
        });
        return keysetPage(
          qb,
          [{ sql: 's.due_at', value: (s) => iso(s.dueAt), kind: 'instant' }, orderId],
          'ASC',
          q,
        );
      case 'overdue':
        qb.andWhere('s.due_at < :now', { now });
        return keysetPage(
          qb,
          [{ sql: 's.due_at', value: (s) => iso(s.dueAt), kind: 'instant' }, orderId],
          'ASC',
          q,
        );
      case 'breached':
        qb.andWhere('s.first_breached_at IS NOT NULL');
        return keysetPage(
          qb,
          [
            { sql: 's.first_breached_at', value: (s) => iso(s.firstBreachedAt), kind: 'instant' },
            orderId,
          ],
          'ASC',
          q,
        );
      case 'escalated':
        qb.andWhere('s.escalation_count > 0');
        return keysetPage(
          qb,
          [
            { sql: 's.last_escalated_at', value: (s) => iso(s.lastEscalatedAt), kind: 'instant' },
            orderId,
          ],
          'DESC',
          q,
        );
      case 'all':
        return keysetPage(
          qb,
          [
            {
              sql: "COALESCE(s.due_at, 'infinity'::timestamptz)",
              value: (s) => iso(s.dueAt) ?? 'infinity',
              kind: 'instant',
            },
            orderId,
          ],
          'ASC',
          q,
        );
    }
  }
}
