/**
 * Returns (退单, shared/domain.md step 4): only before acknowledging, within the return window
 * (2 h by default) from dispatch, for one of the accepted reasons, with supporting words.
 */
import type { ReturnReason } from '../vocabulary';
import type { Policy } from '../reference/types';
import { applyLimit } from '../sla/limits';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { meaningfulLength } from '../shared/keywords';

export type { ReturnReason };

export interface ReturnRequest {
  readonly dispatchedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly requestedAt: Date;
  readonly reason: ReturnReason;
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
  calendar: WorkingCalendar,
  policy: Policy,
): ReturnCheck {
  if (request.acknowledgedAt && request.acknowledgedAt <= request.requestedAt) {
    return {
      ok: false,
      code: 'already_acknowledged',
      explanation: '工单已签收，不能退单；如有异议请申请协调',
    };
  }
  const returnBy = applyLimit(request.dispatchedAt, policy.returns.window, calendar);
  if (request.requestedAt > returnBy) {
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
