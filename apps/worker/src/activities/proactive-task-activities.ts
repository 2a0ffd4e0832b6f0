import {
  type AdmissionEntry,
  type AdmissionList,
  applyLimit,
  checkDutyAdmission,
  type ComplaintRow,
  complaintsIn,
  DEFAULT_PROACTIVE_TASK_POLICY,
  type ProactiveTaskPolicy,
  type ProactiveTaskScope,
  type ReferenceData,
  WorkingCalendar,
} from '@hotline/domain';
import type { EventActivities, ProactiveTaskActivities } from '@hotline/workflows';
import { Pool } from 'pg';

/**
 * Where the proactive-task workflow reads from outside its own history: the complaints of a matter
 * and place in a span (the hotspot read model's accepted orders), and the tasks admitted to the
 * list through the procedure (准入), beside the published list.
 */
export interface GovernanceReadModels {
  complaints(scope: ProactiveTaskScope, from: Date, to: Date): Promise<string[]>;
  admittedEntries(): Promise<AdmissionEntry[]>;
  close(): Promise<void>;
}

/** The read models in PostgreSQL, connected on first use (the worker starts without them). */
export function postgresGovernanceReadModels(url: string): GovernanceReadModels {
  let pool: Pool | undefined;
  const db = () => (pool ??= new Pool({ connectionString: url, max: 2 }));
  return {
    async complaints(scope, from, to) {
      const { rows } = await db().query<{ order_id: string }>(
        `SELECT order_id FROM hotspot_order
          WHERE accepted AND matter_type_code = $1
            AND ($2::text IS NULL OR street_id = $2)
            AND ($3::text IS NULL OR community_id = $3)
            AND received_at >= $4 AND received_at < $5
          ORDER BY order_id`,
        [scope.matterTypeCode, scope.streetId ?? null, scope.communityId ?? null, from, to],
      );
      return rows.map((r) => r.order_id);
    },
    async admittedEntries() {
      const { rows } = await db().query<{
        entry_code: string;
        task_name: string;
        level: 'street' | 'community';
        list: 'duty' | 'assisting';
        department_id: string;
        legal_basis: string;
        frequency: string;
        admitted_on: string;
      }>(
        `SELECT entry_code, task_name, level, list, department_id, legal_basis, frequency,
                to_char(admitted_on, 'YYYY-MM-DD') AS admitted_on
           FROM admission_list_entry ORDER BY entry_code`,
      );
      return rows.map((r) => ({
        code: r.entry_code,
        name: r.task_name,
        level: r.level,
        list: r.list,
        departmentId: r.department_id,
        legalBasis: r.legal_basis,
        frequency: r.frequency,
        admittedOn: r.admitted_on,
      }));
    },
    async close() {
      await pool?.end();
    },
  };
}

/** The same answers from rows in memory (libs/domain `complaintsIn`): time-skipping tests. */
export function inMemoryGovernanceReadModels(
  rows: ComplaintRow[],
  admitted: AdmissionEntry[] = [],
): GovernanceReadModels {
  return {
    async complaints(scope, from, to) {
      return complaintsIn(rows, scope, { from, to });
    },
    async admittedEntries() {
      return admitted;
    },
    async close() {},
  };
}

/**
 * The lookups of the proactive-task workflow (未诉先办), answered by libs/domain and the read
 * models: the measurement policy, the limits on the working calendar (plan 3, verification 5
 * working days by default), the check against the owner's lists, and the complaint counts.
 */
export function createProactiveTaskActivities(
  ref: ReferenceData,
  list: () => AdmissionList,
  readModels: GovernanceReadModels,
  events: EventActivities,
  policy: ProactiveTaskPolicy = DEFAULT_PROACTIVE_TASK_POLICY,
): ProactiveTaskActivities {
  const calendar = WorkingCalendar.fromReference(ref);
  return {
    ...events,

    async proactiveTaskPolicy() {
      return {
        measureWeeks: policy.measureWeeks,
        measureGraceHours: policy.measureGraceHours,
        effectiveDrop: policy.effectiveDrop,
        minOrdersBefore: policy.minOrdersBefore,
        // A task runs for weeks with several parties, like a whistle: the whistle's cap.
        maxProgressNotes: ref.policy.notes.maxPerWhistle,
      };
    },

    async proactiveTaskLimit(request) {
      const limit = request.phase === 'plan' ? policy.plan : policy.verify;
      const tracked = calendar.track((c) => applyLimit(new Date(request.from), limit, c));
      return {
        deadline: tracked.value.toISOString(),
        ...(tracked.provisional ? { provisional: true } : {}),
      };
    },

    async checkDutyAdmission(subject) {
      const published = list();
      // Entries admitted through the procedure count only when the task names one.
      const admitted = subject.admissionEntryCode ? await readModels.admittedEntries() : [];
      const check = checkDutyAdmission(subject, ref, {
        version: published.version,
        entries: [...published.entries, ...admitted],
      });
      return { ...check };
    },

    async countComplaints(request) {
      return {
        orderIds: await readModels.complaints(
          request.scope,
          new Date(request.from),
          new Date(request.to),
        ),
      };
    },
  };
}
