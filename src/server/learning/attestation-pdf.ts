import { loadPdfKit, marianneBuffer } from '../platform/pdf.js';
import { frenchDate } from '../spaser/documents/outline.js';
import { learningLabels } from '../../web/learning/labels.js';

export type AttestationPdfInput = { code: string; learnerName: string; courseTitle: string; courseMinutes: number; completedAt: string; verifyUrl: string };

const BLUE = '#000091';
const TEXT = '#161616';
const MUTED = '#666666';
const A = learningLabels.attestation;

/**
 * The attestation as one A4 page in Marianne: who, which course, its length, when it was completed,
 * and how anyone checks it (the verification address and code). Drawn in the documents' worker
 * thread (spaser/documents/render.ts), never on the event loop.
 */
export async function renderAttestationPdf(input: AttestationPdfInput): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: `${A.pdfTitle} — ${input.courseTitle}`, Author: A.pdfAuthor, Subject: input.courseTitle },
  } as PDFKit.PDFDocumentOptions);
  const done = marianneBuffer(doc);
  const width = doc.page.width - 128;
  doc.font('bold').fontSize(11).fillColor(MUTED).text(A.pdfAuthor.toUpperCase(), { width, characterSpacing: 1 });
  doc.moveDown(5).font('bold').fontSize(28).fillColor(BLUE).text(A.pdfTitle, { width, align: 'center' });
  doc.moveDown(2).font('regular').fontSize(13).fillColor(TEXT).text(A.certifies, { width, align: 'center' });
  doc.moveDown(0.8).font('bold').fontSize(22).text(input.learnerName, { width, align: 'center' });
  doc.moveDown(0.8).font('regular').fontSize(13).text(A.hasCompleted, { width, align: 'center' });
  doc.moveDown(0.8).font('bold').fontSize(16).fillColor(BLUE).text(`« ${input.courseTitle} »`, { width, align: 'center' });
  doc.moveDown(0.8).font('regular').fontSize(12).fillColor(TEXT).text(A.duration(input.courseMinutes), { width, align: 'center' });
  doc.moveDown(0.4).text(A.completedOn(frenchDate(input.completedAt)), { width, align: 'center' });
  doc.moveDown(6).fontSize(10).fillColor(MUTED).text(A.howToVerify, { width });
  doc.moveDown(0.4).font('bold').fillColor(TEXT).text(`${A.codeLabel} : ${input.code}`, { width });
  doc.font('regular').fillColor(BLUE).text(input.verifyUrl, { width, link: input.verifyUrl, underline: true });
  doc.end();
  return done;
}
