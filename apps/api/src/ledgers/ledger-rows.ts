import type { LedgerOrderRow, LedgerPeriod, LedgerWhistleRow } from '@hotline/domain';
import { OrderViewEntity, WhistleBoardEntity, WhistleDepartmentEntity } from '@hotline/persistence';
import { type DataSource } from 'typeorm';

/**
 * The rows a unit's ledger stands on, read from the read models: the orders it led or assisted
 * that were open at some moment of the period, and the whistles its street blew or it was
 * summoned to. Orders are kept by their current lead unit (a re-dispatched order counts for the
 * unit that holds it now, as the scores do).
 */
export async function ledgerOrderRows(
  db: DataSource,
  unitId: string,
  period: LedgerPeriod,
): Promise<LedgerOrderRow[]> {
  const rows = await db
    .getRepository(OrderViewEntity)
    .createQueryBuilder('o')
    .where('(o.lead_unit_id = :unit OR :unit = ANY(o.assisting_unit_ids))', { unit: unitId })
    .andWhere('COALESCE(o.dispatched_at, o.received_at) < :to', { to: period.to })
    .andWhere('(o.closed_at IS NULL OR o.closed_at >= :from)', { from: period.from })
    .orderBy('o.order_id', 'ASC')
    .getMany();
  return rows.map((o) => ({
    orderId: o.orderId,
    matterTypeCode: o.matterTypeCode,
    urgency: o.urgency,
    status: o.status,
    role: o.leadUnitId === unitId ? 'lead' : 'assisting',
    receivedAt: o.receivedAt,
    dispatchedAt: o.dispatchedAt,
    acknowledgedAt: o.acknowledgedAt,
    respondedAt: o.respondedAt,
    respondedWithinLimit: o.respondedWithinLimit,
    resolvedAt: o.resolvedAt,
    resolvedWithinLimit: o.resolvedWithinLimit,
    handleBy: o.handleBy,
    closedAt: o.closedAt,
    closure: o.closure,
    callbackAnswered: o.callbackAnswered,
    callbackSolved: o.callbackSolved,
    callbackSatisfaction: o.callbackSatisfaction,
    returnCount: o.returnCount,
    reworkRounds: o.reworkRounds,
    breaches: o.breaches,
    urgeCount: o.urgeCount,
    escalationCount: o.escalationCount,
    extensionStatus: o.extensionStatus,
    exclusionStatus: o.exclusionStatus,
  }));
}

export async function ledgerWhistleRows(
  db: DataSource,
  unitId: string,
  period: LedgerPeriod,
): Promise<LedgerWhistleRow[]> {
  const open = (alias: string) =>
    `${alias}.blown_at < :to AND (${alias}.closed_at IS NULL OR ${alias}.closed_at >= :from)`;
  const blown = await db
    .getRepository(WhistleBoardEntity)
    .createQueryBuilder('w')
    .where('(w.street_id = :unit OR w.owner_unit_id = :unit)', { unit: unitId })
    .andWhere(open('w'), { from: period.from, to: period.to })
    .getMany();
  const summoned = await db
    .getRepository(WhistleDepartmentEntity)
    .createQueryBuilder('d')
    .innerJoinAndMapOne('d.board', WhistleBoardEntity, 'w', 'w.whistle_id = d.whistle_id')
    .where('d.department_id = :unit', { unit: unitId })
    .andWhere(open('w'), { from: period.from, to: period.to })
    .getMany();
  return [
    ...blown.map((w): LedgerWhistleRow => ({
      whistleId: w.whistleId,
      role: 'blower',
      whistleType: w.whistleType,
      status: w.status,
      blownAt: w.blownAt,
      closedAt: w.closedAt,
      report: null,
      commitment: null,
      completedAt: null,
      escalated: w.escalated,
    })),
    ...summoned.map((d): LedgerWhistleRow => {
      const w = (d as WhistleDepartmentEntity & { board: WhistleBoardEntity }).board;
      return {
        whistleId: d.whistleId,
        role: 'summoned',
        whistleType: w.whistleType,
        status: w.status,
        blownAt: w.blownAt,
        closedAt: w.closedAt,
        report: d.report,
        commitment: d.commitment,
        completedAt: d.completedAt,
        escalated: w.escalated,
      };
    }),
  ];
}
