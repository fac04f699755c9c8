import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

/** A real PDF whose pages hold the given paragraphs (one page each), generated with pdfkit. */
export async function makePdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: 'Document de test' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const text of pages) {
    doc.addPage();
    doc.fontSize(12).text(text);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A real DOCX with the given paragraphs, generated with the docx package. */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return Packer.toBuffer(doc);
}

/** A multipart/form-data body: the `data` field as JSON and the files under `files`. */
export function multipart(data: unknown, files: { fileName: string; content: Buffer; type?: string }[] = []) {
  const boundary = `----entraide${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (data !== undefined)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${typeof data === 'string' ? data : JSON.stringify(data)}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.fileName}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
