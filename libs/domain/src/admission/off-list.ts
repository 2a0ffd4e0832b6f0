/**
 * Off-list work (清单外事项): the street's duty list (职责清单) and the admission list
 * (准入事项清单) say what a street or community must do. An order, a whistle or a proactive task
 * that makes a street lead (or own) a matter the list gives to a department — or that comes with no
 * listed matter at all — pushes work down without admission. Inspectors counted one residents'
 * committee doing 195 recurring tasks against a published list of 46; this rule lets the system
 * count such work per unit as it is dispatched. Pure: the reference data and the list are passed in.
 */
import type { ReferenceData } from '../reference/types';
import type { AdmissionList } from './admission';

/** How the work reaches the unit: it leads (主办) or owns it, or it assists (协办). */
export type DutyRole = 'lead' | 'owner' | 'assisting';

export interface DutyCheckSubject {
  readonly unitId: string;
  readonly role: DutyRole;
  readonly matterTypeCode?: string | null;
  /** An admitted task (准入事项) the work is done under, if the dispatcher names one. */
  readonly admissionEntryCode?: string | null;
}

export const OFF_LIST_REASONS = [
  'street_only_assists', // 清单中街道仅参与配合，主责在部门
  'no_matter_type', // 无清单事项依据
  'unknown_matter', // 事项不在职责清单
  'unknown_entry', // 所称准入事项不在清单
] as const;
export type OffListReason = (typeof OFF_LIST_REASONS)[number];

export type DutyAdmissionCheck =
  | {
      readonly onList: true;
      readonly reason: 'not_a_street' | 'listed_duty' | 'admitted_entry';
      readonly explanation: string;
    }
  | { readonly onList: false; readonly reason: OffListReason; readonly explanation: string };

/** Whether this work is on the unit's lists. Only streets and townships are protected by them. */
export function checkDutyAdmission(
  subject: DutyCheckSubject,
  ref: ReferenceData,
  list: AdmissionList,
): DutyAdmissionCheck {
  const unit = ref.index.units.get(subject.unitId);
  if (!unit || (unit.kind !== 'street' && unit.kind !== 'township'))
    return {
      onList: true,
      reason: 'not_a_street',
      explanation: `${subject.unitId} 不是街道（乡镇），不适用准入清单`,
    };
  if (subject.admissionEntryCode) {
    const entry = list.entries.find((e) => e.code === subject.admissionEntryCode);
    return entry
      ? {
          onList: true,
          reason: 'admitted_entry',
          explanation: `依准入事项 ${entry.code}「${entry.name}」办理`,
        }
      : {
          onList: false,
          reason: 'unknown_entry',
          explanation: `准入清单中没有事项 ${subject.admissionEntryCode}`,
        };
  }
  if (!subject.matterTypeCode)
    return {
      onList: false,
      reason: 'no_matter_type',
      explanation: `交给${unit.name}的工作没有对应的职责清单事项`,
    };
  const matter = ref.index.matterTypes.get(subject.matterTypeCode);
  if (!matter)
    return {
      onList: false,
      reason: 'unknown_matter',
      explanation: `事项 ${subject.matterTypeCode} 不在职责清单中`,
    };
  if (subject.role !== 'assisting' && matter.streetRole === 'assist') {
    const lead = matter.leadUnitId ? ref.index.units.get(matter.leadUnitId)?.name : undefined;
    return {
      onList: false,
      reason: 'street_only_assists',
      explanation: `职责清单中街道对「${matter.name}」仅参与配合${lead ? `，主责单位为${lead}` : ''}，却由${unit.name}主办`,
    };
  }
  return {
    onList: true,
    reason: 'listed_duty',
    explanation: `「${matter.name}」在${unit.name}的职责清单中`,
  };
}
