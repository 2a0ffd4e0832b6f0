import { z } from 'zod';
import { SATISFACTION_LEVELS } from './order-events';

/**
 * Payloads of the whistle (街乡吹哨、部门报到) events, version 1. A street or township blows a
 * whistle for one problem on the whistle list; each summoned department reports (报到), commits
 * (表态), acts and reports completion; the street verifies each part (核查) and closes the whistle
 * or escalates it to the district (上报); then both sides rate each other (双向评价). Published on
 * the whistle topic (`aggregateType: 'whistle'`, the whistle id as aggregate id). Personal data
 * never appears here: the people named are officials by post, never residents.
 * Add fields (optional) or new versions; never change a published one.
 */

const isoTime = z.iso.datetime({ offset: true });
const unitRef = z.string().min(1);
const text = z.string();

/** 应急哨 (emergency: report within minutes), 日常哨 (routine: hours), 攻坚哨 (key task: days). */
export const WHISTLE_TYPES = ['emergency', 'routine', 'key_task'] as const;
export type WhistleType = (typeof WHISTLE_TYPES)[number];
/** Who blew it: a street or township, or the district after an escalation (上报). */
export const WHISTLE_LEVELS = ['street', 'district'] as const;
export type WhistleLevel = (typeof WHISTLE_LEVELS)[number];
export const REPORT_MODES = ['on_site', 'remote'] as const;
export type ReportMode = (typeof REPORT_MODES)[number];
/** How a whistle ends at its level: solved, given up as unsolved, or escalated to the district. */
export const WHISTLE_OUTCOMES = ['solved', 'unsolved', 'escalated'] as const;
export type WhistleOutcome = (typeof WHISTLE_OUTCOMES)[number];
/** The deadlines a department can miss: report (报到), commitment (表态), delivery (its due date). */
export const WHISTLE_MISS_KINDS = ['report', 'commitment', 'delivery'] as const;
export type WhistleMissKind = (typeof WHISTLE_MISS_KINDS)[number];
/** Who rates the outcome besides the street and the departments. */
export const PUBLIC_RATERS = ['resident', 'deputy'] as const;

const placeSchema = z.object({
  address: text,
  communityId: z.string().optional(),
  gridId: z.string().optional(),
});

export const whistleBlownV1 = z.object({
  whistleId: z.string().min(1),
  level: z.enum(WHISTLE_LEVELS),
  whistleType: z.enum(WHISTLE_TYPES),
  /** The street or township where the problem is (for a district whistle: the one that escalated). */
  streetId: unitRef,
  /** Who runs the whistle: the street, or the district's coordinating unit. */
  ownerUnitId: unitRef,
  matterTypeCode: z.string().min(1),
  title: text,
  description: text,
  place: placeSchema,
  summonedUnitIds: z.array(unitRef).min(1),
  linkedOrderIds: z.array(z.string().min(1)),
  /** For a district whistle: the street whistle it continues. */
  escalatedFromWhistleId: z.string().optional(),
  /** The scope check's words (on the whistle list, every department has a duty). */
  scope: text,
  /** When it was blown: the report limit runs from here. */
  blownAt: isoTime,
  reportBy: isoTime,
  /** When a department that has not reported by `reportBy` is escalated (督办). */
  reportEscalateAt: isoTime,
  /** The calendar used a year without its official holiday notice. */
  provisional: z.boolean().optional(),
});
export type WhistleBlownV1 = z.infer<typeof whistleBlownV1>;

/** The scope check refused the whistle (吹哨泛化 guard): it is never blown. */
export const whistleRefusedV1 = z.object({
  whistleId: z.string().min(1),
  level: z.enum(WHISTLE_LEVELS),
  whistleType: z.enum(WHISTLE_TYPES),
  streetId: unitRef,
  matterTypeCode: z.string(),
  summonedUnitIds: z.array(unitRef),
  linkedOrderIds: z.array(z.string().min(1)),
  refusals: z
    .array(z.object({ code: z.string(), unitId: z.string().nullable(), explanation: text }))
    .min(1),
});
export type WhistleRefusedV1 = z.infer<typeof whistleRefusedV1>;

/** 报到: who came (a post, e.g. 执法队副队长), on site or remote, when (the event's time). */
export const departmentReportedV1 = z.object({
  departmentId: unitRef,
  representative: text,
  mode: z.enum(REPORT_MODES),
  reportedAt: isoTime,
  withinLimit: z.boolean(),
  /** By when it must state its position (表态), and when that miss would be escalated. */
  commitBy: isoTime,
  commitEscalateAt: isoTime,
});
export type DepartmentReportedV1 = z.infer<typeof departmentReportedV1>;

export const reportDeadlineMissedV1 = z.object({
  departmentId: unitRef,
  deadline: isoTime,
  escalateAt: isoTime,
});
export type ReportDeadlineMissedV1 = z.infer<typeof reportDeadlineMissedV1>;

/** 表态: the measures the department takes, and by when. */
export const commitmentMadeV1 = z.object({
  departmentId: unitRef,
  measures: text,
  dueBy: isoTime,
  /** Stated by its commitment deadline. */
  withinLimit: z.boolean(),
  /** When a missed due date would be escalated. */
  escalateAt: isoTime,
});
export type CommitmentMadeV1 = z.infer<typeof commitmentMadeV1>;

/** No position stated by `commitBy` (commitment), or not done by its own due date (delivery). */
export const commitmentDeadlineMissedV1 = z.object({
  departmentId: unitRef,
  kind: z.enum(['commitment', 'delivery']),
  deadline: isoTime,
  escalateAt: isoTime,
});
export type CommitmentDeadlineMissedV1 = z.infer<typeof commitmentDeadlineMissedV1>;

/** 催办: a reminder to a department that missed a deadline. */
export const departmentUrgedV1 = z.object({
  departmentId: unitRef,
  kind: z.enum(WHISTLE_MISS_KINDS),
  note: text,
  automatic: z.boolean(),
});
export type DepartmentUrgedV1 = z.infer<typeof departmentUrgedV1>;

/** 督办: the miss goes to the district's supervision, on the department's record. */
export const departmentEscalatedV1 = z.object({
  departmentId: unitRef,
  kind: z.enum(WHISTLE_MISS_KINDS),
  note: text,
  automatic: z.boolean(),
});
export type DepartmentEscalatedV1 = z.infer<typeof departmentEscalatedV1>;

export const departmentProgressReportedV1 = z.object({ departmentId: unitRef, note: text });
export type DepartmentProgressReportedV1 = z.infer<typeof departmentProgressReportedV1>;

export const departmentCompletedV1 = z.object({
  departmentId: unitRef,
  summary: text,
  /** Done by the due date it committed to. */
  withinCommitment: z.boolean(),
});
export type DepartmentCompletedV1 = z.infer<typeof departmentCompletedV1>;

/** 核查 of one department's part. A failed check sends it back with a new due date. */
export const whistleVerifiedV1 = z.object({
  departmentId: unitRef,
  passed: z.boolean(),
  note: text,
  redoBy: isoTime.optional(),
  escalateAt: isoTime.optional(),
});
export type WhistleVerifiedV1 = z.infer<typeof whistleVerifiedV1>;

/** 上报: the street cannot solve it; a district whistle takes over. */
export const whistleEscalatedV1 = z.object({
  reason: text,
  districtWhistleId: z.string().min(1),
  districtUnitId: unitRef,
  whistleType: z.enum(WHISTLE_TYPES),
  summonedUnitIds: z.array(unitRef).min(1),
});
export type WhistleEscalatedV1 = z.infer<typeof whistleEscalatedV1>;

/**
 * One department's record on this whistle as its evaluation counts it: a report or commitment
 * still owed at the close counts as missed, unless its deadline had not passed yet and the
 * department has no miss on record (then it was released and this whistle does not count for it:
 * `counted: false`).
 */
export const whistleParticipationV1 = z.object({
  departmentId: unitRef,
  report: z.enum(['on_time', 'late', 'missed']),
  commitment: z.enum(['made', 'missed']),
  completed: z.boolean(),
  verified: z.boolean(),
  misses: z.array(z.enum(WHISTLE_MISS_KINDS)),
  counted: z.boolean(),
});
export type WhistleParticipationV1 = z.infer<typeof whistleParticipationV1>;

/** The whistle is over at its level; the evaluation stays open until `evaluationBy`. */
export const whistleClosedV1 = z.object({
  outcome: z.enum(WHISTLE_OUTCOMES),
  summary: text,
  districtWhistleId: z.string().optional(),
  participations: z.array(whistleParticipationV1),
  evaluationBy: isoTime,
});
export type WhistleClosedV1 = z.infer<typeof whistleClosedV1>;

const mark = z.number().int().positive();

/** The street's rating of one department (一哨一考核), on the policy's scale (1–5 by default). */
export const whistleEvaluatedV1 = z.object({
  departmentId: unitRef,
  timeliness: mark,
  commitment: mark,
  result: mark,
  comment: text,
});
export type WhistleEvaluatedV1 = z.infer<typeof whistleEvaluatedV1>;

/** A summoned department's rating of the whistle (吹哨精准度): was it needed, was it well scoped? */
export const whistlePrecisionRatedV1 = z.object({
  departmentId: unitRef,
  needed: z.boolean(),
  wellScoped: z.boolean(),
  comment: text,
});
export type WhistlePrecisionRatedV1 = z.infer<typeof whistlePrecisionRatedV1>;

/** A resident's or a deputy's (人大代表) rating of the outcome. */
export const whistleOutcomeRatedV1 = z.object({
  rater: z.enum(PUBLIC_RATERS),
  satisfaction: z.enum(SATISFACTION_LEVELS),
  comment: text,
});
export type WhistleOutcomeRatedV1 = z.infer<typeof whistleOutcomeRatedV1>;

/**
 * The closing record of the two-way evaluation: each department's participation, the street's
 * rating and the score libs/domain gives it (0–100; a missed report scores the lowest marks), the
 * departments' view of the whistle, and the 一律优秀 warning when the street gave everyone top marks.
 */
export const whistleEvaluationCompletedV1 = z.object({
  departments: z.array(
    whistleParticipationV1.extend({
      rating: z.object({ timeliness: mark, commitment: mark, result: mark }).nullable(),
      score: z.number().nullable(),
    }),
  ),
  precision: z.object({
    ratings: z.number().int().min(0),
    needed: z.number().int().min(0),
    wellScoped: z.number().int().min(0),
  }),
  publicRatings: z.number().int().min(0),
  uniformTopMarks: z.boolean(),
  completedBy: z.enum(['all_rated', 'window_closed']),
});
export type WhistleEvaluationCompletedV1 = z.infer<typeof whistleEvaluationCompletedV1>;

/** Every whistle event type with its payload schema per version. Add versions; never edit one. */
export const WHISTLE_EVENT_SCHEMAS = {
  WhistleBlown: { 1: whistleBlownV1 },
  WhistleRefused: { 1: whistleRefusedV1 },
  DepartmentReported: { 1: departmentReportedV1 },
  ReportDeadlineMissed: { 1: reportDeadlineMissedV1 },
  CommitmentMade: { 1: commitmentMadeV1 },
  CommitmentDeadlineMissed: { 1: commitmentDeadlineMissedV1 },
  DepartmentUrged: { 1: departmentUrgedV1 },
  DepartmentEscalated: { 1: departmentEscalatedV1 },
  DepartmentProgressReported: { 1: departmentProgressReportedV1 },
  DepartmentCompleted: { 1: departmentCompletedV1 },
  WhistleVerified: { 1: whistleVerifiedV1 },
  WhistleEscalated: { 1: whistleEscalatedV1 },
  WhistleClosed: { 1: whistleClosedV1 },
  WhistleEvaluated: { 1: whistleEvaluatedV1 },
  WhistlePrecisionRated: { 1: whistlePrecisionRatedV1 },
  WhistleOutcomeRated: { 1: whistleOutcomeRatedV1 },
  WhistleEvaluationCompleted: { 1: whistleEvaluationCompletedV1 },
} as const;

export type WhistleEventType = keyof typeof WHISTLE_EVENT_SCHEMAS;

/** Payload type of each whistle event (version 1). */
export interface WhistleEventPayloads {
  WhistleBlown: WhistleBlownV1;
  WhistleRefused: WhistleRefusedV1;
  DepartmentReported: DepartmentReportedV1;
  ReportDeadlineMissed: ReportDeadlineMissedV1;
  CommitmentMade: CommitmentMadeV1;
  CommitmentDeadlineMissed: CommitmentDeadlineMissedV1;
  DepartmentUrged: DepartmentUrgedV1;
  DepartmentEscalated: DepartmentEscalatedV1;
  DepartmentProgressReported: DepartmentProgressReportedV1;
  DepartmentCompleted: DepartmentCompletedV1;
  WhistleVerified: WhistleVerifiedV1;
  WhistleEscalated: WhistleEscalatedV1;
  WhistleClosed: WhistleClosedV1;
  WhistleEvaluated: WhistleEvaluatedV1;
  WhistlePrecisionRated: WhistlePrecisionRatedV1;
  WhistleOutcomeRated: WhistleOutcomeRatedV1;
  WhistleEvaluationCompleted: WhistleEvaluationCompletedV1;
}
