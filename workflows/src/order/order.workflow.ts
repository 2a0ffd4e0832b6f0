import type { OrderReceivedV1 } from '@hotline/contracts';
import { SEARCH_ATTRIBUTES } from '@hotline/temporal/search-attributes';
import {
  defineQuery,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { EventActivities } from '../activities';
import { EventRecorder } from '../shared/event-recorder';
import type { OrderWorkflowInput } from './order-input';

const { publishEvents } = proxyActivities<EventActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface OrderState {
  orderId: string;
  status: 'received';
  lastSequence: number;
}

export const orderStateQuery = defineQuery<OrderState>('orderState');

/** One 12345 work order (工单), from intake to closure. */
export async function hotlineOrderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const events = new EventRecorder('order', input.orderId);
  const state: OrderState = { orderId: input.orderId, status: 'received', lastSequence: 0 };
  setHandler(orderStateQuery, () => state);

  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.OrderStatus, value: state.status },
    { key: SEARCH_ATTRIBUTES.Urgency, value: input.urgency },
    ...(input.location.streetId
      ? [{ key: SEARCH_ATTRIBUTES.Street, value: input.location.streetId }]
      : []),
    ...(input.matterTypeCode
      ? [{ key: SEARCH_ATTRIBUTES.MatterType, value: input.matterTypeCode }]
      : []),
  ]);

  const received: OrderReceivedV1 = {
    orderId: input.orderId,
    channel: input.channel,
    category: input.category,
    content: input.content,
    urgency: input.urgency,
    location: input.location,
    receivedAt: input.receivedAt,
    ...(input.matterTypeCode ? { matterTypeCode: input.matterTypeCode } : {}),
  };
  await publishEvents([events.record('OrderReceived', 1, received)]);
  state.lastSequence = events.lastSequence;
  return state;
}
