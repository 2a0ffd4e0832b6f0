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
import {
  type BatchContext,
  type Projection,
  type ProjectionContext,
} from '../../runner/projection';

const ROWS = 'off-list-work:rows';

/**
 * `off_list_work` (清单外事项, 准入): work a street was made to do off its lists, detected when it
 * is dispatched. A proactive task carries its check in its start event (taken by the workflow); an
 * order's dispatch (rules, the centre's manual dispatch, arbitration) and a whistle's summons are
 * checked here against the duty list with libs/domain `checkDutyAdmission` — the order and whistle
 * workflows stay as they are, and their recorded histories replay unchanged. The batch's rows go
 * in with one statement.
 */
export function offListWorkProjection(ref: ReferenceData, list: () => AdmissionList): Projection {
  /** Notes the row for the batch's one statement; the first detection of a (unit, work) stays. */
  const record = (
    batch: Map<string, unknown>,
    row: { unitId: string; kind: string; workId: string; matter: string | null },
    check: { onList: boolean; reason: string; explanation: string },
    at: string,
  ) => {
    if (check.onList) return;
    let rows = batch.get(ROWS) as Map<string, object> | undefined;
    if (!rows) batch.set(ROWS, (rows = new Map()));
    const key = `${row.unitId}\u0000${row.kind}\u0000${row.workId}`;
    if (rows.has(key)) return;
    rows.set(key, {
      unit_id: row.unitId,
      work_kind: row.kind,
      work_id: row.workId,
      matter_type_code: row.matter,
      reason: check.reason,
      explanation: check.explanation,
      detected_at: at,
    });
  };
  const check = (unitId: string, role: DutyRole, matter: string | null | undefined) =>
    checkDutyAdmission({ unitId, role, matterTypeCode: matter ?? null }, ref, list());

  return {
    name: 'off-list-work',
    aggregateTypes: ['order', 'whistle', 'proactive_task'],
    async apply(envelope: EventEnvelope, { batch }: ProjectionContext) {
      const at = envelope.occurredAt;
      const workId = envelope.aggregateId;
      switch (envelope.type) {
        case 'OrderDispatched': {
          const p = envelope.payload as OrderDispatchedV1;
          const matter = p.matterTypeCode ?? null;
          record(
            batch,
            { unitId: p.leadUnitId, kind: 'order', workId, matter },
            check(p.leadUnitId, 'lead', matter),
            at,
          );
          for (const unitId of p.assistingUnitIds)
            record(
              batch,
              { unitId, kind: 'order', workId, matter },
              check(unitId, 'assisting', matter),
              at,
            );
          return;
        }
        case 'WhistleBlown': {
          const p = envelope.payload as WhistleBlownV1;
          for (const unitId of p.summonedUnitIds)
            record(
              batch,
              { unitId, kind: 'whistle', workId, matter: p.matterTypeCode },
              check(unitId, 'lead', p.matterTypeCode),
              at,
            );
          return;
        }
        case 'ProactiveTaskStarted': {
          const p = envelope.payload as ProactiveTaskStartedV1;
          record(
            batch,
            { unitId: p.ownerUnitId, kind: 'proactive_task', workId, matter: p.matterTypeCode },
            p.admission,
            at,
          );
          return;
        }
      }
    },
    async flush({ sql, batch }: BatchContext) {
      const rows = batch.get(ROWS) as Map<string, object> | undefined;
      if (!rows?.size) return;
      await sql.exec(
        `INSERT INTO off_list_work (unit_id, work_kind, work_id, matter_type_code, reason,
           explanation, detected_at)
         SELECT unit_id, work_kind, work_id, matter_type_code, reason, explanation, detected_at
           FROM json_populate_recordset(NULL::off_list_work, $1::json)
         ON CONFLICT (unit_id, work_kind, work_id) DO NOTHING`,
        [JSON.stringify([...rows.values()])],
      );
    },
  };
}
