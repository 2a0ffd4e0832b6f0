import {
  type EventEnvelope,
  type OrderDispatchedV1,
  type ProactiveTaskStartedV1,
  type WhistleBlownV1,
} from '@hotline/contracts';
import {
  type AdmissionList,
  checkDutyAdmission,
  type DutyRole,
  type ReferenceData,
} from '@hotline/domain';
import { type Projection, type ProjectionContext } from '../../runner/projection';

/**
 * `off_list_work` (清单外事项, 准入): work a street was made to do off its lists, detected when it
 * is dispatched. A proactive task carries its check in its start event (taken by the workflow); an
 * order's dispatch (rules, the centre's manual dispatch, arbitration) and a whistle's summons are
 * checked here against the duty list with libs/domain `checkDutyAdmission` — the order and whistle
 * workflows stay as they are, and their recorded histories replay unchanged.
 */
export function offListWorkProjection(ref: ReferenceData, list: () => AdmissionList): Projection {
  const record = (
    sql: ProjectionContext['sql'],
    row: { unitId: string; kind: string; workId: string; matter: string | null },
    check: { onList: boolean; reason: string; explanation: string },
    at: string,
  ) =>
    check.onList
      ? Promise.resolve()
      : sql.exec(
          `INSERT INTO off_list_work (unit_id, work_kind, work_id, matter_type_code, reason,
             explanation, detected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (unit_id, work_kind, work_id) DO NOTHING`,
          [row.unitId, row.kind, row.workId, row.matter, check.reason, check.explanation, at],
        );
  const check = (unitId: string, role: DutyRole, matter: string | null | undefined) =>
    checkDutyAdmission({ unitId, role, matterTypeCode: matter ?? null }, ref, list());

  return {
    name: 'off-list-work',
    aggregateTypes: ['order', 'whistle', 'proactive_task'],
    async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
      const at = envelope.occurredAt;
      const workId = envelope.aggregateId;
      switch (envelope.type) {
        case 'OrderDispatched': {
          const p = envelope.payload as OrderDispatchedV1;
          const matter = p.matterTypeCode ?? null;
          await record(
            sql,
            { unitId: p.leadUnitId, kind: 'order', workId, matter },
            check(p.leadUnitId, 'lead', matter),
            at,
          );
          for (const unitId of p.assistingUnitIds)
            await record(
              sql,
              { unitId, kind: 'order', workId, matter },
              check(unitId, 'assisting', matter),
              at,
            );
          return;
        }
        case 'WhistleBlown': {
          const p = envelope.payload as WhistleBlownV1;
          for (const unitId of p.summonedUnitIds)
            await record(
              sql,
              { unitId, kind: 'whistle', workId, matter: p.matterTypeCode },
              check(unitId, 'lead', p.matterTypeCode),
              at,
            );
          return;
        }
        case 'ProactiveTaskStarted': {
          const p = envelope.payload as ProactiveTaskStartedV1;
          await record(
            sql,
            { unitId: p.ownerUnitId, kind: 'proactive_task', workId, matter: p.matterTypeCode },
            p.admission,
            at,
          );
          return;
        }
      }
    },
  };
}
