import { loadPdfKit, marianneBuffer } from '../../platform/pdf.js';
import { documentLabels as L } from './documents.labels.js';
import type { Block, Outline } from './outline.js';

// DSFR colours: « bleu France » for headings, the body grey, a light grey for table headers.
const BLUE = '#000091';
const TEXT = '#161616';
const MUTED = '#666666';
const HEADER_FILL = '#eeeeee';
const RULE = '#929292';
const MARGIN = 56;
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11 } as const;
const TABLE_SIZE = 9;
const CELL_PADDING = 3;

/** The SPASER's outline as an A4 PDF in Marianne, with a cover page and « Page n sur N » footers. */
export async function renderSpaserPdf(outline: Outline): Promise<Buffer> {
  // pdfkit is loaded on first use (half a second at process start otherwise).
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: outline.title, Author: L.author, Subject: outline.subject, Keywords: L.keywords },
  } as PDFKit.PDFDocumentOptions);
  const done = marianneBuffer(doc);
  const width = doc.page.width - 2 * MARGIN;

  // Cover page.
  doc.moveDown(6).font('bold').fontSize(24).fillColor(BLUE).text(outline.title);
  doc.moveDown(0.5).font('regular').fontSize(12).fillColor(TEXT).text(outline.subtitle);
  doc.moveDown(2).fontSize(11);
  for (const [label, value] of outline.cover) {
    doc.font('bold').text(`${label} : `, { continued: true }).font('regular').text(value, { paragraphGap: 4 });
  }

  doc.addPage();
  let first = true;
  for (const block of outline.blocks) {
    drawBlock(doc, block, width, first);
    first = false;
  }

  // Footers, once the number of pages is known; the bottom margin is lifted so pdfkit does not
  // start a new page for text written below it.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(L.page(i + 1, range.count), MARGIN, doc.page.height - bottom / 2 - 4, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, width: number, first: boolean) {
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (block.kind === 'heading') {
    // A heading never ends a page: it moves to the next one with the text it introduces.
    if (doc.y > bottom - 90) doc.addPage();
    else if (!first) doc.moveDown(block.level === 1 ? 1.2 : 0.7);
    doc.x = MARGIN;
    doc.font('bold').fontSize(HEADING_SIZES[block.level]).fillColor(block.level === 3 ? TEXT : BLUE).text(block.text, { width });
    doc.moveDown(0.3);
    return;
  }
  if (block.kind === 'paragraph') {
    doc.x = MARGIN;
    doc.fontSize(10).fillColor(block.muted ? MUTED : TEXT);
    if (block.label) doc.font('bold').text(`${block.label} : `, { continued: true, width });
    doc.font(block.muted ? 'italic' : 'regular').text(block.text, { width, paragraphGap: 4 });
    doc.fillColor(TEXT);
    return;
  }
  const total = block.widths.reduce((a, b) => a + b, 0);
  const columns = block.widths.map((w) => (w / total) * width);
  // Row by row, each measured first: a row that does not fit starts a new page, where the header
  // row is drawn again (pdfkit's tables move the row but not the header).
  const height = (cells: string[], font: 'regular' | 'bold') =>
    Math.max(...cells.map((text, i) => doc.font(font).fontSize(TABLE_SIZE).heightOfString(text || ' ', { width: columns[i]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
  const draw = (cells: string[], header: boolean) => {
    doc.table({
      position: { x: MARGIN, y: doc.y },
      columnStyles: columns,
      defaultStyle: { border: 0.5, borderColor: RULE, padding: CELL_PADDING },
      data: [cells.map((text) => (header ? { text, type: 'TH' as const, font: { src: 'bold' }, backgroundColor: HEADER_FILL } : { text }))],
    });
  };
  const headerHeight = height(block.header, 'bold');
  if (doc.y + headerHeight + (block.rows[0] ? height(block.rows[0], 'regular') : 0) + 30 > bottom) doc.addPage();
  doc.x = MARGIN;
  doc.moveDown(0.3);
  doc.font('bold').fontSize(TABLE_SIZE).fillColor(MUTED).text(block.caption, { width });
  doc.moveDown(0.2);
  doc.fillColor(TEXT);
  draw(block.header, true);
  for (const row of block.rows) {
    if (doc.y + height(row, 'regular') > bottom) {
      doc.addPage();
      draw(block.header, true);
    }
    draw(row, false);
  }
  doc.x = MARGIN;
  doc.font('regular').fontSize(10).moveDown(0.6);
}
