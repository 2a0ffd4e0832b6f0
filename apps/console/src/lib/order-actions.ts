import type { OrderActionPath } from '../api/actions';
import type { OrderState } from '../api/models';
import type { Claims } from '../auth/session';

/**
 * Which actions the console offers on an order now. Only a convenience: the API and the order's
 * workflow decide, and a refusal is shown with their reason.
 */
export type OrderActionKey =
  | 'acknowledge'
  | 'return'
  | 'respond'
  | 'progress'
  | 'extension-request'
  | 'resolve'
  | 'exclusion-request'
  | 'escalate-to-whistle'
  | 'dispatch'
  | 'arbitration'
  | 'extension-decision'
  | 'exclusion-decision'
  | 'urge'
  | 'supervise'
  | 'terminate'
  | 'callback';

export const ACTION_LABEL: Record<OrderActionKey, string> = {
  acknowledge: '签收',
  return: '退单',
  respond: '响应',
  progress: '进展',
  'extension-request': '延期申请',
  resolve: '办结',
  'exclusion-request': '剔除申请',
  'escalate-to-whistle': '吹哨',
  dispatch: '人工派单',
  arbitration: '争议裁定',
  'extension-decision': '延期审批',
  'exclusion-decision': '剔除审批',
  urge: '催办',
  supervise: '督办',
  terminate: '终止办理',
  callback: '回访',
};

export const actionPath = (key: OrderActionKey) => `/orders/{orderId}/${key}` as OrderActionPath;

const HANDLING = ['acknowledged', 'responded', 'in_progress'];
const OPEN = ['dispatched', ...HANDLING];

export function availableActions(
  state: Pick<
    OrderState,
    | 'status'
    | 'leadUnitId'
    | 'assistingUnitIds'
    | 'returnable'
    | 'extension'
    | 'exclusion'
    | 'whistle'
  >,
  claims: Pick<Claims, 'role' | 'unitId'>,
  unitIsStreet: (id: string) => boolean,
): OrderActionKey[] {
  const s = state.status;
  const actions: OrderActionKey[] = [];
  if (claims.role === 'unit') {
    const lead = claims.unitId === state.leadUnitId;
    const assisting = state.assistingUnitIds.includes(claims.unitId ?? '');
    const waitingForWhistle = state.whistle?.status === 'waiting';
    if (lead && s === 'dispatched') actions.push('acknowledge');
    if (lead && s === 'dispatched' && state.returnable) actions.push('return');
    if (lead && s === 'acknowledged') actions.push('respond');
    if ((lead || assisting) && HANDLING.includes(s)) actions.push('progress');
    if (lead && HANDLING.includes(s) && state.extension?.status !== 'pending')
      actions.push('extension-request');
    if (lead && (s === 'responded' || s === 'in_progress') && !waitingForWhistle)
      actions.push('resolve');
    if (lead && s === 'resolved' && !state.exclusion) actions.push('exclusion-request');
    if (lead && HANDLING.includes(s) && unitIsStreet(claims.unitId ?? '') && !waitingForWhistle)
      actions.push('escalate-to-whistle');
  }
  if (claims.role === 'supervisor') {
    if (s === 'awaiting_dispatch') actions.push('dispatch');
    if (s === 'in_arbitration') actions.push('arbitration');
    if (state.extension?.status === 'pending') actions.push('extension-decision');
    if (state.exclusion?.status === 'pending') actions.push('exclusion-decision');
    if (OPEN.includes(s)) actions.push('urge', 'supervise');
    if (s !== 'closed') actions.push('terminate');
  }
  if ((claims.role === 'supervisor' || claims.role === 'operator') && s === 'resolved')
    actions.push('callback');
  return actions;
}
