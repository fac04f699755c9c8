/**
 * A small PDF for the demo content (library resources, a SPASER's evidence). pdfkit is loaded on first
 * use; its built-in Helvetica has the accents of Latin-1 only, no narrow no-break space.
 */
export async function demoPdf(title: string, paragraphs: string[]): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ info: { Title: title, Author: 'Entraide (démonstration)' }, margin: 56 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(18).text(title).moveDown();
  for (const p of paragraphs) doc.fontSize(11).text(p).moveDown(0.5);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
