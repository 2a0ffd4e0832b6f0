import type { UnitLedger } from '@hotline/domain';

/** Words a clerk reads in the ledger, for the codes the read models keep. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  received: '已受理',
  dispatched: '已派单',
  awaiting_dispatch: '待派单',
  acknowledged: '已签收',
  responded: '已响应',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已结案',
  in_arbitration: '争议裁定中',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  emergency: '应急哨',
  routine: '日常哨',
  key_task: '攻坚哨',
  reporting: '报到中',
  committing: '表态中',
  acting: '办理中',
  verifying: '核查中',
  verified: '已核查',
  escalated: '已上报',
  refused: '已退回',
  pending: '待定',
  on_time: '按时',
  late: '迟到',
  missed: '缺席',
  made: '已表态',
  // Proactive tasks (未诉先办) and off-list work (清单外事项)
  planning: '待制定方案',
  measuring: '成效观察期',
  cancelled: '已撤销',
  effective: '有效',
  not_effective: '未见成效',
  insufficient_data: '数据不足',
  order: '工单',
  whistle: '吹哨',
  proactive_task: '主动治理任务',
  street_only_assists: '街道仅配合却主办',
  no_matter_type: '无清单事项依据',
  unknown_matter: '事项不在清单',
  unknown_entry: '准入事项不存在',
};

export const ROLE_LABELS = {
  lead: '主办',
  assisting: '协办',
  blower: '吹哨方',
  summoned: '报到方',
} as const;

/** An instant as Beijing wall-clock time, "2026-11-03 10:05". */
export function beijingTime(at: Date | null): string {
  if (!at) return '';
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const percent = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

/** For every case id, the labels of the ledger lines it is counted in. */
export function basisIndex(ledger: UnitLedger): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const section of ledger.sections) {
    for (const line of section.lines) {
      for (const id of line.basis) {
        const labels = index.get(id) ?? [];
        labels.push(line.label);
        index.set(id, labels);
      }
    }
  }
  return index;
}
