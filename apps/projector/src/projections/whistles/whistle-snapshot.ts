import { asWhistleEvent, type EventEnvelope, unreachable } from '@hotline/contracts';
import { shanghaiMonth, type WhistleParticipation } from '@hotline/domain';

/** One summoned department's part in a whistle: 报到, 表态, done, 核查, misses, the rating. */
export interface DepartmentPart {
  departmentId: string;
  report: 'pending' | 'on_time' | 'late' | 'missed';
  reportMode: string | null;
  reportedAt: string | null;
  commitment: 'pending' | 'made' | 'missed';
  commitmentDueBy: string | null;
  completedAt: string | null;
  verified: boolean | null;
  /** Deadlines missed (report, commitment, delivery), each once. */
  misses: string[];
  /** 催办 and 督办 it received. */
  urges: number;
  escalations: number;
  /** Whether this whistle counts in its evaluation (set at the close). */
  counted: boolean | null;
  timeliness: number | null;
  commitmentRating: number | null;
  result: number | null;
  /** libs/domain's score for this whistle, as the evaluation's closing record gives it. */
  score: number | null;
}

/** A whistle as the board shows it, folded from its events; times are the events' own. */
export interface WhistleSnapshot {
  whistleId: string;
  level: string;
  streetId: string;
  ownerUnitId: string | null;
  whistleType: string;
  matterTypeCode: string | null;
  title: string | null;
  linkedOrderIds: string[];
  escalatedFromWhistleId: string | null;
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
  misses: [],
  urges: 0,
  escalations: 0,
  counted: null,
  timeliness: null,
  commitmentRating: null,
  result: null,
  score: null,
});

const opened = (
  event: EventEnvelope,
  f: {
    level?: string;
    whistleType: string;
    streetId: string;
    matterTypeCode?: string;
    linkedOrderIds?: string[];
  },
): WhistleSnapshot => ({
  whistleId: event.aggregateId,
  level: f.level ?? 'street',
  streetId: f.streetId,
  ownerUnitId: null,
  whistleType: f.whistleType,
  matterTypeCode: f.matterTypeCode ?? null,
  title: null,
  linkedOrderIds: f.linkedOrderIds ?? [],
  escalatedFromWhistleId: null,
  status: 'reporting',
  blownAt: event.occurredAt,
  month: shanghaiMonth(new Date(event.occurredAt)),
  reportBy: null,
  escalated: false,
  districtWhistleId: null,
  outcome: null,
  closedAt: null,
  lastSequence: event.sequence,
  updatedAt: event.occurredAt,
  departments: [],
});

/**
 * Applies one whistle event (validated against libs/contracts' whistle-events v1 before it gets
 * here); null until the WhistleBlown (or WhistleRefused) that opens it.
 */
export function evolveWhistle(
  previous: WhistleSnapshot | null,
  envelope: EventEnvelope,
): WhistleSnapshot | null {
  const at = envelope.occurredAt;
  const event = asWhistleEvent(envelope);
  if (event?.type === 'WhistleBlown') {
    const f = event.payload;
    return withStatus({
      ...opened(event, f),
      blownAt: f.blownAt,
      month: shanghaiMonth(new Date(f.blownAt)),
      ownerUnitId: f.ownerUnitId,
      title: f.title,
      escalatedFromWhistleId: f.escalatedFromWhistleId ?? null,
      reportBy: f.reportBy,
      departments: [...new Set(f.summonedUnitIds)].sort().map(part),
    });
  }
  if (event?.type === 'WhistleRefused') {
    // The scope check refused it (吹哨泛化): listed, never blown, no department owes anything.
    return { ...opened(event, event.payload), status: 'refused' };
  }
  if (!previous) return null;
  const s = touched(previous, envelope);
  // A type this version does not know (a newer producer): keep the row, note the sequence.
  if (!event) return withStatus(s);
  const dept = (id: string) => {
    let d = s.departments.find((x) => x.departmentId === id);
    if (!d) {
      d = part(id); // joined later
      s.departments = [...s.departments, d].sort((a, b) =>
        a.departmentId.localeCompare(b.departmentId),
      );
    }
    return d;
  };
  const miss = (d: DepartmentPart, kind: string) => {
    if (!d.misses.includes(kind)) d.misses = [...d.misses, kind];
  };
  switch (event.type) {
    case 'DepartmentReported': {
      const f = event.payload;
      Object.assign(dept(f.departmentId), {
        report: f.withinLimit ? 'on_time' : 'late',
        reportMode: f.mode,
        reportedAt: f.reportedAt,
      });
      break;
    }
    case 'ReportDeadlineMissed': {
      const d = dept(event.payload.departmentId);
      miss(d, 'report');
      if (d.report === 'pending') d.report = 'missed'; // reporting later makes it 'late'
      break;
    }
    case 'CommitmentMade': {
      const f = event.payload;
      Object.assign(dept(f.departmentId), { commitment: 'made', commitmentDueBy: f.dueBy });
      break;
    }
    case 'CommitmentDeadlineMissed': {
      const f = event.payload;
      miss(dept(f.departmentId), f.kind);
      break;
    }
    case 'DepartmentUrged':
      dept(event.payload.departmentId).urges += 1; // 催办
      break;
    case 'DepartmentEscalated':
      dept(event.payload.departmentId).escalations += 1; // 督办
      break;
    case 'DepartmentCompleted':
      dept(event.payload.departmentId).completedAt = at;
      break;
    case 'WhistleVerified': {
      const f = event.payload;
      const d = dept(f.departmentId);
      d.verified = f.passed;
      if (!f.passed) d.completedAt = null; // sent back to do again
      break;
    }
    case 'WhistleEscalated':
      s.escalated = true;
      s.districtWhistleId = event.payload.districtWhistleId;
      break;
    case 'WhistleClosed': {
      const f = event.payload;
      s.closedAt = at;
      s.outcome = f.outcome;
      s.districtWhistleId = f.districtWhistleId ?? s.districtWhistleId;
      // The closing record is what the evaluation counts: take each department's from it.
      for (const c of f.participations) {
        const d = dept(c.departmentId);
        Object.assign(d, {
          report: c.report,
          commitment: c.commitment,
          verified: c.verified,
          counted: c.counted,
        });
        for (const kind of c.misses) miss(d, kind);
      }
      break;
    }
    case 'WhistleEvaluated': {
      const f = event.payload;
      Object.assign(dept(f.departmentId), {
        timeliness: f.timeliness,
        commitmentRating: f.commitment,
        result: f.result,
      });
      break;
    }
    case 'WhistleEvaluationCompleted':
      for (const d of event.payload.departments) dept(d.departmentId).score = d.score;
      break;
    case 'DepartmentProgressReported':
    case 'WhistlePrecisionRated':
    case 'WhistleOutcomeRated':
      // Progress notes, the departments' and the public's ratings: nothing the board shows.
      break;
    default:
      return unreachable(event);
  }
  return withStatus(s);
}

function touched(s: WhistleSnapshot, event: EventEnvelope): WhistleSnapshot {
  return {
    ...s,
    lastSequence: event.sequence,
    updatedAt: event.occurredAt,
    departments: s.departments.map((d) => ({ ...d, misses: [...d.misses] })),
  };
}

/** Where the whistle stands: the step the slowest department is at. */
function withStatus(s: WhistleSnapshot): WhistleSnapshot {
  const ds = s.departments;
  const reported = (d: DepartmentPart) => d.report === 'on_time' || d.report === 'late';
  const status =
    s.status === 'refused'
      ? 'refused'
      : s.closedAt
        ? 'closed'
        : s.escalated
          ? 'escalated' // 上报
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
 * The department's part as libs/domain's evaluation counts it: once the whistle is closed, and
 * only if the closing record says it counts (a department released before its part was due does
 * not). The street's rating may come later, within the evaluation window.
 */
export function participation(
  whistleId: string,
  closed: boolean,
  d: Pick<
    DepartmentPart,
    | 'departmentId'
    | 'report'
    | 'commitment'
    | 'counted'
    | 'timeliness'
    | 'commitmentRating'
    | 'result'
  >,
): WhistleParticipation | null {
  if (!closed || d.counted === false) return null;
  const rating =
    d.timeliness !== null && d.commitmentRating !== null && d.result !== null
      ? { timeliness: d.timeliness, commitment: d.commitmentRating, result: d.result }
      : null;
  return {
    whistleId,
    departmentId: d.departmentId,
    report: d.report === 'pending' ? 'missed' : d.report,
    commitment: d.commitment === 'made' ? 'made' : 'missed',
    rating,
  };
}
