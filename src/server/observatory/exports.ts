/**
 * CSV (UTF-8 with a BOM, `;`, csv-stringify) and XLSX (exceljs) from one table description, so the
 * two formats of an export can never disagree.
 */
import { spreadsheetCsv } from '../platform/csv.js';

export type Column = { key: string; header: string; type: 'text' | 'int' | 'share' | 'euros' };
export type Table = { name: string; title: string; columns: Column[]; rows: Record<string, string | number | null>[] };

const decimal = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');

/** A cell as French spreadsheets read it: shares in percent, decimal comma, empty for no value. */
function csvCell(col: Column, v: string | number | null): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (col.type === 'share') return decimal(v * 100, 2);
  if (col.type === 'euros') return decimal(v, 2);
  return String(v);
}

export function toCsv(table: Table): Buffer {
  const header = table.columns.map((c) => (c.type === 'share' ? `${c.header} (%)` : c.header));
  const body = table.rows.map((r) => table.columns.map((c) => csvCell(c, r[c.key] ?? null)));
  return Buffer.from(spreadsheetCsv([header, ...body]), 'utf8');
}

export async function toXlsx(table: Table): Promise<Buffer> {
  // exceljs is large: loaded on the first XLSX export, not at every process start (CLI included).
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Entraide';
  const ws = wb.addWorksheet(table.name);
  ws.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, Math.min(50, c.header.length + 2)),
    style: c.type === 'share' ? { numFmt: '0.00%' } : c.type === 'euros' ? { numFmt: '#,##0.00' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of table.rows) ws.addRow(Object.fromEntries(table.columns.map((c) => [c.key, r[c.key] ?? null])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
