export * from './kafka-config';
export * from './kafka';
export * from './topics';
export * from './event-publisher';
export * from './topic-reader';
export * from './raw-messages';
export * from './batch-event-consumer';
