import {
  describeLimit,
  type MatterBlock,
  type MatterType,
  type ReferenceData,
} from '@hotline/domain';

/** The six blocks of the street duty list, as Open311 `group`s. */
export const BLOCK_NAMES: Readonly<Record<MatterBlock, string>> = {
  party: '党群工作',
  safety: '平安建设',
  urban: '城市管理',
  community: '社区建设',
  livelihood: '民生保障',
  support: '综合保障',
};

/** One GeoReport v2 service (GET services): a matter type of the duty list (职责清单). */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
};

export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
};

export type Open311ServiceDefinition = {
  service_code: string;
  attributes: Open311Attribute[];
};

/**
 * Where a matter needs a place (most do: a street has to find it), the exact spot is required —
 * the address alone rarely says which building or gate — and when it was noticed is optional.
 * Placeless matters (social insurance, a bus line) ask nothing more: metadata false.
 */
export const LOCATION_DETAIL: Open311Attribute = {
  variable: true,
  code: 'location_detail',
  datatype: 'string',
  required: true,
  datatype_description: '楼号、单元、门牌或路口等，1–200字 (building, entrance, gate or crossing)',
  order: 1,
  description: '具体位置 (the exact spot)',
};

export const OBSERVED_AT: Open311Attribute = {
  variable: true,
  code: 'observed_at',
  datatype: 'datetime',
  required: false,
  datatype_description: 'ISO 8601，如 2026-11-23T21:30:00+08:00',
  order: 2,
  description: '发现时间 (when it was noticed)',
};

export function attributesOf(matter: MatterType): Open311Attribute[] {
  return matter.needsPlace ? [LOCATION_DETAIL, OBSERVED_AT] : [];
}

export function serviceList(ref: ReferenceData): Open311Service[] {
  return ref.matterTypes.map((m) => ({
    service_code: m.code,
    service_name: m.name,
    description: serviceDescription(m, ref),
    metadata: attributesOf(m).length > 0,
    type: 'realtime',
    keywords: m.keywords.join(', '),
    group: BLOCK_NAMES[m.block],
  }));
}

export function serviceDefinition(matter: MatterType): Open311ServiceDefinition {
  return { service_code: matter.code, attributes: attributesOf(matter) };
}

/** Who answers for the matter and how long handling takes, in a citizen's words. */
function serviceDescription(m: MatterType, ref: ReferenceData): string {
  const lead = m.leadUnitId ? ref.index.units.get(m.leadUnitId)?.name : undefined;
  const who = lead
    ? `主责单位：${lead}，属地街道（乡镇）参与配合`
    : m.streetRole === 'coordinate'
      ? '属地街道（乡镇）组织协调'
      : '属地街道（乡镇）负责';
  return `${m.name}。${who}。${handlingNotice(m, ref)}`;
}

/** The handling limit (办理时限) of the matter's tier, e.g. "签收后7日（自然日…）内反馈办理结果". */
export function handlingNotice(m: MatterType | undefined, ref: ReferenceData): string {
  const limit = ref.policy.handling[m?.handlingClass ?? 'general'];
  return `签收后${describeLimit(limit)}内反馈办理结果`;
}
