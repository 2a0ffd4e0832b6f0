export * from './temporal-config';
export * from './search-attributes';
export * from './client';
