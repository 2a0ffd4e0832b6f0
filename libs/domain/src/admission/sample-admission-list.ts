import raw from '../../data/admission-list.json';
import { sampleReferenceData } from '../reference/sample';
import { type AdmissionList, parseAdmissionList } from './admission';

let cached: AdmissionList | undefined;

/** The sample district's published admission list (准入事项清单), validated once. */
export function sampleAdmissionList(): AdmissionList {
  cached ??= parseAdmissionList(raw, sampleReferenceData());
  return cached;
}
