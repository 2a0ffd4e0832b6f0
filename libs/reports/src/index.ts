/**
 * @hotline/reports: documents generated from the domain's models — the electronic ledger
 * (电子台账) as XLSX and PDF. No I/O besides reading the font file; no framework.
 */
export { renderLedgerXlsx } from './ledger-xlsx';
export {
  renderLedgerPdf,
  DEFAULT_CJK_FONT,
  LedgerFontMissingError,
  type PdfFont,
} from './ledger-pdf';
export { sha256Hex } from './checksum';
