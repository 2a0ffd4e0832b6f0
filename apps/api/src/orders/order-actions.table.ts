import {
  escalateOrderToWhistleBodySchema,
  ORDER_ACTION_BODIES,
  type OrderActionName,
} from '@hotline/contracts';
import { type ActionSpec } from '../common/actions/action-table';

/** Every order action: a workflow update `<name>Update`. */
export type OrderAction = OrderActionName | 'escalateToWhistle';

const UNIT = ['unit'] as const;
const CENTRE = ['supervisor'] as const;

/**
 * The order actions (POST /orders/:orderId/<path>), one row each: route, roles, body, words.
 * Routes, validation and OpenAPI come from this table (common/actions/action-table.ts).
 */
export const ORDER_ACTIONS: readonly ActionSpec<OrderAction>[] = [
  // ------------------------------------------------------------ the handling unit
  {
    name: 'acknowledge',
    path: 'acknowledge',
    method: 'acknowledge',
    roles: UNIT,
    summary: 'Acknowledge (签收) an order dispatched to your unit',
    body: ORDER_ACTION_BODIES.acknowledge,
  },
  {
    name: 'return',
    path: 'return',
    method: 'returnOrder',
    roles: UNIT,
    summary:
      'Return (退单) an order that is not your duty, before acknowledging, within the window',
    body: ORDER_ACTION_BODIES.return,
  },
  {
    name: 'respond',
    path: 'respond',
    method: 'respond',
    roles: UNIT,
    summary: 'Record the first contact with the caller (响应)',
    body: ORDER_ACTION_BODIES.respond,
  },
  {
    name: 'reportProgress',
    path: 'progress',
    method: 'progress',
    roles: UNIT,
    summary: 'Report progress (lead or assisting unit)',
    body: ORDER_ACTION_BODIES.reportProgress,
  },
  {
    name: 'requestExtension',
    path: 'extension-request',
    method: 'requestExtension',
    roles: UNIT,
    summary: 'Request an extension (延期) before the handling limit',
    body: ORDER_ACTION_BODIES.requestExtension,
  },
  {
    name: 'resolve',
    path: 'resolve',
    method: 'resolve',
    roles: UNIT,
    summary: 'Report the result (办结)',
    body: ORDER_ACTION_BODIES.resolve,
  },
  {
    name: 'escalateToWhistle',
    path: 'escalate-to-whistle',
    method: 'escalateToWhistle',
    roles: UNIT,
    summary:
      'The lead street blows a whistle (吹哨) for this order; the order waits for its outcome',
    body: escalateOrderToWhistleBodySchema,
    ok: 'The order’s new state, with the whistle it waits for',
    forbidden: 'Only the order’s lead unit, a street or township',
    conflict: 'Not while the order is in this state',
  },
  {
    name: 'requestExclusion',
    path: 'exclusion-request',
    method: 'requestExclusion',
    roles: UNIT,
    summary: 'Ask to take the order out of your scores (剔除), after resolving',
    body: ORDER_ACTION_BODIES.requestExclusion,
  },
  // ------------------------------------------------------------ the centre
  {
    name: 'dispatchManually',
    path: 'dispatch',
    method: 'dispatch',
    roles: CENTRE,
    summary: 'Dispatch manually (人工派单) an order in the manual queue',
    body: ORDER_ACTION_BODIES.dispatchManually,
  },
  {
    name: 'decideArbitration',
    path: 'arbitration',
    method: 'arbitrate',
    roles: CENTRE,
    summary: 'Decide a disputed assignment (争议裁定); final',
    body: ORDER_ACTION_BODIES.decideArbitration,
  },
  {
    name: 'decideExtension',
    path: 'extension-decision',
    method: 'decideExtension',
    roles: CENTRE,
    summary: 'Approve or deny a requested extension',
    body: ORDER_ACTION_BODIES.decideExtension,
  },
  {
    name: 'urge',
    path: 'urge',
    method: 'urge',
    roles: CENTRE,
    summary: 'Send a reminder notice (催办)',
    body: ORDER_ACTION_BODIES.urge,
  },
  {
    name: 'supervise',
    path: 'supervise',
    method: 'supervise',
    roles: CENTRE,
    summary: 'Escalate formally (督办), on record',
    body: ORDER_ACTION_BODIES.supervise,
  },
  {
    name: 'decideExclusion',
    path: 'exclusion-decision',
    method: 'decideExclusion',
    roles: CENTRE,
    summary: 'Approve or deny an exclusion request (剔除)',
    body: ORDER_ACTION_BODIES.decideExclusion,
  },
  {
    name: 'terminate',
    path: 'terminate',
    method: 'terminate',
    roles: CENTRE,
    summary: 'Terminate handling (终止办理) after review',
    body: ORDER_ACTION_BODIES.terminate,
  },
  {
    name: 'recordCallback',
    path: 'callback',
    method: 'callback',
    roles: ['operator', 'supervisor'],
    summary: 'Record a callback attempt (回访): solved? satisfied?',
    body: ORDER_ACTION_BODIES.recordCallback,
  },
];
