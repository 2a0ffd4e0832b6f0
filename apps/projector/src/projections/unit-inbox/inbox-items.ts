import { type OrderSnapshot, UNIT_STATUSES } from '../order-view/order-snapshot';

export interface InboxItem {
  unitId: string;
  role: 'lead' | 'assisting';
  nextAction: string;
  dueAt: string | null;
}

/** What the lead unit must do for each kind of limit that is due next. */
const LEAD_ACTION: Record<string, string> = {
  acknowledge: 'acknowledge', // 签收 (or 退单 within the return window)
  response: 'respond', // first contact with the caller
  handling: 'resolve', // 办结
  callback: 'await_callback', // the centre calls back (回访)
};

/**
 * The inbox rows of one order: the lead unit (主办) and each assisting unit (协办), while a unit
 * holds the order. Assisting units work towards the handling limit.
 */
export function inboxItems(s: OrderSnapshot): InboxItem[] {
  if (!s.leadUnitId || !UNIT_STATUSES.includes(s.status)) return [];
  const lead: InboxItem = {
    unitId: s.leadUnitId,
    role: 'lead',
    nextAction: (s.nextDueKind && LEAD_ACTION[s.nextDueKind]) ?? 'handle',
    dueAt: s.nextDueAt,
  };
  const assisting = s.assistingUnitIds
    .filter((u) => u !== s.leadUnitId)
    .map<InboxItem>((unitId) => ({
      unitId,
      role: 'assisting',
      nextAction: s.status === 'resolved' ? 'await_callback' : 'assist',
      dueAt: s.status === 'resolved' ? null : s.handleBy,
    }));
  return [lead, ...assisting];
}
