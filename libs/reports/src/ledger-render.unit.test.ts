import { buildUnitLedger, type LedgerOrderRow, monthPeriod } from '@hotline/domain';
import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { LedgerFontMissingError, renderLedgerPdf, renderLedgerXlsx, sha256Hex } from './index';

const at = (iso: string) => new Date(iso);
const base: LedgerOrderRow = {
  orderId: 'HL20261103-0000001',
  matterTypeCode: 'CG-010',
  urgency: 'normal',
  status: 'closed',
  role: 'lead',
  receivedAt: at('2026-11-03T02:00:00Z'),
  dispatchedAt: at('2026-11-03T02:05:00Z'),
  acknowledgedAt: at('2026-11-03T02:30:00Z'),
  respondedAt: at('2026-11-03T05:00:00Z'),
  respondedWithinLimit: true,
  resolvedAt: at('2026-11-05T05:00:00Z'),
  resolvedWithinLimit: true,
  handleBy: at('2026-11-10T02:30:00Z'),
  closedAt: at('2026-11-06T05:00:00Z'),
  closure: 'completed',
  callbackAnswered: true,
  callbackSolved: true,
  callbackSatisfaction: 'satisfied',
  returnCount: 0,
  reworkRounds: 0,
  breaches: [],
  urgeCount: 0,
  escalationCount: 0,
  extensionStatus: null,
  exclusionStatus: null,
};
const ledger = buildUnitLedger({
  unitId: 'XHJD',
  unitName: '星湖街道',
  period: monthPeriod('2026-11'),
  generatedAt: at('2026-12-01T01:00:00Z'),
  orders: [
    base,
    { ...base, orderId: 'HL20261104-0000002', status: 'acknowledged', closedAt: null },
  ],
  whistles: [],
});

describe('renderLedgerXlsx', () => {
  it('writes the figures, and for each order the figures it counts in', async () => {
    const bytes = await renderLedgerXlsx(ledger);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['台账汇总', '工单明细', '吹哨明细']);

    const summary = book.getWorksheet('台账汇总')!;
    expect(String(summary.getCell('A1').value)).toBe('星湖街道（XHJD）电子台账');
    const rows = summary.getSheetValues() as unknown[][];
    const received = rows.find((r) => r?.[1] === '主办工单（派单）')!;
    expect(received[2]).toBe(2);
    expect(received[4]).toBe('HL20261103-0000001、HL20261104-0000002');
    const solved = rows.find((r) => r?.[1] === '回访已解决')!;
    expect(solved[3]).toBe('100.0%');

    const detail = book.getWorksheet('工单明细')!;
    expect(detail.getCell('A2').value).toBe('HL20261103-0000001');
    expect(String(detail.getCell('L2').value)).toContain('满意');
    expect(String(detail.getCell('L3').value)).not.toContain('已结案');
  });
});

describe('renderLedgerPdf', () => {
  it('embeds a subset of the Chinese font and prints the title', async () => {
    const bytes = await renderLedgerPdf(ledger);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/); // the glyphs travel with the file
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/); // a subset, not the 5 MB font
    expect(bytes.length).toBeLessThan(500_000);
    // The title's glyphs are written through the font's ToUnicode map, so text can be copied out.
    const unicodeMaps = [...raw.matchAll(/\/ToUnicode (\d+) 0 R/g)].map((m) => m[1]);
    expect(unicodeMaps.length).toBeGreaterThan(0);
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      const data = Buffer.from(m[1]!, 'latin1');
      try {
        return zlib.inflateSync(data).toString('latin1');
      } catch {
        return '';
      }
    });
    const cmap = streams.find((s) => s.includes('beginbfrange') || s.includes('beginbfchar'));
    expect(cmap).toBeDefined();
    const codepoints = [...'星湖街道电子台账'].map((c) =>
      c.codePointAt(0)!.toString(16).padStart(4, '0'),
    );
    for (const cp of codepoints) expect(cmap!.toLowerCase()).toContain(cp);
  });

  it('says in Chinese which package to install when the font is missing', async () => {
    await expect(renderLedgerPdf(ledger, { path: '/nonexistent/font.ttc' })).rejects.toThrow(
      LedgerFontMissingError,
    );
    await expect(renderLedgerPdf(ledger, { path: '/nonexistent/font.ttc' })).rejects.toThrow(
      /fonts-wqy-microhei/,
    );
  });
});

describe('sha256Hex', () => {
  it('is the hex SHA-256 of the bytes', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
