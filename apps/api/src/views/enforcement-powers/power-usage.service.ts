import {
  addPowerUsage,
  emptyPowerUsage,
  POWER_USAGE_COUNT_FIELDS,
  type PowerUsageCounts,
  powerUsageRates,
  type ReferenceData,
} from '@hotline/domain';
import { EnforcementPowerUsageEntity } from '@hotline/persistence';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { CITY_REFERENCE_DATA, DATA_SOURCE } from '../../tokens';

export interface PowerUsageScope {
  month: string;
  district?: string;
  street?: string;
  power?: string;
}

const countsOf = (row: EnforcementPowerUsageEntity): PowerUsageCounts =>
  Object.fromEntries(
    POWER_USAGE_COUNT_FIELDS.map((f) => [f, row[f]]),
  ) as unknown as PowerUsageCounts;

/**
 * 执法职权使用情况: the enforcement_power_usage read model for a month, one entry per power and
 * street, and each power's totals over the streets shown — counts from the projector, rates by
 * libs/domain (the monthly scores' formulas, plus on time).
 */
@Injectable()
export class PowerUsageService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CITY_REFERENCE_DATA) private readonly city: ReferenceData,
  ) {}

  async usage(q: PowerUsageScope) {
    if (q.district && !this.city.index.districts.has(q.district))
      throw new NotFoundException(`没有区“${q.district}”`);
    const qb = this.db
      .getRepository(EnforcementPowerUsageEntity)
      .createQueryBuilder('u')
      .where('u.month = :month', { month: q.month });
    if (q.district) qb.andWhere('u.district_id = :district', { district: q.district });
    if (q.street) qb.andWhere('u.street_id = :street', { street: q.street });
    if (q.power) qb.andWhere('u.power_id = :power', { power: q.power });
    const rows = await qb.orderBy('u.power_id').addOrderBy('u.street_id').getMany();
    const { policy } = this.city;
    const items = rows.map((r) => {
      const counts = countsOf(r);
      return {
        powerId: r.powerId,
        powerName: r.powerName,
        streetId: r.streetId,
        streetName: this.city.index.units.get(r.streetId)?.name ?? null,
        districtId: r.districtId,
        ...counts,
        ...powerUsageRates(counts, policy),
      };
    });
    const totals = new Map<
      string,
      { powerName: string; streets: number; counts: PowerUsageCounts }
    >();
    for (const r of rows) {
      const t = totals.get(r.powerId) ?? {
        powerName: r.powerName,
        streets: 0,
        counts: emptyPowerUsage(),
      };
      totals.set(r.powerId, {
        powerName: t.powerName,
        streets: t.streets + 1,
        counts: addPowerUsage(t.counts, countsOf(r)),
      });
    }
    return {
      month: q.month,
      items,
      powers: [...totals].map(([powerId, t]) => ({
        powerId,
        powerName: t.powerName,
        streets: t.streets,
        ...t.counts,
        ...powerUsageRates(t.counts, policy),
      })),
    };
  }
}
