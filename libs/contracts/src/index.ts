export * from './events/envelope';
export * from './events/order-events';
export * from './events/proactive-events';
export * from './events/registry';
export * from './events/topics';
export * from './api/create-order';
export * from './config/environment';
export * from './api/order-actions';
