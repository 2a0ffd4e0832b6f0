import type { ReferenceData } from './types';
import { sampleCityReferenceData, sampleReferenceData } from './sample';

/**
 * The reference data sets this build ships, by name. Production wiring loads one by name
 * (configuration), so nothing outside tests calls `sampleReferenceData()` directly; a city with
 * its own files adds its set here, or parses them itself with `parseReferenceData`.
 */
const REFERENCE_DATA_SETS: Readonly<Record<string, () => ReferenceData>> = {
  /** 云川区, the fictional sample district in `data/`. */
  'sample-district': sampleReferenceData,
  /** The fictional sample city: the 12345 centre, city units and three districts (云川区 among them). */
  'sample-city': sampleCityReferenceData,
};

export const REFERENCE_DATA_NAMES = Object.keys(REFERENCE_DATA_SETS);

/** The named reference data set, validated once; an unknown name says which names exist. */
export function loadReferenceData(name: string): ReferenceData {
  const load = Object.hasOwn(REFERENCE_DATA_SETS, name) ? REFERENCE_DATA_SETS[name] : undefined;
  if (!load)
    throw new Error(`Unknown reference data "${name}"; known: ${REFERENCE_DATA_NAMES.join(', ')}`);
  return load();
}

/**
 * The whole city a named set belongs to (a district's view: its city). Three-level features
 * read it: city routing, a street of another district blowing a whistle.
 */
const CITY_OF_SET: Readonly<Record<string, () => ReferenceData>> = {
  'sample-district': sampleCityReferenceData,
  'sample-city': sampleCityReferenceData,
};

export function loadCityReferenceData(name: string): ReferenceData {
  const load = Object.hasOwn(CITY_OF_SET, name) ? CITY_OF_SET[name] : undefined;
  if (!load)
    throw new Error(`Unknown reference data "${name}"; known: ${REFERENCE_DATA_NAMES.join(', ')}`);
  return load();
}
