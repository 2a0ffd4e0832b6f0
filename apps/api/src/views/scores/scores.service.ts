import {
  rankCity,
  type RankingScope,
  rankUnits,
  type ReferenceData,
  type UnitMonthScore,
} from '@hotline/domain';
import { UnitMonthScoreEntity, UnitScoreRecordEntity } from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { CITY_REFERENCE_DATA, DATA_SOURCE, REFERENCE_DATA } from '../../tokens';
import { keysetPage } from '../shared/keyset';
import { type Page } from '../shared/list-query';
import { type ScoreRecordsQuery, type ScoresQuery } from './scores-query';

/** Monthly unit scores (三率, composite), the ranking in four groups, and the orders behind them. */
@Injectable()
export class ScoresService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(CITY_REFERENCE_DATA) private readonly city: ReferenceData,
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

  /**
   * Rankings at every level (libs/domain `rankCity`) from the unit_month_score read model: all
   * streets/townships of the city in their groups, district and city departments/enterprises,
   * and the districts by the summed counts of their units; or one district's units.
   */
  async cityRanking(month: string, scope: RankingScope) {
    if (scope.level === 'district' && !this.city.index.districts.has(scope.districtId))
      throw new NotFoundException(`没有区“${scope.districtId}”`);
    const rows = await this.db.getRepository(UnitMonthScoreEntity).findBy({ month });
    const known = rows.filter((r) => this.city.index.units.has(r.unitId));
    return rankCity(month, known.map(toDomainScore), this.city, scope);
  }

  /** Push-downs to streets (自上而下派回街道) recorded on orders received in the month, by district. */
  async pushDowns(month: string, district: string | undefined) {
    const rows: {
      district_id: string | null;
      orders: string;
      push_downs: string;
      flagged: string;
    }[] = await this.db.query(
      `SELECT district_id, count(*) FILTER (WHERE push_downs > 0) AS orders,
              coalesce(sum(push_downs), 0) AS push_downs, coalesce(sum(push_downs_flagged), 0) AS flagged
         FROM order_view
        WHERE to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $1
          AND push_downs > 0 AND ($2::text IS NULL OR district_id = $2)
        GROUP BY district_id ORDER BY district_id`,
      [month, district ?? null],
    );
    return {
      month,
      districts: rows.map((r) => ({
        districtId: r.district_id,
        orders: Number(r.orders),
        pushDowns: Number(r.push_downs),
        flagged: Number(r.flagged),
      })),
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
