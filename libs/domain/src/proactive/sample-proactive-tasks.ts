import type { ProactiveTaskScope, ProactiveTaskSource } from './proactive-task';

/** A proactive task as the centre words it, for tests, examples and demonstrations. */
export interface SampleProactiveTask {
  readonly source: ProactiveTaskSource;
  readonly scope: ProactiveTaskScope;
  readonly title: string;
  readonly description: string;
  readonly ownerUnitId: string;
  /** Days from the start to the owner's deadline. */
  readonly dueInDays: number;
}

/**
 * Realistic proactive tasks of the sample district (云川区): one from a hotspot (garbage not
 * collected in 枫桥街道's second community, a matter the street coordinates), one monthly topic
 * (每月一题) led by the city-management commission district-wide, and one that pushes a
 * department's matter onto a street (restaurant fumes, which the list gives to enforcement): the
 * kind of task the off-list check flags.
 */
export const SAMPLE_PROACTIVE_TASKS: readonly SampleProactiveTask[] = [
  {
    source: {
      kind: 'hotspot',
      hotspotId: 'CG-005|FQJD-02|2026-11-22',
      orderIds: [
        'HL20261116-0000101',
        'HL20261117-0000154',
        'HL20261119-0000233',
        'HL20261121-0000310',
        'HL20261122-0000348',
      ],
    },
    scope: { matterTypeCode: 'CG-005', streetId: 'FQJD', communityId: 'FQJD-02' },
    title: '枫桥街道二社区生活垃圾清运不及时集中整治',
    description:
      '近 7 日该社区生活垃圾清运不及时诉求 5 件，集中在早高峰前后，需协调环卫作业单位调整清运频次。',
    ownerUnitId: 'FQJD',
    dueInDays: 30,
  },
  {
    source: { kind: 'monthly_topic', month: '2026-11', orderIds: [] },
    scope: { matterTypeCode: 'CG-019' },
    title: '每月一题（2026年11月）：广场舞噪声扰民',
    description:
      '本月广场舞噪声诉求较上月增长一倍以上，由区城管委牵头，会同各街道制定错峰、限音措施。',
    ownerUnitId: 'CGW',
    dueInDays: 60,
  },
  {
    source: {
      kind: 'hotspot',
      hotspotId: 'CG-004|XHJD-03|2026-11-24',
      orderIds: [
        'HL20261120-0000411',
        'HL20261121-0000452',
        'HL20261122-0000470',
        'HL20261123-0000502',
        'HL20261124-0000533',
      ],
    },
    scope: { matterTypeCode: 'CG-004', streetId: 'XHJD', communityId: 'XHJD-03' },
    title: '星湖街道三社区餐饮油烟扰民整治',
    description: '沿街餐馆油烟扰民诉求集中，职责清单中由执法部门主办、街道配合。',
    ownerUnitId: 'XHJD',
    dueInDays: 20,
  },
];
