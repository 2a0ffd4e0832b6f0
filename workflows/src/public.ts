// Types and handles that clients (the API) may import without pulling workflow code in.
export type { OrderWorkflowInput } from './order/order-input';
export type { OrderState } from './order/order.workflow';
export type { EventActivities } from './activities';
