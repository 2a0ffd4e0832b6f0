// Types and definitions that clients (the API, tests) may import without pulling in workflow code.
export type * from './order/order-model';
export { ORDER_COMMAND_TYPES, OrderActionRefused } from './order/order-model';
export type { OrderState } from './order/order-model';
export type * from './activities';
export type * from './whistle/whistle-model';
export { WHISTLE_COMMAND_TYPES, WhistleActionRefused } from './whistle/whistle-model';
