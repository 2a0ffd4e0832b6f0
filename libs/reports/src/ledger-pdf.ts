import type { UnitLedger } from '@hotline/domain';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { beijingTime, percent } from './ledger-labels';

/**
 * Where the CJK font comes from: Debian's fonts-wqy-microhei (文泉驿微米黑), which the dev stack
 * installs. PDF viewers on the clerks' machines may have no Chinese font, so the glyphs used are
 * embedded (pdfkit subsets the font).
 */
export const DEFAULT_CJK_FONT = {
  path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  family: 'WenQuanYiMicroHei',
};

export interface PdfFont {
  /** A TrueType/OpenType file or collection. */
  path: string;
  /** For a collection (.ttc): the PostScript name of the face to use. */
  family?: string;
}

export class LedgerFontMissingError extends Error {
  constructor(fontPath: string) {
    super(
      `没有可嵌入的中文字体：${fontPath} 不存在。安装 Debian 的 fonts-wqy-microhei（npm run stack -- install 会安装），或设置 LEDGER_FONT_PATH。`,
    );
    this.name = 'LedgerFontMissingError';
  }
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const COLUMNS = [
  { title: '项目', width: 230 },
  { title: '数量', width: 70 },
  { title: '比率', width: 80 },
  { title: '依据', width: 119 },
];

/**
 * The ledger as a printable A4 PDF: the figures in their sections, then an appendix listing the
 * cases behind every figure (数据依据), so the printed page can be checked against the orders.
 */
export async function renderLedgerPdf(
  ledger: UnitLedger,
  font: PdfFont = DEFAULT_CJK_FONT,
): Promise<Buffer> {
  if (!fs.existsSync(font.path)) throw new LedgerFontMissingError(font.path);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${ledger.unitName} 电子台账 ${ledger.period.label}`,
      Author: '12345 接诉即办系统',
      CreationDate: ledger.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');

  doc.fontSize(18).text(`${ledger.unitName}电子台账`, { align: 'center' });
  doc.moveDown(0.3);
  doc
    .fontSize(10)
    .fillColor('#444')
    .text(
      `单位编码：${ledger.unitId}\u3000\u3000统计期间：${ledger.period.label}\u3000\u3000生成时间：${beijingTime(ledger.generatedAt)}`,
      { align: 'center' },
    );
  doc.fillColor('black').moveDown(1);

  ledger.sections.forEach((section, sectionIndex) => {
    ensureSpace(doc, 60);
    doc.fontSize(12).text(section.title, MARGIN, doc.y);
    doc.moveDown(0.3);
    tableRow(
      doc,
      COLUMNS.map((c) => c.title),
      true,
    );
    section.lines.forEach((line, lineIndex) => {
      tableRow(doc, [
        line.label,
        String(line.value),
        line.rate === undefined ? '' : percent(line.rate),
        line.basis.length === 0 ? '—' : `见附录 ${sectionIndex + 1}.${lineIndex + 1}`,
      ]);
    });
    doc.moveDown(0.8);
  });

  doc.addPage();
  doc.fontSize(14).text('附录：数据依据', { align: 'center' });
  doc.moveDown(0.5);
  doc
    .fontSize(9)
    .fillColor('#444')
    .text('每一项数字所依据的工单号或吹哨编号，可在系统中逐条查询核对。')
    .fillColor('black');
  doc.moveDown(0.5);
  ledger.sections.forEach((section, sectionIndex) => {
    section.lines.forEach((line, lineIndex) => {
      if (line.basis.length === 0) return;
      ensureSpace(doc, 40);
      doc
        .fontSize(10)
        .text(
          `${sectionIndex + 1}.${lineIndex + 1}\u3000${line.label}（${line.value}）`,
          MARGIN,
          doc.y,
        );
      doc.fontSize(8).text(line.basis.join('、'), { width: A4.width - 2 * MARGIN });
      doc.moveDown(0.4);
    });
  });

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(`第 ${i + 1} 页 / 共 ${pages.count} 页`, MARGIN, A4.height - MARGIN + 12, {
        width: A4.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function ensureSpace(doc: PDFKit.PDFDocument, needed: number) {
  if (doc.y + needed > A4.height - MARGIN) doc.addPage();
}

function tableRow(doc: PDFKit.PDFDocument, cells: string[], header = false) {
  const height = 18;
  ensureSpace(doc, height);
  const y = doc.y;
  let x = MARGIN;
  doc.fontSize(header ? 10 : 9.5);
  if (header) {
    doc
      .rect(
        MARGIN,
        y,
        COLUMNS.reduce((w, c) => w + c.width, 0),
        height,
      )
      .fill('#eef2f7');
    doc.fillColor('black');
  }
  COLUMNS.forEach((col, i) => {
    doc.text(cells[i] ?? '', x + 4, y + 4, {
      width: col.width - 8,
      height: height - 4,
      ellipsis: true,
      lineBreak: false,
      align: i === 0 || i === 3 ? 'left' : 'right',
    });
    x += col.width;
  });
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(x, y + height)
    .lineWidth(0.5)
    .strokeColor('#ccd')
    .stroke();
  doc.x = MARGIN;
  doc.y = y + height;
}
