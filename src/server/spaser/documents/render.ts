import type { AttestationPdfInput } from '../../learning/attestation-pdf.js';
import { WorkerRunner } from '../../platform/workers/runner.js';
import type { BilanDocument } from '../bilan.contract.js';
import type { SpaserDocument } from '../document.contract.js';
import { renderSpaserExport, type SpaserExportFile, type SpaserExportFormat } from './index.js';
import type { OutlineOptions } from './outline.js';
import type { RenderRequest } from './render.worker.js';

// One thread per process draws the PDF, DOCX and XLSX files: a large schéma's PDF takes about 2 s of
// CPU (docs/performance.md), which would stop every other request on the event loop meanwhile.
const renderer = new WorkerRunner<RenderRequest, SpaserExportFile>({
  source: 'spaser/documents/render.worker.ts',
  name: 'spaser-render',
  timeoutMs: 60_000,
  maxMemoryMb: 512,
});

/**
 * A SPASER file, drawn off the event loop (the CSV, a few milliseconds, in place). Throws
 * WorkerTimeoutError or WorkerCrashError when the thread did not answer: the route says so in French.
 */
export async function renderSpaserFile(doc: SpaserDocument, format: SpaserExportFormat, options: OutlineOptions = {}): Promise<SpaserExportFile> {
  if (format === 'csv') return renderSpaserExport(doc, format, options);
  return asBuffer(await renderer.run({ kind: 'spaser', doc, format, options }));
}

/** A published bilan's PDF (documents/bilan-pdf.ts), drawn off the event loop like the SPASER's. */
export async function renderBilanFile(doc: BilanDocument, origin: string): Promise<SpaserExportFile> {
  return asBuffer(await renderer.run({ kind: 'bilan', doc, origin }));
}

/** An e-learning attestation's PDF (learning/attestation-pdf.ts), drawn off the event loop too. */
export async function renderAttestationFile(attestation: AttestationPdfInput, fileName: string): Promise<SpaserExportFile> {
  return asBuffer(await renderer.run({ kind: 'attestation', attestation, fileName }));
}

// The bytes come back as a Uint8Array over the moved ArrayBuffer: a Buffer view on it, no copy.
const asBuffer = (file: SpaserExportFile): SpaserExportFile => ({ ...file, body: Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength) });
