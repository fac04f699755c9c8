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

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * A hostile DOCX (issue 11, item 1): a real DOCX from makeDocx whose `word/document.xml` is replaced
 * by `paragraphs` paragraphs of `runLength` characters each (highly compressible, so the file stays
 * small while the XML is huge). `declaredBytes` forges the uncompressed size written in the zip's
 * headers (a zip bomb that lies); `extraEntries` adds that many empty entries.
 */
export async function makeHostileDocx(opts: { paragraphs: number; runLength: number; declaredBytes?: number; extraEntries?: number }): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(await makeDocx(['x']));
  const paragraph = `<w:p><w:r><w:t>${'a'.repeat(opts.runLength)}</w:t></w:r></w:p>`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${WORD_NS}"><w:body>${paragraph.repeat(opts.paragraphs)}</w:body></w:document>`;
  zip.file('word/document.xml', xml);
  for (let i = 0; i < (opts.extraEntries ?? 0); i++) zip.file(`word/media/vide-${i}.txt`, '');
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  if (opts.declaredBytes !== undefined) forgeUncompressedSize(data, 'word/document.xml', opts.declaredBytes);
  return data;
}

/** Writes `size` as the uncompressed size of `name` in its local header and central directory entry. */
function forgeUncompressedSize(zip: Buffer, name: string, size: number) {
  let forged = 0;
  for (let i = 0; i + 46 < zip.length; i++) {
    const sig = zip.readUInt32LE(i);
    if (sig === 0x04034b50 && zip.toString('utf8', i + 30, i + 30 + zip.readUInt16LE(i + 26)) === name) {
      zip.writeUInt32LE(size, i + 22);
      forged++;
    } else if (sig === 0x02014b50 && zip.toString('utf8', i + 46, i + 46 + zip.readUInt16LE(i + 28)) === name) {
      zip.writeUInt32LE(size, i + 24);
      forged++;
    }
  }
  if (forged !== 2) throw new Error(`forgeUncompressedSize: ${forged} headers of ${name} found, 2 expected`);
}
