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

export type ExtensionRefusalCode =
  'deadline_passed' | 'limit_reached' | 'too_long' | 'invalid_amount' | 'not_later';

export type ExtensionCheck =
  | { readonly ok: true; readonly extra: Limit }
  | { readonly ok: false; readonly code: ExtensionRefusalCode; readonly explanation: string };

/** The part of the rule that needs no calendar: in time, and not past the count. */
function checkTimingAndCount(
  request: Pick<ExtensionRequest, 'requestedAt' | 'handlingBy' | 'extensionsGranted'>,
  maxCount: number,
): Extract<ExtensionCheck, { ok: false }> | null {
  if (request.requestedAt > request.handlingBy) {
    return refuse('deadline_passed', '办理时限已过，不能再申请延期，按超期处理');
  }
  if (request.extensionsGranted >= maxCount) {
    return refuse('limit_reached', `已延期${request.extensionsGranted}次，达到上限${maxCount}次`);
  }
  return null;
}

export function canRequestExtension(request: ExtensionRequest, policy: Policy): ExtensionCheck {
  const rule = extensionRule(request.handlingClass, policy);
  const extra = request.extra ?? rule.maxExtra.amount;
  const refused = checkTimingAndCount(request, rule.maxCount);
  if (refused) return refused;
  if (!(extra > 0) || (rule.maxExtra.unit.endsWith('Days') && !Number.isInteger(extra))) {
    return refuse('invalid_amount', `延期时长无效：${extra}`);
  }
  if (extra > rule.maxExtra.amount) {
    return refuse('too_long', `申请延期超过上限${describeLimit(rule.maxExtra)}`);
  }
  return { ok: true, extra: { unit: rule.maxExtra.unit, amount: extra } };
}

/**
 * The same rule for a request that names the new limit as an instant (as the API and the order
 * workflow do): in time, within the count, later than the limit in force and no later than
 * `latestHandlingBy`, the longest extension by the calendar (`extendDeadline` with the default
 * extra, looked up by the workflow as an activity). Without `latestHandlingBy` (before the lookup)
 * everything else is checked.
 */
export function canExtendTo(
  request: {
    readonly requestedAt: Date;
    readonly handlingBy: Date;
    readonly extensionsGranted: number;
    readonly requestedHandlingBy: Date;
    readonly latestHandlingBy?: Date;
  },
  policy: { readonly extension: Pick<Policy['extension'], 'maxCount'> },
): { readonly ok: true } | Extract<ExtensionCheck, { ok: false }> {
  const refused = checkTimingAndCount(request, policy.extension.maxCount);
  if (refused) return refused;
  if (
    Number.isNaN(request.requestedHandlingBy.getTime()) ||
    request.requestedHandlingBy <= request.handlingBy
  ) {
    return refuse('not_later', `申请的办理时限须晚于现行时限 ${request.handlingBy.toISOString()}`);
  }
  if (request.latestHandlingBy && request.requestedHandlingBy > request.latestHandlingBy) {
    return refuse(
      'too_long',
      `延期不得超过原办理时限，最晚至 ${request.latestHandlingBy.toISOString()}`,
    );
  }
  return { ok: true };
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
  code: ExtensionRefusalCode,
  explanation: string,
): Extract<ExtensionCheck, { ok: false }> {
  return { ok: false, code, explanation };
}
