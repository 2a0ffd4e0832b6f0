import type { CreateOrderBody } from '../api/models';

/** What the operator typed at intake (受理), before it becomes POST /orders. */
export interface IntakeValues {
  callerName: string;
  phone: string;
  category: CreateOrderBody['category'];
  urgency: NonNullable<CreateOrderBody['urgency']>;
  content: string;
  address: string;
  streetId?: string;
  communityId?: string;
  matterTypeCode?: string;
  decision: 'suggested' | 'accept' | 'rejected' | 'merged' | 'answered_directly';
  rejectReason?:
    | 'outside_public_duty'
    | 'in_legal_process'
    | 'unlawful_demand'
    | 'abusive'
    | 'insufficient_information';
  mergeInto?: string;
  explanation?: string;
}

export const PHONE_PATTERN = /^\+?[0-9-]{5,20}$/;

/** A number worth looking up: the API's phone pattern and at least 7 digits (a local number). */
export function lookupPhone(phone: string): string | null {
  const p = phone.trim();
  return PHONE_PATTERN.test(p) && p.replace(/\D/g, '').length >= 7 ? p : null;
}

/** A fresh idempotency key per call: a retry of the same submission reuses it, a new call never does. */
export function newIdempotencyKey(now = new Date(), random = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  return `console-${stamp}-${Math.floor(random() * 1e9)
    .toString(36)
    .padStart(6, '0')}`;
}

/** The request body: the operator's decision, when it overrides the filter, goes into `screening`. */
export function orderRequest(v: IntakeValues, idempotencyKey: string): CreateOrderBody {
  const body: CreateOrderBody = {
    idempotencyKey,
    channel: 'phone',
    category: v.category,
    urgency: v.urgency,
    content: v.content.trim(),
    address: v.address.trim(),
    caller: { name: v.callerName.trim(), phone: v.phone.trim() },
    ...(v.streetId ? { streetId: v.streetId } : {}),
    ...(v.communityId ? { communityId: v.communityId } : {}),
    ...(v.matterTypeCode ? { matterTypeCode: v.matterTypeCode } : {}),
  };
  const explanation = v.explanation?.trim() ?? '';
  switch (v.decision) {
    case 'accept':
      return { ...body, screening: { outcome: 'accept' } };
    case 'rejected':
      return {
        ...body,
        screening: {
          outcome: 'rejected',
          reason: v.rejectReason ?? 'insufficient_information',
          explanation,
          decidedBy: 'operator',
        },
      };
    case 'merged':
      return {
        ...body,
        screening: {
          outcome: 'merged',
          intoOrderId: v.mergeInto ?? '',
          explanation,
          decidedBy: 'operator',
        },
      };
    case 'answered_directly':
      return {
        ...body,
        screening: { outcome: 'answered_directly', explanation, decidedBy: 'operator' },
      };
    default:
      return body;
  }
}

/**
 * Enter moves to the next field (keyboard first: the operator never reaches for the mouse);
 * Shift+Enter keeps a new line in the content; Ctrl/⌘+Enter submits. Returns true when handled.
 */
export function enterMovesOn(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'isComposing'>,
  current: Element,
  form: HTMLFormElement,
): 'next' | 'submit' | null {
  if (event.key !== 'Enter' || event.isComposing || event.shiftKey) return null;
  if (event.ctrlKey || event.metaKey) {
    form.requestSubmit();
    return 'submit';
  }
  const fields = Array.from(form.querySelectorAll<HTMLElement>('[data-intake-field]')).filter(
    (el) => !el.hasAttribute('disabled'),
  );
  const i = fields.findIndex((el) => el === current || el.contains(current));
  if (i < 0) return null;
  const next = fields[i + 1];
  if (!next) {
    form.requestSubmit();
    return 'submit';
  }
  const target = next.matches('input,textarea,button')
    ? next
    : next.querySelector<HTMLElement>('input,textarea,button');
  (target ?? next).focus();
  return 'next';
}

/** A candidate's confidence as an operator reads it: whole percent, and "<1%" for a remote one. */
export function confidenceLabel(confidence: number): string {
  const percent = Math.round(confidence * 100);
  return percent < 1 ? '<1%' : `${percent}%`;
}
