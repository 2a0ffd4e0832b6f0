/** Nest injection tokens for the infrastructure the API is given at start. */
export const API_CONFIG = Symbol('API_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');
/**
 * The whole city of the same data set (三级: every district, the city centre and units), for
 * what spans districts: who takes a call, district scoping, rankings at every level. For a
 * single-district data set it is that district.
 */
export const CITY_REFERENCE_DATA = Symbol('CITY_REFERENCE_DATA');
