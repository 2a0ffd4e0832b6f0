import { buildUnitLedger, monthPeriod } from '@hotline/domain';
import ExcelJS from 'exceljs';
import { renderLedgerXlsx } from './index';

const at = (iso: string) => new Date(iso);

describe('ledger workbook: admitted tasks and proactive tasks (准入, 未诉先办)', () => {
  it('shows the governance sections in the summary and one detail sheet each, traced to the ids', async () => {
    const ledger = buildUnitLedger({
      unitId: 'XHJD',
      unitName: '星湖街道',
      period: monthPeriod('2026-11'),
      generatedAt: at('2026-12-01T01:00:00Z'),
      orders: [],
      whistles: [],
      governance: {
        admittedTasks: [
          {
            entryCode: 'ZR-001',
            taskName: '人口信息采集',
            departmentId: 'GAFJ',
            source: 'published',
            admittedAt: null,
          },
        ],
        offListWork: [
          {
            workId: 'ZD-20261104-AAAAAA',
            workKind: 'proactive_task',
            reason: 'street_only_assists',
            detectedAt: at('2026-11-04T02:00:00Z'),
          },
        ],
        proactiveTasks: [
          {
            taskId: 'ZD-20261104-AAAAAA',
            status: 'measuring',
            startedAt: at('2026-11-04T02:00:00Z'),
            plannedAt: at('2026-11-05T02:00:00Z'),
            completedAt: at('2026-11-20T02:00:00Z'),
            verifiedAt: at('2026-11-21T02:00:00Z'),
            sendBackCount: 0,
            deadlineMissed: false,
            effect: null,
          },
        ],
      },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderLedgerXlsx(ledger)) as unknown as ArrayBuffer);
    const summary = book.getWorksheet('台账汇总')!;
    const texts: string[] = [];
    summary.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts).toEqual(
      expect.arrayContaining([
        '六、准入事项',
        '七、主动治理（未诉先办）',
        '清单外派办工作（未经准入）',
      ]),
    );
    const tasks = book.getWorksheet('主动治理明细')!;
    expect(tasks.getRow(2).getCell(1).value).toBe('ZD-20261104-AAAAAA');
    expect(tasks.getRow(2).getCell(2).value).toBe('成效观察期');
    expect(String(tasks.getRow(2).getCell(9).value)).toMatch(/承接主动治理任务.*通过中心核验/);
    const offList = book.getWorksheet('清单外事项明细')!;
    expect(offList.getRow(2).getCell(3).value).toBe('街道仅配合却主办');
  });
});
