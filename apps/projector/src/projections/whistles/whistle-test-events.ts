import {
  type CommitmentMadeV1,
  type DepartmentCompletedV1,
  type DepartmentEscalatedV1,
  type DepartmentReportedV1,
  type EventEnvelope,
  type ReportDeadlineMissedV1,
  type WhistleBlownV1,
  type WhistleClosedV1,
  type WhistleEvaluatedV1,
  type WhistleParticipationV1,
  type WhistleRefusedV1,
  type WhistleVerifiedV1,
} from '@hotline/contracts';

/**
 * Whistle events shaped as libs/contracts' whistle-events.ts v1 has them, for the tests of the
 * whistle read models: one whistle of 星湖街道 summoning 城管执法 (CGZF) and 住建委 (ZJW).
 */
export class WhistleStory {
  private sequence = 0;

  constructor(
    readonly whistleId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private next(type: string, payload: object, at = this.clock()): EventEnvelope {
    this.sequence += 1;
    return {
      eventId: `${this.whistleId}-${this.sequence}`,
      aggregateType: 'whistle',
      aggregateId: this.whistleId,
      sequence: this.sequence,
      type,
      schemaVersion: 1,
      occurredAt: at.toISOString(),
      payload: payload as Record<string, unknown>,
    };
  }

  private later = (hours: number) =>
    new Date(this.clock().getTime() + hours * 3_600_000).toISOString();

  blown(summonedUnitIds = ['CGZF', 'ZJW']) {
    return this.next('WhistleBlown', {
      whistleId: this.whistleId,
      level: 'street',
      whistleType: 'routine',
      streetId: 'XHJD',
      ownerUnitId: 'XHJD',
      matterTypeCode: 'CG-010',
      title: '星湖东里违建拆除',
      description: '小区内违章建筑占用消防通道',
      place: { address: '星湖东里5号楼', communityId: 'XHJD-01' },
      summonedUnitIds,
      linkedOrderIds: ['HL20261123-0000042'],
      scope: '在吹哨清单内，各部门均有职责',
      blownAt: this.clock().toISOString(),
      reportBy: this.later(24),
      reportEscalateAt: this.later(25),
    } satisfies WhistleBlownV1);
  }

  refused() {
    return this.next('WhistleRefused', {
      whistleId: this.whistleId,
      level: 'street',
      whistleType: 'routine',
      streetId: 'XHJD',
      matterTypeCode: 'CG-003',
      summonedUnitIds: ['SWJ'],
      linkedOrderIds: [],
      refusals: [{ code: 'not_on_whistle_list', unitId: null, explanation: '不在吹哨清单内' }],
    } satisfies WhistleRefusedV1);
  }

  reported(
    departmentId: string,
    withinLimit = true,
    mode: DepartmentReportedV1['mode'] = 'on_site',
  ) {
    return this.next('DepartmentReported', {
      departmentId,
      representative: '执法队副队长',
      mode,
      reportedAt: this.clock().toISOString(),
      withinLimit,
      commitBy: this.later(48),
      commitEscalateAt: this.later(49),
    } satisfies DepartmentReportedV1);
  }

  reportMissed(departmentId: string) {
    return this.next('ReportDeadlineMissed', {
      departmentId,
      deadline: this.clock().toISOString(),
      escalateAt: this.later(1),
    } satisfies ReportDeadlineMissedV1);
  }

  escalatedDepartment(departmentId: string) {
    return this.next('DepartmentEscalated', {
      departmentId,
      kind: 'report',
      note: '未按时报到，已督办',
      automatic: true,
    } satisfies DepartmentEscalatedV1);
  }

  committed(departmentId: string) {
    return this.next('CommitmentMade', {
      departmentId,
      measures: '三日内拆除',
      dueBy: this.later(72),
      withinLimit: true,
      escalateAt: this.later(73),
    } satisfies CommitmentMadeV1);
  }

  completed(departmentId: string) {
    return this.next('DepartmentCompleted', {
      departmentId,
      summary: '已拆除',
      withinCommitment: true,
    } satisfies DepartmentCompletedV1);
  }

  verified(departmentId: string, passed = true) {
    return this.next('WhistleVerified', {
      departmentId,
      passed,
      note: passed ? '核查通过' : '未拆除干净',
      ...(passed ? {} : { redoBy: this.later(24), escalateAt: this.later(25) }),
    } satisfies WhistleVerifiedV1);
  }

  closed(
    participations: Pick<WhistleParticipationV1, 'departmentId' | 'report' | 'commitment'>[] &
      Partial<WhistleParticipationV1>[],
    outcome: WhistleClosedV1['outcome'] = 'solved',
  ) {
    return this.next('WhistleClosed', {
      outcome,
      summary: '问题已解决',
      participations: participations.map((p) => ({
        completed: p.commitment === 'made',
        verified: p.commitment === 'made',
        misses: p.report === 'missed' ? ['report' as const] : [],
        counted: true,
        ...p,
      })),
      evaluationBy: this.later(72),
    } satisfies WhistleClosedV1);
  }

  evaluated(departmentId: string, timeliness: number, commitment: number, result: number) {
    return this.next('WhistleEvaluated', {
      departmentId,
      timeliness,
      commitment,
      result,
      comment: '',
    } satisfies WhistleEvaluatedV1);
  }
}
