/**
 * Duty admission (准入): a district department may hand a recurring task to a street or a
 * residents' committee only if the task is on the published list (准入事项清单: entries of the
 * duty list 职责清单 or of the assisting-affairs list 协助行政事务清单), or after an admission
 * procedure: the department applies (what, legal basis, frequency, resources and funding offered,
 * which entry it matches), the district's office reviews, and the task is admitted to the list,
 * refused with reasons, or returned for more information.
 *
 * Inspectors found one residents' committee doing 195 recurring tasks against a published list
 * of 46; this module holds the list and the rules the review applies. Pure: no clock, no I/O.
 */
import { z } from 'zod';
import type { IsoDate, Limit, ReferenceData } from '../reference/types';
import { missing } from './can-admit';

export { canAdmit } from './can-admit';

export type AdmissionLevel = 'street' | 'community';
/** duty: 职责清单; assisting: 协助行政事务清单. */
export type AdmissionListKind = 'duty' | 'assisting';

export interface AdmissionEntry {
  readonly code: string;
  readonly name: string;
  readonly level: AdmissionLevel;
  readonly list: AdmissionListKind;
  /** The department that hands the task down. */
  readonly departmentId: string;
  readonly legalBasis: string;
  readonly frequency: string;
  readonly admittedOn: IsoDate;
}

export interface AdmissionList {
  readonly version: string;
  readonly entries: readonly AdmissionEntry[];
}

/** What a department asks to hand down (准入申请). */
export interface AdmissionApplication {
  readonly departmentId: string;
  readonly taskName: string;
  readonly description: string;
  readonly level: AdmissionLevel;
  readonly list: AdmissionListKind;
  /** The law or policy that makes it a public duty; without one it cannot be admitted. */
  readonly legalBasis: string;
  readonly frequency: string;
  /** People, money, equipment that go with the task (费随事转). */
  readonly resources: string;
  readonly funding: string;
  /** The entry of the published list the department says it matches, if any. */
  readonly matchesEntryCode?: string;
}

/** Why the office refuses an application. */
export const ADMISSION_REFUSAL_REASONS = [
  'no_legal_basis', // 无法定依据
  'department_duty', // 属部门自身职责，不应下沉
  'no_resources', // 未随事转移人员经费
  'duplicates_entry', // 与清单已有事项重复
  'beyond_capacity', // 超出街道、社区承接能力
  'other',
] as const;
export type AdmissionRefusalReason = (typeof ADMISSION_REFUSAL_REASONS)[number];

/** What the office may ask for when it returns an application (退回补正). */
export const ADMISSION_MISSING_ITEMS = [
  'legal_basis',
  'resources',
  'funding',
  'frequency',
  'description',
] as const;
export type AdmissionMissingItem = (typeof ADMISSION_MISSING_ITEMS)[number];

/** Time limits of the procedure: counted in working days from the step that starts them. */
export interface AdmissionPolicy {
  /** The office decides within this after an application (or a resubmission). */
  readonly review: Limit;
  /** A returned application lapses if not resubmitted within this. */
  readonly resubmit: Limit;
  /** How many times an application may be returned before it must be decided. */
  readonly maxReturns: number;
}

export const DEFAULT_ADMISSION_POLICY: AdmissionPolicy = {
  review: { unit: 'workingDays', amount: 10 },
  resubmit: { unit: 'workingDays', amount: 15 },
  maxReturns: 2,
};

/** A finding of the automatic pre-check, shown to the reviewer beside the application. */
export interface AdmissionFinding {
  readonly kind:
    | 'already_listed' // the task is on the list already: no admission needed
    | 'similar_entry' // an entry with a similar name exists (possible duplicate)
    | 'unknown_entry' // the entry the department names is not on the list
    | 'missing_legal_basis'
    | 'missing_resources'
    | 'missing_funding';
  readonly message: string;
  readonly entryCode?: string;
}

/** Characters the two names share, over the shorter name: a rough "similar task" signal. */
function overlap(a: string, b: string): number {
  const bigrams = (s: string) =>
    new Set(
      [...s]
        .slice(0, -1)
        .map((c, i) => c + [...s][i + 1])
        .filter((g) => !/\s/.test(g)),
    );
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / Math.min(x.size, y.size);
}

/**
 * The pre-check the office sees beside an application: is it on the list already, does it look
 * like an entry, is anything a decision needs missing. Advisory: the office decides.
 */
export function precheckApplication(
  app: AdmissionApplication,
  list: AdmissionList,
): AdmissionFinding[] {
  const findings: AdmissionFinding[] = [];
  if (app.matchesEntryCode) {
    const entry = list.entries.find((e) => e.code === app.matchesEntryCode);
    if (!entry)
      findings.push({
        kind: 'unknown_entry',
        message: `清单中没有编号为 ${app.matchesEntryCode} 的事项`,
        entryCode: app.matchesEntryCode,
      });
    else if (entry.level === app.level)
      findings.push({
        kind: 'already_listed',
        message: `已在准入清单：${entry.code} ${entry.name}，无需另行准入`,
        entryCode: entry.code,
      });
  }
  for (const entry of list.entries) {
    if (entry.code === app.matchesEntryCode) continue;
    if (overlap(entry.name, app.taskName) >= 0.5)
      findings.push({
        kind: 'similar_entry',
        message: `与清单事项 ${entry.code}「${entry.name}」相近，可能重复`,
        entryCode: entry.code,
      });
  }
  if (missing(app.legalBasis))
    findings.push({ kind: 'missing_legal_basis', message: '未写明法定依据' });
  if (missing(app.resources))
    findings.push({ kind: 'missing_resources', message: '未说明随事转移的人员、设备' });
  if (missing(app.funding)) findings.push({ kind: 'missing_funding', message: '未说明经费保障' });
  return findings;
}

// ------------------------------------------------------------------ the published list (data)

const entrySchema = z.strictObject({
  code: z.string().regex(/^ZR-[0-9A-Za-z-]+$/, 'expected a code like ZR-001'),
  name: z.string().trim().min(2),
  level: z.enum(['street', 'community']),
  list: z.enum(['duty', 'assisting']),
  departmentId: z.string().min(1),
  legalBasis: z.string().trim().min(2),
  frequency: z.string().trim().min(1),
  admittedOn: z.iso.date(),
});
const listSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
  entries: z.array(entrySchema),
});

export class AdmissionListError extends Error {
  constructor(readonly problems: string[]) {
    super(`准入事项清单有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AdmissionListError';
  }
}

/** Validates the list file: shape, unique codes, departments that exist in the units. */
export function parseAdmissionList(raw: unknown, ref: ReferenceData): AdmissionList {
  const parsed = listSchema.safeParse(raw);
  if (!parsed.success)
    throw new AdmissionListError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.entries.forEach((e, i) => {
    if (seen.has(e.code)) problems.push(`entries.${i}.code: ${e.code} appears twice`);
    seen.add(e.code);
    const unit = ref.index.units.get(e.departmentId);
    if (!unit) problems.push(`entries.${i}.departmentId: no unit ${e.departmentId}`);
    else if (unit.kind !== 'department')
      problems.push(`entries.${i}.departmentId: ${e.departmentId} is not a department`);
  });
  if (problems.length) throw new AdmissionListError(problems);
  return { version: parsed.data.version, entries: parsed.data.entries };
}
