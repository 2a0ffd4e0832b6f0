/**
 * The shipped sample intake data (gazetteer, matter lexicon, speech patterns) for the sample
 * city, validated against the sample city's reference data (its three districts' places) and
 * built once: the n-gram model trains here, in a few milliseconds, at the first call.
 */
import gazetteer from '../../data/gazetteer.json';
import patterns from '../../data/intake-patterns.json';
import lexicon from '../../data/matter-lexicon.json';
import { sampleCityReferenceData } from '../reference/sample';
import { parseIntakeFiles } from './intake-data';
import { buildIntakeModel, type IntakeModel } from './screen-call';

let cached: IntakeModel | undefined;

export function sampleIntakeModel(): IntakeModel {
  if (!cached) {
    const ref = sampleCityReferenceData();
    cached = buildIntakeModel(ref, parseIntakeFiles({ gazetteer, lexicon, patterns }, ref));
  }
  return cached;
}
