import type { LedgerOrderRow, LedgerWhistleRow, UnitLedger } from '@hotline/domain';
import ExcelJS from 'exceljs';
import { basisIndex, beijingTime, percent, ROLE_LABELS, STATUS_LABELS } from './ledger-labels';

/**
 * The ledger as a workbook: 台账汇总 (the figures, as the paper ledger had them), 工单明细 and
 * 吹哨明细 (one row per case, with the figures it counts in), so every number can be traced.
 */
export async function renderLedgerXlsx(ledger: UnitLedger): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '12345 接诉即办系统';
  book.created = ledger.generatedAt;
  book.modified = ledger.generatedAt;
  const countsIn = basisIndex(ledger);

  const summary = book.addWorksheet('台账汇总', { views: [{ state: 'frozen', ySplit: 4 }] });
  summary.columns = [
    { key: 'label', width: 30 },
    { key: 'value', width: 12 },
    { key: 'rate', width: 12 },
    { key: 'basis', width: 80 },
  ];
  summary.addRow([`${ledger.unitName}（${ledger.unitId}）电子台账`]).font = {
    bold: true,
    size: 14,
  };
  summary.addRow([
    `统计期间：${ledger.period.label}`,
    '',
    '',
    `生成时间：${beijingTime(ledger.generatedAt)}`,
  ]);
  summary.addRow([]);
  const header = summary.addRow(['项目', '数量', '比率', '依据（工单号 / 吹哨编号）']);
  header.font = { bold: true };
  for (const section of ledger.sections) {
    summary.addRow([section.title]).font = { bold: true };
    for (const line of section.lines) {
      summary.addRow([
        line.label,
        line.value,
        line.rate === undefined ? '' : percent(line.rate),
        line.basis.join('、'),
      ]);
    }
  }
  summary.getColumn('basis').alignment = { wrapText: true, vertical: 'top' };

  detailSheet(book, '工单明细', ORDER_COLUMNS, ledger.orders, (o) =>
    orderRow(o, countsIn.get(o.orderId) ?? []),
  );
  detailSheet(book, '吹哨明细', WHISTLE_COLUMNS, ledger.whistles, (w) =>
    whistleRow(w, countsIn.get(w.whistleId) ?? []),
  );
  const tasks = ledger.governance?.proactiveTasks ?? [];
  if (tasks.length)
    detailSheet(book, '主动治理明细', TASK_COLUMNS, tasks, (t) => ({
      taskId: t.taskId,
      status: STATUS_LABELS[t.status] ?? t.status,
      startedAt: beijingTime(t.startedAt),
      completedAt: beijingTime(t.completedAt),
      verifiedAt: beijingTime(t.verifiedAt),
      sendBacks: t.sendBackCount,
      missed: t.deadlineMissed ? '是' : '否',
      effect: t.effect ? (STATUS_LABELS[t.effect] ?? t.effect) : '',
      countsIn: (countsIn.get(t.taskId) ?? []).join('、'),
    }));
  const offList = ledger.governance?.offListWork ?? [];
  if (offList.length)
    detailSheet(book, '清单外事项明细', OFF_LIST_COLUMNS, offList, (w) => ({
      workId: w.workId,
      kind: STATUS_LABELS[w.workKind] ?? w.workKind,
      reason: STATUS_LABELS[w.reason] ?? w.reason,
      detectedAt: beijingTime(w.detectedAt),
    }));

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A detail sheet's columns: header, row key, width in characters. */
type Columns = readonly (readonly [header: string, key: string, width: number])[];

const ORDER_COLUMNS: Columns = [
  ['工单号', 'orderId', 22],
  ['承办角色', 'role', 10],
  ['事项', 'matter', 10],
  ['状态', 'status', 10],
  ['派单时间', 'dispatchedAt', 18],
  ['签收时间', 'acknowledgedAt', 18],
  ['响应时间', 'respondedAt', 18],
  ['按时响应', 'respondedOnTime', 10],
  ['办结时间', 'resolvedAt', 18],
  ['按时办结', 'resolvedOnTime', 10],
  ['回访满意度', 'satisfaction', 12],
  ['计入项目', 'countsIn', 60],
];
const WHISTLE_COLUMNS: Columns = [
  ['吹哨编号', 'whistleId', 24],
  ['本单位角色', 'role', 12],
  ['哨类', 'type', 10],
  ['状态', 'status', 10],
  ['吹哨时间', 'blownAt', 18],
  ['报到', 'report', 10],
  ['表态', 'commitment', 10],
  ['计入项目', 'countsIn', 60],
];
const TASK_COLUMNS: Columns = [
  ['任务编号', 'taskId', 22],
  ['状态', 'status', 12],
  ['开始时间', 'startedAt', 18],
  ['报告完成', 'completedAt', 18],
  ['核验通过', 'verifiedAt', 18],
  ['退回次数', 'sendBacks', 10],
  ['逾期', 'missed', 8],
  ['成效', 'effect', 12],
  ['计入项目', 'countsIn', 60],
];
const OFF_LIST_COLUMNS: Columns = [
  ['编号', 'workId', 24],
  ['类别', 'kind', 12],
  ['原因', 'reason', 20],
  ['检出时间', 'detectedAt', 18],
];

/** One row per case under a bold, frozen header row. */
function detailSheet<T>(
  book: ExcelJS.Workbook,
  name: string,
  columns: Columns,
  items: readonly T[],
  row: (item: T) => Record<string, string | number>,
): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(([header, key, width]) => ({ header, key, width }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) sheet.addRow(row(item));
}

const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');

function orderRow(o: LedgerOrderRow, countsIn: readonly string[]) {
  return {
    orderId: o.orderId,
    role: ROLE_LABELS[o.role],
    matter: o.matterTypeCode ?? '',
    status: STATUS_LABELS[o.status] ?? o.status,
    dispatchedAt: beijingTime(o.dispatchedAt),
    acknowledgedAt: beijingTime(o.acknowledgedAt),
    respondedAt: beijingTime(o.respondedAt),
    respondedOnTime: yesNo(o.respondedWithinLimit),
    resolvedAt: beijingTime(o.resolvedAt),
    resolvedOnTime: yesNo(o.resolvedWithinLimit),
    satisfaction: o.callbackSatisfaction ? (STATUS_LABELS[o.callbackSatisfaction] ?? '') : '',
    countsIn: countsIn.join('、'),
  };
}

function whistleRow(w: LedgerWhistleRow, countsIn: readonly string[]) {
  return {
    whistleId: w.whistleId,
    role: ROLE_LABELS[w.role],
    type: STATUS_LABELS[w.whistleType] ?? w.whistleType,
    status: STATUS_LABELS[w.status] ?? w.status,
    blownAt: beijingTime(w.blownAt),
    report: w.report ? (STATUS_LABELS[w.report] ?? w.report) : '',
    commitment: w.commitment ? (STATUS_LABELS[w.commitment] ?? w.commitment) : '',
    countsIn: countsIn.join('、'),
  };
}
