/** Nest injection tokens for the infrastructure the API is given at start. */
export const API_CONFIG = Symbol('API_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');
