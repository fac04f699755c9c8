// The worker thread that draws SPASER files (render.ts, platform/workers): pdfkit, docx and exceljs
// run here, off the server's event loop.
import { serveRequests } from '../../platform/workers/serve.js';
import type { SpaserDocument } from '../document.contract.js';
import { renderSpaserExport, type SpaserExportFormat } from './index.js';
import type { OutlineOptions } from './outline.js';

export type RenderRequest = { doc: SpaserDocument; format: SpaserExportFormat; options: OutlineOptions };

serveRequests<RenderRequest, Awaited<ReturnType<typeof renderSpaserExport>>>(async ({ doc, format, options }) => {
  const file = await renderSpaserExport(doc, format, options);
  // A Buffer may be a view on Node's shared pool: copy it into an ArrayBuffer of its own to move it.
  const body = Buffer.from(new Uint8Array(file.body));
  return { result: { ...file, body }, transfer: [body.buffer as ArrayBuffer] };
});
