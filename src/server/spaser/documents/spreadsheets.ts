import { spaserLabels } from '../../../web/spaser/labels.js';
import { spreadsheetCsv } from '../../platform/csv.js';
import type { SpaserDocument } from '../document.contract.js';
import { documentLabels as L } from './documents.labels.js';
import { figureLines } from './outline.js';

/** One figure of the schéma: (indicator, buyer, kind, year) → value. */
export type IndicatorRow = {
  indicator: string;
  category: string;
  unit: string;
  buyer: string;
  siren: string;
  kind: string;
  year: number;
  value: number;
  source: string;
};

/**
 * The indicators' figures, one row per (indicator, buyer, kind ∈ référence / cible / valeur, year),
 * in the documents' order: the XLSX and the CSV are both written from these rows.
 */
export function indicatorRows(doc: SpaserDocument): IndicatorRow[] {
  return doc.content.indicators.flatMap((indicator) =>
    figureLines(doc, indicator).map((l) => ({
      indicator: indicator.name,
      category: spaserLabels.categories[indicator.category] ?? indicator.category,
      unit: spaserLabels.units[indicator.unit] ?? indicator.unit,
      buyer: doc.buyers[l.buyerIndex]!.name,
      siren: doc.buyers[l.buyerIndex]!.siren ?? '',
      kind: L.indicators.kinds[l.kind],
      year: l.year,
      value: l.value,
      source: [l.source, l.overrideReason ? L.indicators.overridden(l.overrideReason) : ''].filter(Boolean).join(' ; '),
    })),
  );
}

const cells = (r: IndicatorRow) => [r.indicator, r.category, r.unit, r.buyer, r.siren, r.kind, r.year, r.value, r.source] as const;

/**
 * The rows as the platform's spreadsheet CSV (UTF-8 with a BOM, `;`): values with a decimal comma,
 * as French spreadsheets read numbers, and no thousands separator.
 */
export function indicatorsCsv(doc: SpaserDocument): Buffer {
  const body = indicatorRows(doc).map((r) => cells(r).map((v, i) => (i === 7 ? String(v).replace('.', ',') : v)));
  return Buffer.from(spreadsheetCsv([L.sheet.columns, ...body]), 'utf8');
}

/** The rows as one XLSX sheet: years and values as numbers, a bold frozen header row with filters. */
export async function indicatorsXlsx(doc: SpaserDocument): Promise<Buffer> {
  // exceljs is large: loaded on the first XLSX export, not at every process start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = L.author;
  wb.title = doc.title;
  const ws = wb.addWorksheet(L.sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [40, 30, 26, 30, 12, 11, 8, 12, 40];
  ws.columns = L.sheet.columns.map((header, i) => ({ header, width: widths[i] }));
  ws.getColumn(5).numFmt = '@';
  ws.getRow(1).font = { bold: true };
  for (const r of indicatorRows(doc)) ws.addRow([...cells(r)]);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: L.sheet.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
