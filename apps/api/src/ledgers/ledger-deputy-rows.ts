import type { LedgerDeputyItemRow, LedgerPeriod } from '@hotline/domain';
import { DeputyItemEntity } from '@hotline/persistence';
import { type DataSource } from 'typeorm';

/**
 * The deputies' items a unit answers (家站点): handed to it as proposals, or answered by it as
 * orders, open at some moment of the period (libs/domain `deputyLedgerSection` counts them).
 */
export async function ledgerDeputyItemRows(
  db: DataSource,
  unitId: string,
  period: LedgerPeriod,
): Promise<LedgerDeputyItemRow[]> {
  const rows = await db
    .getRepository(DeputyItemEntity)
    .createQueryBuilder('i')
    .where('i.unit_id = :unit', { unit: unitId })
    .andWhere('i.handed_over_at < :to', { to: period.to })
    .andWhere('(i.answered_at IS NULL OR i.answered_at >= :from)', { from: period.from })
    .orderBy('i.item_id', 'ASC')
    .getMany();
  return rows.map((i) => ({
    itemId: i.itemId,
    route: i.route === 'order' ? 'order' : 'proposal',
    handedOverAt: i.handedOverAt,
    answeredAt: i.answeredAt,
    answeredOnTime: i.answeredOnTime,
    rating: i.rating,
    overduePhases: i.overduePhases,
  }));
}
