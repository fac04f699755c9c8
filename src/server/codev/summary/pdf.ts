import type { z } from 'zod';
import { loadPdfKit, marianneBuffer } from '../../platform/pdf.js';
import type { sheetContent } from '../codev.contract.js';
import { codevLabels } from '../codev.messages.js';

// The summary sheet as a PDF (pdfkit), in the DSFR's Marianne font: it has the French characters
// (accents, œ, « ») that the PDF standard fonts lack (platform/pdf.ts).
const L = codevLabels.sheet;

export type SheetContent = z.infer<typeof sheetContent>;

/** Renders the sheet; resolves with the PDF bytes. pdfkit is loaded on first use (half a second at start otherwise). */
export async function renderSheetPdf(sheet: SheetContent): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${L.title} — ${sheet.title}`, Author: 'Entraide' }, lang: 'fr-FR' } as PDFKit.PDFDocumentOptions);
  const done = marianneBuffer(doc);
  doc.font('bold').fontSize(18).fillColor('#000091').text(L.title);
  doc.moveDown(0.3).font('regular').fontSize(12).fillColor('#161616').text(`${L.session} : ${sheet.title}`);
  doc.moveDown(0.8).fontSize(10);
  for (const [label, value] of [
    [L.date, sheet.date],
    [L.cohort, sheet.cohort],
    [L.group, sheet.group],
    [L.facilitator, sheet.facilitator],
    [L.caseOwner, sheet.caseOwner],
    [L.participants, sheet.participants.join(', ')],
  ] as const) {
    doc.font('bold').text(`${label} : `, { continued: true }).font('regular').text(value);
  }
  for (const step of sheet.steps) {
    doc.moveDown(1).font('bold').fontSize(13).fillColor('#000091').text(step.label);
    doc.fillColor('#161616').fontSize(10).moveDown(0.3);
    if (!step.entries.length) doc.font('regular').fillColor('#666666').text(L.none).fillColor('#161616');
    for (const e of step.entries) {
      doc.font('bold').text(e.author);
      doc.font('regular').text(e.text, { paragraphGap: 6 });
    }
  }
  doc.moveDown(2).fontSize(8).fillColor('#666666').text(L.footer);
  doc.end();
  return done;
}
