import raw from '../../data/deputy-stations.json';
import { sampleReferenceData } from '../reference/sample';
import { type DeputyStations, parseDeputyStations } from './deputies';

let cached: DeputyStations | undefined;

/** The sample district's deputies' stations (家站点) and their deputies, validated once. */
export function sampleDeputyStations(): DeputyStations {
  cached ??= parseDeputyStations(raw, sampleReferenceData());
  return cached;
}
