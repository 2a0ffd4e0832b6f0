/**
 * The shipped sample (a fictional 北京市 with three districts: 云川区, 澜山区, 禾溪区), imported as
 * JSON modules so that a bundler (the Temporal workflow bundle) includes it: no file system
 * access here.
 */
import dutyList from '../../data/duty-list.json';
import filterRules from '../../data/filter-rules.json';
import holidays from '../../data/holidays.json';
import knowledgeBase from '../../data/knowledge-base.json';
import policy from '../../data/policy.json';
import territory from '../../data/territory.json';
import units from '../../data/units.json';
import { districtReferenceData } from './city';
import { parseReferenceData } from './parse';
import type { ReferenceData } from './types';

/** The sample district every existing test, history and deployment uses. */
export const SAMPLE_DISTRICT_ID = 'YC';

let city: ReferenceData | undefined;
let district: ReferenceData | undefined;

/** The whole sample city (city level, three districts); parsed once, then shared (read-only). */
export function sampleCityReferenceData(): ReferenceData {
  city ??= parseReferenceData({
    territory,
    units,
    dutyList,
    holidays,
    policy,
    knowledgeBase,
    filterRules,
  });
  return city;
}

/**
 * 云川区's view of the sample (its streets and units, plus the city-level units it may dispatch
 * to, unranked here): the data as it was before the city level, so that everything written for
 * one district keeps its ids, routing and rankings. Parsed once, then shared (read-only).
 */
export function sampleReferenceData(): ReferenceData {
  district ??= districtReferenceData(sampleCityReferenceData(), SAMPLE_DISTRICT_ID);
  return district;
}
