/**
 * The admission rule a workflow runs (准入), apart from the list's schema so the workflow bundle
 * carries no zod: a task is admitted only with a legal basis.
 */
import type { AdmissionApplication } from './admission';

/** An answer that says nothing: blank, a word or two, or "无/暂无/待定/n.a.". */
export const missing = (s: string) =>
  s.trim().length < 2 || /^(无|没有|暂无|待定|n\/?a)$/i.test(s.trim());

/** An admission can only be granted for a task with a legal basis: the list is public duty. */
export function canAdmit(app: AdmissionApplication): { ok: true } | { ok: false; reason: string } {
  if (missing(app.legalBasis))
    return { ok: false, reason: '没有法定依据的事项不能准入：请退回补正或不予准入' };
  return { ok: true };
}
