import { type EventEnvelope, type ProactiveTaskEvent } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';

/**
 * `proactive_task`: each proactive task (未诉先办, 每月一题), its owner, deadlines on the record,
 * the centre's verification and — weeks later — the measured effect, copied from the event (the
 * counts were taken by the workflow, so a rebuild gives the same verdict).
 */
export const proactiveTasksProjection: Projection = {
  name: 'proactive-tasks',
  aggregateTypes: ['proactive_task'],
  async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
    const event = { type: envelope.type, payload: envelope.payload } as ProactiveTaskEvent;
    const id = envelope.aggregateId;
    const at = envelope.occurredAt;
    const update = (set: string, params: unknown[]) =>
      sql.exec(
        `UPDATE proactive_task SET ${set}, last_sequence = $2, updated_at = $3 WHERE task_id = $1`,
        [id, envelope.sequence, at, ...params],
      );
    switch (event.type) {
      case 'ProactiveTaskStarted': {
        const p = event.payload;
        await sql.exec(
          `INSERT INTO proactive_task (task_id, source_kind, hotspot_id, topic_month, source_order_ids,
             matter_type_code, street_id, community_id, title, owner_unit_id, status, off_list,
             admission_reason, started_at, plan_by, due_by, last_sequence, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'planning', $11, $12, $13, $14, $15, $16, $13)`,
          [
            id,
            p.source.kind,
            p.source.kind === 'hotspot' ? p.source.hotspotId : null,
            p.source.kind === 'monthly_topic' ? p.source.month : null,
            p.source.orderIds,
            p.matterTypeCode,
            p.streetId ?? null,
            p.communityId ?? null,
            p.title,
            p.ownerUnitId,
            !p.admission.onList,
            p.admission.reason,
            at,
            p.planBy,
            p.dueBy,
            envelope.sequence,
          ],
        );
        return;
      }
      case 'ProactiveTaskPlanned':
        await update(`status = 'in_progress', plan = $4, planned_at = $3`, [event.payload.plan]);
        return;
      case 'ProactiveTaskProgressReported':
        await update(`percent = $4`, [event.payload.percent]);
        return;
      case 'ProactiveTaskCompleted':
        await update(
          `status = 'verifying', percent = 100, completed_at = $3, verify_by = $4,
           verification_overdue = false`,
          [event.payload.verifyBy],
        );
        return;
      case 'ProactiveTaskSentBack':
        await update(`status = 'in_progress', send_back_count = $4, verify_by = NULL`, [
          event.payload.sendBackCount,
        ]);
        return;
      case 'ProactiveTaskVerified':
        await update(`status = 'measuring', verified_at = $3, measure_at = $4`, [
          event.payload.measureAt,
        ]);
        return;
      case 'ProactiveTaskEffectMeasured': {
        const p = event.payload;
        await update(
          `status = 'closed', closed_at = $3, before_orders = $4, after_orders = $5,
           effect_change = $6, verdict = $7, effect_explanation = $8`,
          [p.before.orders, p.after.orders, p.change, p.verdict, p.explanation],
        );
        return;
      }
      case 'ProactiveTaskPlanOverdue':
        await update(`plan_overdue = true`, []);
        return;
      case 'ProactiveTaskDeadlineMissed':
        await update(`deadline_missed = true`, []);
        return;
      case 'ProactiveTaskVerificationOverdue':
        await update(`verification_overdue = true`, []);
        return;
      case 'ProactiveTaskCancelled':
        await update(`status = 'cancelled', closed_at = $3`, []);
        return;
    }
  },
};
