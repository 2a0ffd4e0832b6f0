import {
  parseReferenceData,
  type RawReferenceFiles,
  REFERENCE_FILES,
  type ReferenceData,
  type ReferenceFileKey,
} from '@hotline/domain';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reference data sets shipped with the code, by name. `yunchuan` is 云川区, the fictional district
 * of libs/domain/data that development, the tests and the demo run on. A city deploys its own set
 * as a directory of the same seven files and names that directory instead.
 */
const SHIPPED: Readonly<Record<string, string>> = {
  yunchuan: path.resolve(__dirname, '../../../../libs/domain/data'),
};

/** Loads and validates a reference data set by name (or directory); a bad file fails the start. */
export function loadReferenceData(nameOrDirectory: string): ReferenceData {
  const directory = SHIPPED[nameOrDirectory] ?? path.resolve(nameOrDirectory);
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
  return parseReferenceData(raw);
}
