import { asciiSlug } from '../../../shared/slug.js';
import type { SpaserDocument } from '../document.contract.js';
import { documentLabels as L } from './documents.labels.js';
import { renderSpaserDocx } from './docx.js';
import { spaserOutline, type OutlineOptions } from './outline.js';
import { renderSpaserPdf } from './pdf.js';
import { indicatorsCsv, indicatorsXlsx } from './spreadsheets.js';

export const spaserExportFormats = ['pdf', 'docx', 'xlsx', 'csv'] as const;
export type SpaserExportFormat = (typeof spaserExportFormats)[number];
export type SpaserExportFile = { body: Buffer; contentType: string; fileName: string };

const contentTypes: Record<SpaserExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * A title as an ASCII file name stem: « SPASER 2024-2026 — Ville de Rennes » → spaser-2024-2026-ville-de-rennes.
 * Always starts with « spaser », so a downloaded file says what it is; at most 80 characters.
 */
export function spaserFileStem(title: string): string {
  const slug = asciiSlug(title);
  return (slug.startsWith('spaser') ? slug : `spaser${slug ? `-${slug}` : ''}`).slice(0, 80).replace(/-+$/, '');
}

/** The file name of an export: the PDF and DOCX carry the schéma, the spreadsheets its indicators. */
export function spaserExportFileName(title: string, format: SpaserExportFormat): string {
  const stem = spaserFileStem(title);
  return format === 'pdf' || format === 'docx' ? `${stem}.${format}` : `${stem}-${L.fileSuffix.indicators}.${format}`;
}

/**
 * Renders a SPASER document as a file: PDF or DOCX (the whole schéma, legal checklist in annex), XLSX
 * or CSV (its indicators' figures). Pure: reads nothing but `doc`; `options.origin` (https://host)
 * makes the public address on the cover absolute.
 */
export async function renderSpaserExport(doc: SpaserDocument, format: SpaserExportFormat, options: OutlineOptions = {}): Promise<SpaserExportFile> {
  let body: Buffer;
  if (format === 'pdf') body = await renderSpaserPdf(spaserOutline(doc, options));
  else if (format === 'docx') body = await renderSpaserDocx(spaserOutline(doc, options));
  else if (format === 'xlsx') body = await indicatorsXlsx(doc);
  else body = indicatorsCsv(doc);
  return { body, contentType: contentTypes[format], fileName: spaserExportFileName(doc.title, format) };
}
