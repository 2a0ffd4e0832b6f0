import { type ReferenceData } from '@hotline/domain';
import { MatterMonthCountEntity } from '@hotline/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { DATA_SOURCE, REFERENCE_DATA } from '../../tokens';
import { type MatterCount, proposeMonthlyTopics } from './propose-topics';

const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** Candidate monthly topics (每月一题) from the matter counts of this month and the one before. */
@Injectable()
export class MonthlyTopicsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  async propose(month: string, street: string | undefined, perCriterion: number) {
    const load = async (m: string): Promise<MatterCount[]> =>
      (
        await this.db
          .getRepository(MatterMonthCountEntity)
          .findBy(street ? { month: m, streetId: street } : { month: m })
      ).map(({ matterTypeCode, streetId, orders }) => ({ matterTypeCode, streetId, orders }));
    const [current, previous] = await Promise.all([load(month), load(previousMonth(month))]);
    const candidates = proposeMonthlyTopics(current, previous, {
      perCriterion,
      minOrdersForGrowth: 5,
    });
    return {
      month,
      comparedWith: previousMonth(month),
      orders: current.reduce((n, r) => n + r.orders, 0),
      candidates: candidates.map((c) => ({
        ...c,
        matterName: this.ref.index.matterTypes.get(c.matterTypeCode)?.name ?? null,
      })),
    };
  }
}
