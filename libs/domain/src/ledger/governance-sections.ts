/**
 * Ledger sections for governance work (电子台账): the admitted tasks a street or community works
 * under (准入事项) beside the off-list work detected (清单外事项, the inspectors' "195 vs 46"),
 * the admission applications a department filed, and the proactive tasks (未诉先办) a unit owned.
 * Every figure keeps the ids behind it, as the order sections do.
 */
import type { LedgerLine, LedgerPeriod, LedgerSection } from './unit-ledger';

/** A task on the admission list the unit works under (published or admitted by the procedure). */
export interface LedgerAdmittedTaskRow {
  readonly entryCode: string;
  readonly taskName: string;
  readonly departmentId: string;
  /** published: on the list as published; admitted: through an application (准入). */
  readonly source: 'published' | 'admitted';
  /** When it joined the list (admitted ones); null for the published list. */
  readonly admittedAt: Date | null;
}

/** Work pushed to the unit outside its lists, as detected at dispatch. */
export interface LedgerOffListRow {
  /** The order, whistle or proactive task id. */
  readonly workId: string;
  readonly workKind: 'order' | 'whistle' | 'proactive_task';
  readonly reason: string;
  readonly detectedAt: Date;
}

/** An admission application the unit (a department) filed. */
export interface LedgerApplicationRow {
  readonly applicationId: string;
  readonly status: string;
  readonly appliedAt: Date;
  readonly decidedAt: Date | null;
}

/** A proactive task the unit owns. */
export interface LedgerProactiveTaskRow {
  readonly taskId: string;
  readonly status: string;
  readonly startedAt: Date;
  readonly plannedAt: Date | null;
  readonly completedAt: Date | null;
  readonly verifiedAt: Date | null;
  readonly sendBackCount: number;
  readonly deadlineMissed: boolean;
  /** effective, not_effective, insufficient_data; null until measured. */
  readonly effect: string | null;
}

export interface GovernanceLedgerInput {
  readonly admittedTasks?: readonly LedgerAdmittedTaskRow[];
  readonly offListWork?: readonly LedgerOffListRow[];
  readonly applications?: readonly LedgerApplicationRow[];
  readonly proactiveTasks?: readonly LedgerProactiveTaskRow[];
}

const within = (at: Date | null, p: LedgerPeriod): at is Date =>
  at !== null && at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

function line(
  key: string,
  label: string,
  ids: readonly string[],
  of?: readonly string[],
): LedgerLine {
  const base = { key, label, value: ids.length, basis: [...ids].sort() };
  return of ? { ...base, rate: of.length === 0 ? null : ids.length / of.length } : base;
}

/**
 * The governance sections, numbered after the order and whistle sections. A section appears only
 * when its rows were given (a department has no admission list of its own, a street files no
 * applications).
 */
export function governanceLedgerSections(
  input: GovernanceLedgerInput,
  period: LedgerPeriod,
): LedgerSection[] {
  const sections: LedgerSection[] = [];
  if (input.admittedTasks || input.offListWork || input.applications) {
    const tasks = input.admittedTasks ?? [];
    const inForce = tasks
      .filter((t) => t.admittedAt === null || t.admittedAt.getTime() < period.to.getTime())
      .map((t) => t.entryCode);
    const admittedInPeriod = tasks
      .filter((t) => within(t.admittedAt, period))
      .map((t) => t.entryCode);
    const offList = (input.offListWork ?? []).filter((w) => within(w.detectedAt, period));
    const apps = input.applications ?? [];
    const filed = apps.filter((a) => within(a.appliedAt, period)).map((a) => a.applicationId);
    const decided = (status: string) =>
      apps
        .filter((a) => a.status === status && within(a.decidedAt, period))
        .map((a) => a.applicationId);
    sections.push({
      key: 'admitted_tasks',
      title: '六、准入事项',
      lines: [
        line('admission_list_in_force', '准入清单在册事项', inForce),
        line('admitted_in_period', '本期新准入事项', admittedInPeriod),
        line(
          'off_list_work',
          '清单外派办工作（未经准入）',
          offList.map((w) => w.workId),
        ),
        line(
          'off_list_orders',
          '其中：工单',
          offList.filter((w) => w.workKind === 'order').map((w) => w.workId),
        ),
        line(
          'off_list_tasks',
          '其中：主动治理任务',
          offList.filter((w) => w.workKind === 'proactive_task').map((w) => w.workId),
        ),
        line('applications_filed', '提出准入申请', filed),
        line('applications_admitted', '申请获准入', decided('admitted')),
        line('applications_refused', '申请不予准入', decided('refused')),
      ],
    });
  }
  if (input.proactiveTasks) {
    const tasks = input.proactiveTasks;
    const id = (t: LedgerProactiveTaskRow) => t.taskId;
    const started = tasks.filter((t) => within(t.startedAt, period)).map(id);
    const completed = tasks.filter((t) => within(t.completedAt, period)).map(id);
    const verified = tasks.filter((t) => within(t.verifiedAt, period)).map(id);
    const effect = (v: string) => tasks.filter((t) => t.effect === v).map(id);
    sections.push({
      key: 'proactive_tasks',
      title: '七、主动治理（未诉先办）',
      lines: [
        line('tasks_started', '承接主动治理任务', started),
        line(
          'tasks_open_at_end',
          '期末在办',
          tasks
            .filter(
              (t) =>
                t.startedAt.getTime() < period.to.getTime() &&
                (t.verifiedAt === null || t.verifiedAt.getTime() >= period.to.getTime()) &&
                t.status !== 'cancelled',
            )
            .map(id),
        ),
        line('tasks_completed', '报告完成', completed),
        line('tasks_verified', '通过中心核验', verified, completed),
        line('tasks_sent_back', '被退回整改', tasks.filter((t) => t.sendBackCount > 0).map(id)),
        line('tasks_deadline_missed', '逾期未完成', tasks.filter((t) => t.deadlineMissed).map(id)),
        line('tasks_effective', '成效评估：有效', effect('effective'), [
          ...effect('effective'),
          ...effect('not_effective'),
        ]),
        line('tasks_not_effective', '成效评估：未见成效', effect('not_effective')),
      ],
    });
  }
  return sections;
}
