import {
  districtReferenceData,
  parseReferenceData,
  type RawReferenceFiles,
  REFERENCE_FILES,
  type ReferenceData,
  type ReferenceFileKey,
  SAMPLE_DISTRICT_ID,
} from '@hotline/domain';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SAMPLE_DIRECTORY = path.resolve(__dirname, '../../../../libs/domain/data');

/**
 * Reference data sets shipped with the code, by name. libs/domain/data describes a fictional
 * city (北京市, three districts). `yunchuan` is its district 云川区 as development, the tests and
 * the demo run on it (the same view as the worker's `sample-district`); `sample-city` is the
 * whole city. A city deploys its own set as a directory of the same seven files and names that
 * directory instead.
 */
const SHIPPED: Readonly<Record<string, { directory: string; district: string | null }>> = {
  yunchuan: { directory: SAMPLE_DIRECTORY, district: SAMPLE_DISTRICT_ID },
  'sample-city': { directory: SAMPLE_DIRECTORY, district: null },
};

/**
 * The whole city the named set belongs to (a shipped district view: its city; a directory: as
 * it is). Three-level features read it: taking calls for any district, scoping, rankings.
 */
export function loadCityReferenceData(nameOrDirectory: string): ReferenceData {
  const shipped = Object.hasOwn(SHIPPED, nameOrDirectory) ? SHIPPED[nameOrDirectory] : undefined;
  return loadReferenceData(shipped ? shipped.directory : nameOrDirectory);
}

/** Loads and validates a reference data set by name (or directory); a bad file fails the start. */
export function loadReferenceData(nameOrDirectory: string): ReferenceData {
  const shipped = Object.hasOwn(SHIPPED, nameOrDirectory) ? SHIPPED[nameOrDirectory] : undefined;
  const directory = shipped?.directory ?? path.resolve(nameOrDirectory);
  const raw = Object.fromEntries(
    (Object.entries(REFERENCE_FILES) as [ReferenceFileKey, string][]).map(([key, file]) => {
      const at = path.join(directory, file);
      try {
        return [key, JSON.parse(readFileSync(at, 'utf8')) as unknown];
      } catch (err) {
        throw new Error(
          `reference data "${nameOrDirectory}": cannot read ${at}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }),
  ) as RawReferenceFiles;
  const ref = parseReferenceData(raw);
  return shipped?.district ? districtReferenceData(ref, shipped.district) : ref;
}
