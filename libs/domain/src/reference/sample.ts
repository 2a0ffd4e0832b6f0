/**
 * The shipped sample (a fictional district, 云川区), imported as JSON modules so that a bundler
 * (the Temporal workflow bundle) includes it: no file system access here.
 */
import dutyList from '../../data/duty-list.json';
import filterRules from '../../data/filter-rules.json';
import holidays from '../../data/holidays.json';
import knowledgeBase from '../../data/knowledge-base.json';
import policy from '../../data/policy.json';
import territory from '../../data/territory.json';
import units from '../../data/units.json';
import { parseReferenceData } from './parse';
import type { ReferenceData } from './types';

let cached: ReferenceData | undefined;

/** The validated sample reference data; parsed once, then shared (it is read-only). */
export function sampleReferenceData(): ReferenceData {
  cached ??= parseReferenceData({
    territory,
    units,
    dutyList,
    holidays,
    policy,
    knowledgeBase,
    filterRules,
  });
  return cached;
}
