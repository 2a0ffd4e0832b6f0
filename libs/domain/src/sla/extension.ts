/**
 * Extensions (延期): requested by the unit before the handling deadline, approved or denied by the
 * centre; at most `maxCount`, each at most `maxLengthFactor` × the original limit (domain.md step 6).
 */
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { HandlingClass, Limit, Policy } from '../reference/types';
import { applyLimit, describeLimit } from './limits';

export interface ExtensionRule {
  readonly maxCount: number;
  /** The longest single extension, in the unit of the class's own limit. */
  readonly maxExtra: Limit;
  readonly approver: 'centre';
  readonly description: string;
}

export function extensionRule(handlingClass: HandlingClass, policy: Policy): ExtensionRule {
  const original = policy.handling[handlingClass];
  const scaled = original.amount * policy.extension.maxLengthFactor;
  // Day-based limits extend by whole days.
  const maxExtra: Limit = {
    unit: original.unit,
    amount: original.unit.endsWith('Days') ? Math.floor(scaled) : scaled,
  };
  return {
    maxCount: policy.extension.maxCount,
    maxExtra,
    approver: policy.extension.approver,
    description:
      `办理时限届满前由承办单位申请、热线中心审批；最多延期${policy.extension.maxCount}次，` +
      `每次不超过${describeLimit(maxExtra)}`,
  };
}

export interface ExtensionRequest {
  readonly handlingClass: HandlingClass;
  readonly requestedAt: Date;
  /** The deadline in force now. */
  readonly handlingBy: Date;
  readonly extensionsGranted: number;
  /** Extra time asked for, in the class limit's unit; defaults to the maximum. */
  readonly extra?: number;
}

export type ExtensionCheck =
  | { readonly ok: true; readonly extra: Limit }
  | {
      readonly ok: false;
      readonly code: 'deadline_passed' | 'limit_reached' | 'too_long' | 'invalid_amount';
      readonly explanation: string;
    };

export function canRequestExtension(request: ExtensionRequest, policy: Policy): ExtensionCheck {
  const rule = extensionRule(request.handlingClass, policy);
  const extra = request.extra ?? rule.maxExtra.amount;
  if (request.requestedAt > request.handlingBy) {
    return refuse('deadline_passed', '办理时限已过，不能再申请延期，按超期处理');
  }
  if (request.extensionsGranted >= rule.maxCount) {
    return refuse(
      'limit_reached',
      `已延期${request.extensionsGranted}次，达到上限${rule.maxCount}次`,
    );
  }
  if (!(extra > 0) || (rule.maxExtra.unit.endsWith('Days') && !Number.isInteger(extra))) {
    return refuse('invalid_amount', `延期时长无效：${extra}`);
  }
  if (extra > rule.maxExtra.amount) {
    return refuse('too_long', `申请延期超过上限${describeLimit(rule.maxExtra)}`);
  }
  return { ok: true, extra: { unit: rule.maxExtra.unit, amount: extra } };
}

/**
 * The new deadline once the centre approves: the extra time runs on from the current deadline.
 * To learn whether it relied on a provisional year, run it through the calendar's `track`:
 * `calendar.track((c) => extendDeadline(request, c, policy)).provisional`.
 */
export function extendDeadline(
  request: ExtensionRequest,
  calendar: WorkingCalendar,
  policy: Policy,
): Date {
  const check = canRequestExtension(request, policy);
  if (!check.ok) throw new RangeError(check.explanation);
  return applyLimit(request.handlingBy, check.extra, calendar);
}

function refuse(
  code: Exclude<ExtensionCheck, { ok: true }>['code'],
  explanation: string,
): ExtensionCheck {
  return { ok: false, code, explanation };
}
