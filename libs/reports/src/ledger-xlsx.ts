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

  const orders = book.addWorksheet('工单明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  orders.columns = [
    { header: '工单号', key: 'orderId', width: 22 },
    { header: '承办角色', key: 'role', width: 10 },
    { header: '事项', key: 'matter', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '派单时间', key: 'dispatchedAt', width: 18 },
    { header: '签收时间', key: 'acknowledgedAt', width: 18 },
    { header: '响应时间', key: 'respondedAt', width: 18 },
    { header: '按时响应', key: 'respondedOnTime', width: 10 },
    { header: '办结时间', key: 'resolvedAt', width: 18 },
    { header: '按时办结', key: 'resolvedOnTime', width: 10 },
    { header: '回访满意度', key: 'satisfaction', width: 12 },
    { header: '计入项目', key: 'countsIn', width: 60 },
  ];
  orders.getRow(1).font = { bold: true };
  for (const o of ledger.orders) orders.addRow(orderRow(o, countsIn.get(o.orderId) ?? []));

  const whistles = book.addWorksheet('吹哨明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  whistles.columns = [
    { header: '吹哨编号', key: 'whistleId', width: 24 },
    { header: '本单位角色', key: 'role', width: 12 },
    { header: '哨类', key: 'type', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '吹哨时间', key: 'blownAt', width: 18 },
    { header: '报到', key: 'report', width: 10 },
    { header: '表态', key: 'commitment', width: 10 },
    { header: '计入项目', key: 'countsIn', width: 60 },
  ];
  whistles.getRow(1).font = { bold: true };
  for (const w of ledger.whistles) whistles.addRow(whistleRow(w, countsIn.get(w.whistleId) ?? []));

  const tasks = ledger.governance?.proactiveTasks ?? [];
  if (tasks.length) {
    const sheet = book.addWorksheet('主动治理明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '任务编号', key: 'taskId', width: 22 },
      { header: '状态', key: 'status', width: 12 },
      { header: '开始时间', key: 'startedAt', width: 18 },
      { header: '报告完成', key: 'completedAt', width: 18 },
      { header: '核验通过', key: 'verifiedAt', width: 18 },
      { header: '退回次数', key: 'sendBacks', width: 10 },
      { header: '逾期', key: 'missed', width: 8 },
      { header: '成效', key: 'effect', width: 12 },
      { header: '计入项目', key: 'countsIn', width: 60 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const t of tasks)
      sheet.addRow({
        taskId: t.taskId,
        status: STATUS_LABELS[t.status] ?? t.status,
        startedAt: beijingTime(t.startedAt),
        completedAt: beijingTime(t.completedAt),
        verifiedAt: beijingTime(t.verifiedAt),
        sendBacks: t.sendBackCount,
        missed: t.deadlineMissed ? '是' : '否',
        effect: t.effect ? (STATUS_LABELS[t.effect] ?? t.effect) : '',
        countsIn: (countsIn.get(t.taskId) ?? []).join('、'),
      });
  }
  const offList = ledger.governance?.offListWork ?? [];
  if (offList.length) {
    const sheet = book.addWorksheet('清单外事项明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '编号', key: 'workId', width: 24 },
      { header: '类别', key: 'kind', width: 12 },
      { header: '原因', key: 'reason', width: 20 },
      { header: '检出时间', key: 'detectedAt', width: 18 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const w of offList)
      sheet.addRow({
        workId: w.workId,
        kind: STATUS_LABELS[w.workKind] ?? w.workKind,
        reason: STATUS_LABELS[w.reason] ?? w.reason,
        detectedAt: beijingTime(w.detectedAt),
      });
  }

  return Buffer.from(await book.xlsx.writeBuffer());
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
