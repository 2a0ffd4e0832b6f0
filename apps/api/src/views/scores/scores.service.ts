import { rankUnits, type ReferenceData, type UnitMonthScore } from '@hotline/domain';
import { UnitMonthScoreEntity, UnitScoreRecordEntity } from '@hotline/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE, REFERENCE_DATA } from '../../tokens';
import { keysetPage } from '../shared/keyset';
import { type Page } from '../shared/list-query';
import { type ScoreRecordsQuery, type ScoresQuery } from './scores-query';

/** Monthly unit scores (三率, composite), the ranking in four groups, and the orders behind them. */
@Injectable()
export class ScoresService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  scores(q: ScoresQuery): Promise<Page<UnitMonthScoreEntity>> {
    const qb = this.db
      .getRepository(UnitMonthScoreEntity)
      .createQueryBuilder('s')
      .where('s.month = :month', { month: q.month });
    if (q.unit) qb.andWhere('s.unit_id = :unit', { unit: q.unit });
    if (q.group) qb.andWhere('s.ranking_group = :group', { group: q.group });
    return keysetPage(qb, [{ sql: 's.unit_id', value: (s) => s.unitId }], 'ASC', q);
  }

  /** The month's ranking by composite (ties share a rank), by libs/domain's `rankUnits`. */
  async ranking(month: string) {
    const rows = await this.db.getRepository(UnitMonthScoreEntity).findBy({ month });
    const known = rows.filter((r) => this.ref.index.units.has(r.unitId));
    const ranking = rankUnits(known.map(toDomainScore), this.ref);
    const byUnit = new Map(known.map((r) => [r.unitId, r]));
    const withRates = (units: (typeof ranking.groups)['streets']) =>
      units.map((u) => {
        const s = byUnit.get(u.unitId)!;
        return {
          ...u,
          responseRate: s.responseRate,
          resolutionRate: s.resolutionRate,
          satisfactionRate: s.satisfactionRate,
          counted: s.counted,
          excluded: s.excluded,
        };
      });
    return {
      month,
      groups: {
        streets: withRates(ranking.groups.streets),
        townships: withRates(ranking.groups.townships),
        departments: withRates(ranking.groups.departments),
        enterprises: withRates(ranking.groups.enterprises),
      },
      unranked: ranking.unranked,
    };
  }

  records(q: ScoreRecordsQuery): Promise<Page<UnitScoreRecordEntity>> {
    const qb = this.db
      .getRepository(UnitScoreRecordEntity)
      .createQueryBuilder('r')
      .where('r.month = :month', { month: q.month });
    if (q.unit) qb.andWhere('r.unit_id = :unit', { unit: q.unit });
    if (q.excluded !== undefined) qb.andWhere('r.excluded = :excluded', { excluded: q.excluded });
    return keysetPage(
      qb,
      [
        { sql: 'r.unit_id', value: (r) => r.unitId },
        { sql: 'r.order_id', value: (r) => r.orderId },
      ],
      'ASC',
      q,
    );
  }
}

function toDomainScore(r: UnitMonthScoreEntity): UnitMonthScore {
  return {
    unitId: r.unitId,
    month: r.month,
    counts: {
      closed: r.closed,
      excluded: r.excluded,
      filtered: r.filtered,
      counted: r.counted,
      respondedInTime: r.respondedInTime,
      callbacksAnswered: r.callbacksAnswered,
      noAnswer: r.noAnswer,
      solved: r.solved,
      satisfied: r.satisfied,
      basicallySatisfied: r.basicallySatisfied,
      dissatisfied: r.dissatisfied,
    },
    responseRate: r.responseRate,
    resolutionRate: r.resolutionRate,
    satisfactionRate: r.satisfactionRate,
    composite: r.composite,
  };
}
