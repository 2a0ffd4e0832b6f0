import raw from '../../data/admission-list.json';
import { sampleReferenceData } from '../reference/sample';
import { type AdmissionApplication, type AdmissionList, parseAdmissionList } from './admission';

let cached: AdmissionList | undefined;

/** The sample district's published admission list (准入事项清单), validated once. */
export function sampleAdmissionList(): AdmissionList {
  cached ??= parseAdmissionList(raw, sampleReferenceData());
  return cached;
}

/**
 * A realistic application for tests and examples: the health commission asks communities to
 * remind families of children's vaccinations (a complete one, with basis, people and money).
 */
export function sampleAdmissionApplication(
  over: Partial<AdmissionApplication> = {},
): AdmissionApplication {
  return {
    departmentId: 'WJW',
    taskName: '适龄儿童疫苗接种入户提醒',
    description: '社区对辖区适龄儿童家庭入户提醒按时接种',
    level: 'community',
    list: 'assisting',
    legalBasis: '《疫苗管理法》第四十七条',
    frequency: '每月',
    resources: '区卫健委派一名公卫医生驻点',
    funding: '每社区每年2万元工作经费',
    ...over,
  };
}
