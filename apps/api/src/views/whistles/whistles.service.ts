import {
  DepartmentEvaluationEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
} from '@hotline/persistence';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../tokens';
import { iso, keysetPage } from '../shared/keyset';
import { type Page, timeRange } from '../shared/list-query';
import { type EvaluationsQuery, type WhistlesQuery } from './whistles-query';

/** A whistle a unit may read: its street's (or one it owns), or one it is summoned to. */
const WHISTLE_OF_UNIT = `(w.street_id = :scope OR w.owner_unit_id = :scope OR EXISTS (SELECT 1 FROM whistle_department sd WHERE sd.whistle_id = w.whistle_id AND sd.department_id = :scope))`;

/**
 * The whistle board (吹哨报到), each whistle's departments, and the departments' evaluations.
 * A unit (`unit` given) reads the whistles of its street and those it is summoned to, and only
 * its own evaluation; the centre's roles read all.
 */
@Injectable()
export class WhistlesService {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(q: WhistlesQuery, unit?: string): Promise<Page<WhistleBoardEntity>> {
    const qb = this.db.getRepository(WhistleBoardEntity).createQueryBuilder('w');
    if (unit) qb.andWhere(WHISTLE_OF_UNIT, { scope: unit });
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
        { sql: 'w.blown_at', value: (w) => iso(w.blownAt), kind: 'instant' },
        { sql: 'w.whistle_id', value: (w) => w.whistleId },
      ],
      'DESC',
      q,
    );
  }

  async get(whistleId: string, unit?: string) {
    const qb = this.db
      .getRepository(WhistleBoardEntity)
      .createQueryBuilder('w')
      .where('w.whistle_id = :whistleId', { whistleId });
    if (unit) qb.andWhere(WHISTLE_OF_UNIT, { scope: unit });
    const whistle = await qb.getOne();
    // Another unit's whistle is answered as absent: its existence is not the unit's to learn.
    if (!whistle) throw new NotFoundException(`No whistle ${whistleId}`);
    const departments = await this.db
      .getRepository(WhistleDepartmentEntity)
      .find({ where: { whistleId }, order: { departmentId: 'ASC' } });
    return { whistle, departments };
  }

  evaluations(q: EvaluationsQuery, unit?: string): Promise<Page<DepartmentEvaluationEntity>> {
    if (unit && q.department && q.department !== unit)
      throw new ForbiddenException(`单位 ${unit} 不能查看 ${q.department} 的考评`);
    const department = unit ?? q.department;
    const qb = this.db
      .getRepository(DepartmentEvaluationEntity)
      .createQueryBuilder('e')
      .where('e.month = :month', { month: q.month });
    if (department) qb.andWhere('e.department_id = :department', { department });
    return keysetPage(qb, [{ sql: 'e.department_id', value: (e) => e.departmentId }], 'ASC', q);
  }
}
