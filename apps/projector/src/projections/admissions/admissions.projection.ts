import { type AdmissionEvent, type EventEnvelope } from '@hotline/contracts';
import { type Projection, type ProjectionContext } from '../../runner/projection';

/**
 * `admission_application`: each duty-admission application (准入) and where it stands;
 * `admission_list_entry`: the tasks admitted through the procedure, which join the published
 * list (the API serves both together, versioned by the order of admission).
 */
export const admissionsProjection: Projection = {
  name: 'admissions',
  aggregateTypes: ['admission'],
  async apply(envelope: EventEnvelope, { sql }: ProjectionContext) {
    const event = { type: envelope.type, payload: envelope.payload } as AdmissionEvent;
    const id = envelope.aggregateId;
    const at = envelope.occurredAt;
    const seq = envelope.sequence;
    const update = (set: string, params: unknown[]) =>
      sql.exec(
        `UPDATE admission_application SET ${set}, last_sequence = $2, updated_at = $3
          WHERE application_id = $1`,
        [id, seq, at, ...params],
      );
    switch (event.type) {
      case 'AdmissionApplied': {
        const p = event.payload;
        await sql.exec(
          `INSERT INTO admission_application (application_id, department_id, task_name, level, list,
             status, legal_basis, frequency, findings, review_by, applied_at, last_sequence, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'under_review', $6, $7, $8, $9, $10, $11, $10)`,
          [
            id,
            p.departmentId,
            p.taskName,
            p.level,
            p.list,
            p.legalBasis,
            p.frequency,
            JSON.stringify(p.findings),
            p.reviewBy,
            at,
            seq,
          ],
        );
        return;
      }
      case 'AdmissionReturned':
        await update(`status = 'returned', return_count = $4, resubmit_by = $5`, [
          event.payload.returnCount,
          event.payload.resubmitBy,
        ]);
        return;
      case 'AdmissionResubmitted': {
        const p = event.payload;
        await update(
          `status = 'under_review', task_name = $4, level = $5, list = $6, legal_basis = $7,
           frequency = $8, findings = $9, review_by = $10, review_overdue = false, resubmit_by = NULL`,
          [
            p.taskName,
            p.level,
            p.list,
            p.legalBasis,
            p.frequency,
            JSON.stringify(p.findings),
            p.reviewBy,
          ],
        );
        return;
      }
      case 'AdmissionReviewOverdue':
        await update(`review_overdue = true`, []);
        return;
      case 'AdmissionAdmitted': {
        const p = event.payload;
        await update(`status = 'admitted', entry_code = $4, decided_at = $3`, [p.entryCode]);
        await sql.exec(
          `INSERT INTO admission_list_entry (entry_code, application_id, task_name, level, list,
             department_id, legal_basis, frequency, admitted_on, admitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            p.entryCode,
            id,
            p.taskName,
            p.level,
            p.list,
            p.departmentId,
            p.legalBasis,
            p.frequency,
            p.admittedOn,
            at,
          ],
        );
        return;
      }
      case 'AdmissionRefused':
        await update(`status = 'refused', refusal_reasons = $4, decided_at = $3`, [
          event.payload.reasons,
        ]);
        return;
      case 'AdmissionWithdrawn':
        await update(`status = 'withdrawn', decided_at = $3`, []);
        return;
      case 'AdmissionLapsed':
        await update(`status = 'lapsed', decided_at = $3`, []);
        return;
    }
  },
};
