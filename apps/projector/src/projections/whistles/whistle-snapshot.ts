import { type EventEnvelope } from '@hotline/contracts';
import { shanghaiMonth, type WhistleParticipation } from '@hotline/domain';
import { isWhistleFactType, readFacts } from './whistle-facts';

/** One summoned department's part in a whistle: 报到, 表态, done, 核查, and the street's rating. */
export interface DepartmentPart {
  departmentId: string;
  report: 'pending' | 'on_time' | 'late' | 'missed';
  reportMode: string | null;
  reportedAt: string | null;
  commitment: 'pending' | 'made' | 'missed';
  commitmentDueBy: string | null;
  completedAt: string | null;
  verified: boolean | null;
  timeliness: number | null;
  commitmentRating: number | null;
  result: number | null;
}

/** A whistle as the board shows it, folded from its events; times are the events' own. */
export interface WhistleSnapshot {
  whistleId: string;
  streetId: string;
  whistleType: string;
  matterTypeCode: string | null;
  title: string | null;
  orderId: string | null;
  status: string;
  blownAt: string;
  /** YYYY-MM (Beijing) the whistle was blown: its department evaluations count in this month. */
  month: string;
  reportBy: string | null;
  escalated: boolean;
  districtWhistleId: string | null;
  outcome: string | null;
  closedAt: string | null;
  lastSequence: number;
  updatedAt: string;
  departments: DepartmentPart[];
}

const part = (departmentId: string): DepartmentPart => ({
  departmentId,
  report: 'pending',
  reportMode: null,
  reportedAt: null,
  commitment: 'pending',
  commitmentDueBy: null,
  completedAt: null,
  verified: null,
  timeliness: null,
  commitmentRating: null,
  result: null,
});

/** Applies one whistle event; null until the WhistleBlown that opens it has been seen. */
export function evolveWhistle(
  previous: WhistleSnapshot | null,
  event: EventEnvelope,
): WhistleSnapshot | null {
  if (!isWhistleFactType(event.type)) return previous && touched(previous, event);
  const at = event.occurredAt;
  if (event.type === 'WhistleBlown') {
    const f = readFacts('WhistleBlown', event.payload);
    if (!f) return previous;
    return withStatus({
      whistleId: event.aggregateId,
      streetId: f.streetId,
      whistleType: f.whistleType,
      matterTypeCode: f.matterTypeCode ?? null,
      title: f.title ?? null,
      orderId: f.orderId ?? null,
      status: 'reporting',
      blownAt: at,
      month: shanghaiMonth(new Date(at)),
      reportBy: f.reportBy ?? null,
      escalated: false,
      districtWhistleId: null,
      outcome: null,
      closedAt: null,
      lastSequence: event.sequence,
      updatedAt: at,
      departments: [...new Set(f.summonedUnitIds)].sort().map(part),
    });
  }
  if (!previous) return null;
  const s = touched(previous, event);
  const dept = (id: string) => {
    let d = s.departments.find((x) => x.departmentId === id);
    if (!d) {
      d = part(id); // joined later (a department added to the whistle)
      s.departments = [...s.departments, d].sort((a, b) =>
        a.departmentId.localeCompare(b.departmentId),
      );
    }
    return d;
  };
  switch (event.type) {
    case 'DepartmentReported': {
      const f = readFacts('DepartmentReported', event.payload);
      if (!f) break;
      const d = dept(f.departmentId);
      const late =
        f.withinLimit === undefined ? s.reportBy !== null && at > s.reportBy : !f.withinLimit;
      Object.assign(d, {
        report: late ? 'late' : 'on_time',
        reportMode: f.mode ?? null,
        reportedAt: at,
      });
      break;
    }
    case 'ReportDeadlineMissed': {
      const f = readFacts('ReportDeadlineMissed', event.payload);
      if (f && dept(f.departmentId).report === 'pending') dept(f.departmentId).report = 'missed';
      break;
    }
    case 'CommitmentMade': {
      const f = readFacts('CommitmentMade', event.payload);
      if (f)
        Object.assign(dept(f.departmentId), {
          commitment: 'made',
          commitmentDueBy: f.dueBy ?? null,
        });
      break;
    }
    case 'DepartmentCompleted': {
      const f = readFacts('DepartmentCompleted', event.payload);
      if (f) dept(f.departmentId).completedAt = at;
      break;
    }
    case 'WhistleVerified': {
      const f = readFacts('WhistleVerified', event.payload);
      if (!f) break;
      const targets = f.departmentId ? [dept(f.departmentId)] : s.departments;
      for (const d of targets) d.verified = f.passed ?? true;
      break;
    }
    case 'WhistleEscalated': {
      const f = readFacts('WhistleEscalated', event.payload);
      s.escalated = true;
      s.districtWhistleId = f?.districtWhistleId ?? s.districtWhistleId;
      break;
    }
    case 'WhistleEvaluated': {
      const f = readFacts('WhistleEvaluated', event.payload);
      if (f)
        Object.assign(dept(f.departmentId), {
          timeliness: f.timeliness,
          commitmentRating: f.commitment,
          result: f.result,
        });
      break;
    }
    case 'WhistleClosed': {
      const f = readFacts('WhistleClosed', event.payload);
      s.closedAt = at;
      s.outcome = f?.outcome ?? null;
      // What was still owed at the close stays on the department's record as missed.
      for (const d of s.departments) {
        if (d.report === 'pending') d.report = 'missed';
        if (d.commitment === 'pending') d.commitment = 'missed';
      }
      break;
    }
  }
  return withStatus(s);
}

function touched(s: WhistleSnapshot, event: EventEnvelope): WhistleSnapshot {
  return {
    ...s,
    lastSequence: event.sequence,
    updatedAt: event.occurredAt,
    departments: s.departments.map((d) => ({ ...d })),
  };
}

/** Where the whistle stands: the step the slowest department is at. */
function withStatus(s: WhistleSnapshot): WhistleSnapshot {
  const ds = s.departments;
  const reported = (d: DepartmentPart) => d.report === 'on_time' || d.report === 'late';
  const status = s.closedAt
    ? 'closed'
    : s.escalated
      ? 'escalated'
      : ds.some((d) => d.report === 'pending')
        ? 'reporting' // 报到
        : ds.some((d) => reported(d) && d.commitment === 'pending')
          ? 'committing' // 会商、表态
          : ds.some((d) => d.commitment === 'made' && !d.completedAt)
            ? 'acting'
            : ds.some((d) => d.completedAt && d.verified === null)
              ? 'verifying' // 核查
              : 'verified';
  return { ...s, status };
}

/**
 * The department's part as libs/domain's evaluation counts it, once it counts: when the whistle
 * closed or the street rated the department (一哨一考核). Owed steps count as missed.
 */
export function participation(
  whistleId: string,
  closed: boolean,
  d: Pick<
    DepartmentPart,
    'departmentId' | 'report' | 'commitment' | 'timeliness' | 'commitmentRating' | 'result'
  >,
): WhistleParticipation | null {
  const rating =
    d.timeliness !== null && d.commitmentRating !== null && d.result !== null
      ? { timeliness: d.timeliness, commitment: d.commitmentRating, result: d.result }
      : null;
  if (!closed && !rating) return null;
  return {
    whistleId,
    departmentId: d.departmentId,
    report: d.report === 'pending' ? 'missed' : d.report,
    commitment: d.commitment === 'made' ? 'made' : 'missed',
    rating,
  };
}
