import {
  DepartmentEvaluationEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
} from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { iso, keysetPage } from '../shared/keyset';
import { type Page, timeRange } from '../shared/list-query';
import { type EvaluationsQuery, type WhistlesQuery } from './whistles-query';

/** The whistle board (吹哨报到), each whistle's departments, and the departments' evaluations. */
@Injectable()
export class WhistlesService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(q: WhistlesQuery): Promise<Page<WhistleBoardEntity>> {
    const qb = this.db.getRepository(WhistleBoardEntity).createQueryBuilder('w');
    if (q.street) qb.andWhere('w.street_id = :street', { street: q.street });
    if (q.matter) qb.andWhere('w.matter_type_code = :matter', { matter: q.matter });
    if (q.status) qb.andWhere('w.status = :status', { status: q.status });
    if (q.type) qb.andWhere('w.whistle_type = :type', { type: q.type });
    if (q.unit) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM whistle_department d WHERE d.whistle_id = w.whistle_id AND d.department_id = :unit)',
        { unit: q.unit },
      );
    }
    const { from, to } = timeRange(q);
    if (from) qb.andWhere('w.blown_at >= :from', { from });
    if (to) qb.andWhere('w.blown_at < :to', { to });
    return keysetPage(
      qb,
      [
        { sql: 'w.blown_at', value: (w) => iso(w.blownAt) },
        { sql: 'w.whistle_id', value: (w) => w.whistleId },
      ],
      'DESC',
      q,
    );
  }

  async get(whistleId: string) {
    const whistle = await this.db.getRepository(WhistleBoardEntity).findOneBy({ whistleId });
    if (!whistle) throw new NotFoundException(`No whistle ${whistleId}`);
    const departments = await this.db
      .getRepository(WhistleDepartmentEntity)
      .find({ where: { whistleId }, order: { departmentId: 'ASC' } });
    return { whistle, departments };
  }

  evaluations(q: EvaluationsQuery): Promise<Page<DepartmentEvaluationEntity>> {
    const qb = this.db
      .getRepository(DepartmentEvaluationEntity)
      .createQueryBuilder('e')
      .where('e.month = :month', { month: q.month });
    if (q.department) qb.andWhere('e.department_id = :department', { department: q.department });
    return keysetPage(qb, [{ sql: 'e.department_id', value: (e) => e.departmentId }], 'ASC', q);
  }
}
