export * from './database-config';
export * from './data-source';
export * from './entities/order-intake.entity';
export * from './entities/caller-contact.entity';
export * from './entities/order-view.entity';
