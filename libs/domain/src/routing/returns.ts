/**
 * Returns (退单, docs/domain.md "The order's process", step 4): only before acknowledging, within
 * the return window (2 h by default) from dispatch, for one of the accepted reasons, with
 * supporting words. The order workflow applies this rule; the window's end is looked up once at
 * dispatch (`orderDeadlines(...).acknowledgement.returnBy`), so the check itself needs no calendar.
 */
import type { ReturnReason } from '../vocabulary';
import type { Policy } from '../reference/types';
import { meaningfulLength } from '../shared/keywords';

export type { ReturnReason };

export interface ReturnRequest {
  /** When the return window closes: `orderDeadlines(...).acknowledgement.returnBy`. */
  readonly returnBy: Date;
  readonly acknowledgedAt: Date | null;
  readonly requestedAt: Date;
  /** One of ReturnReason (管辖错误, 权属不清, 职责交叉). */
  readonly reason: string;
  /** The unit's words: which rule or fact makes it not its duty. */
  readonly supportingText: string;
}

export type ReturnCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'already_acknowledged' | 'window_passed' | 'missing_explanation';
      readonly explanation: string;
    };

export function canReturnOrder(
  request: ReturnRequest,
  policy: { readonly returns: Pick<Policy['returns'], 'minSupportingChars'> },
): ReturnCheck {
  if (request.acknowledgedAt && request.acknowledgedAt <= request.requestedAt) {
    return {
      ok: false,
      code: 'already_acknowledged',
      explanation: '工单已签收，不能退单；如有异议请申请协调',
    };
  }
  if (request.requestedAt > request.returnBy) {
    return { ok: false, code: 'window_passed', explanation: '已超过退单时限，须先签收办理' };
  }
  if (meaningfulLength(request.supportingText) < policy.returns.minSupportingChars) {
    return {
      ok: false,
      code: 'missing_explanation',
      explanation: `退单须说明依据（至少${policy.returns.minSupportingChars}个字），例如职责清单条目或权属证明`,
    };
  }
  return { ok: true };
}
