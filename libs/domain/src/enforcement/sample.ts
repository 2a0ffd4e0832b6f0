import raw from '../../data/enforcement-powers.json';
import { sampleCityReferenceData } from '../reference/sample';
import { type EnforcementPowerList, parseEnforcementPowers } from './powers';

let cached: EnforcementPowerList | undefined;

/** The sample city's list of powers devolved to streets (执法职权清单), validated once. */
export function sampleEnforcementPowers(): EnforcementPowerList {
  cached ??= parseEnforcementPowers(raw, sampleCityReferenceData());
  return cached;
}
