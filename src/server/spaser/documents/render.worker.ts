// The worker thread that draws SPASER files (render.ts, platform/workers): pdfkit, docx and exceljs
// run here, off the server's event loop.
import { renderAttestationPdf, type AttestationPdfInput } from '../../learning/attestation-pdf.js';
import { serveRequests } from '../../platform/workers/serve.js';
import type { BilanDocument } from '../bilan.contract.js';
import type { SpaserDocument } from '../document.contract.js';
import { renderBilanPdf } from './bilan-pdf.js';
import { renderSpaserExport, type SpaserExportFile, type SpaserExportFormat } from './index.js';
import type { OutlineOptions } from './outline.js';

export type RenderRequest =
  | { kind: 'spaser'; doc: SpaserDocument; format: SpaserExportFormat; options: OutlineOptions }
  | { kind: 'bilan'; doc: BilanDocument; origin: string }
  // The e-learning's attestation (issue 22): one page, drawn by the same thread as every document.
  | { kind: 'attestation'; attestation: AttestationPdfInput; fileName: string };

serveRequests<RenderRequest, SpaserExportFile>(async (request) => {
  const file =
    request.kind === 'spaser'
      ? await renderSpaserExport(request.doc, request.format, request.options)
      : request.kind === 'bilan'
        ? { ...(await renderBilanPdf(request.doc, request.origin)), contentType: 'application/pdf' }
        : { body: await renderAttestationPdf(request.attestation), fileName: request.fileName, contentType: 'application/pdf' };
  // A Buffer may be a view on Node's shared pool: copy it into an ArrayBuffer of its own to move it.
  const body = Buffer.from(new Uint8Array(file.body));
  return { result: { ...file, body }, transfer: [body.buffer as ArrayBuffer] };
});
