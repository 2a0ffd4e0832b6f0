import type {
  AdmissionList,
  GovernanceLedgerInput,
  LedgerAdmittedTaskRow,
  LedgerOrderRow,
  LedgerPeriod,
  LedgerProactiveTaskRow,
  LedgerWhistleRow,
  Unit,
} from '@hotline/domain';
import {
  AdmissionApplicationEntity,
  AdmissionListEntryEntity,
  OffListWorkEntity,
  OrderViewEntity,
  ProactiveTaskEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
} from '@hotline/persistence';
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

/**
 * The governance rows of a unit's ledger (准入, 未诉先办): for a street or township, the admission
 * list it works under (published entries and those admitted since) and the off-list work detected
 * for it; for a department, the admission applications it filed; for both, the proactive tasks it
 * owned that were open at some moment of the period.
 */
export async function ledgerGovernanceRows(
  db: DataSource,
  unit: Unit | undefined,
  unitId: string,
  period: LedgerPeriod,
  list: AdmissionList,
): Promise<GovernanceLedgerInput> {
  const street = unit?.kind === 'street' || unit?.kind === 'township';
  const proactiveTasks = (
    await db
      .getRepository(ProactiveTaskEntity)
      .createQueryBuilder('t')
      .where('t.owner_unit_id = :unit', { unit: unitId })
      .andWhere('t.started_at < :to', { to: period.to })
      .andWhere('(t.closed_at IS NULL OR t.closed_at >= :from)', { from: period.from })
      .orderBy('t.task_id', 'ASC')
      .getMany()
  ).map((t): LedgerProactiveTaskRow => ({
    taskId: t.taskId,
    status: t.status,
    startedAt: t.startedAt,
    plannedAt: t.plannedAt,
    completedAt: t.completedAt,
    verifiedAt: t.verifiedAt,
    sendBackCount: t.sendBackCount,
    deadlineMissed: t.deadlineMissed,
    effect: t.verdict,
  }));
  if (!street) {
    const applications = await db
      .getRepository(AdmissionApplicationEntity)
      .createQueryBuilder('a')
      .where('a.department_id = :unit', { unit: unitId })
      .andWhere('a.applied_at < :to', { to: period.to })
      .orderBy('a.application_id', 'ASC')
      .getMany();
    return {
      proactiveTasks,
      ...(applications.length
        ? {
            applications: applications.map((a) => ({
              applicationId: a.applicationId,
              status: a.status,
              appliedAt: a.appliedAt,
              decidedAt: a.decidedAt,
            })),
          }
        : {}),
    };
  }
  const admitted = await db.getRepository(AdmissionListEntryEntity).find();
  const offList = await db
    .getRepository(OffListWorkEntity)
    .createQueryBuilder('w')
    .where('w.unit_id = :unit', { unit: unitId })
    .andWhere('w.detected_at >= :from AND w.detected_at < :to', {
      from: period.from,
      to: period.to,
    })
    .getMany();
  return {
    proactiveTasks,
    admittedTasks: [
      ...list.entries.map((e): LedgerAdmittedTaskRow => ({
        entryCode: e.code,
        taskName: e.name,
        departmentId: e.departmentId,
        source: 'published',
        admittedAt: null,
      })),
      ...admitted.map((e): LedgerAdmittedTaskRow => ({
        entryCode: e.entryCode,
        taskName: e.taskName,
        departmentId: e.departmentId,
        source: 'admitted',
        admittedAt: e.admittedAt,
      })),
    ],
    offListWork: offList.map((w) => ({
      workId: w.workId,
      workKind: w.workKind as 'order' | 'whistle' | 'proactive_task',
      reason: w.reason,
      detectedAt: w.detectedAt,
    })),
  };
}
