import { documentLabels as L } from './documents.labels.js';
import type { Block, Outline } from './outline.js';

// A4 with 2 cm margins, in twentieths of a point: the width tables share out.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BLUE = '000091';
const MUTED = '666666';
const RULE = '929292';
const HEADER_FILL = 'EEEEEE';

/**
 * The SPASER's outline as an editable Word document: Word's own Title and Heading 1–3 styles (so
 * the navigation pane and a table of contents work), numbered axes and objectives in the heading
 * text, real tables with a repeated header row, French as the language of every run.
 */
export async function renderSpaserDocx(outline: Outline): Promise<Buffer> {
  // docx is loaded on first use, like pdfkit and exceljs.
  const d = await import('docx');
  const { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const rule = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  const borders = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };

  // A cell's text, one paragraph per line.
  const cellParagraphs = (text: string, bold = false) =>
    (text ? text.split('\n') : ['']).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })], spacing: { after: 40 } }));

  const table = (block: Extract<Block, { kind: 'table' }>) => {
    const total = block.widths.reduce((a, b) => a + b, 0);
    const columnWidths = block.widths.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
    const cell = (text: string, i: number, header: boolean) =>
      new TableCell({
        children: cellParagraphs(text, header),
        width: { size: columnWidths[i]!, type: WidthType.DXA },
        ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
      });
    return new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths,
      borders,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((t, i) => cell(t, i, true)) }),
        ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
      ],
    });
  };

  const body: Array<InstanceType<typeof Paragraph> | InstanceType<typeof Table>> = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: outline.title }),
    new Paragraph({ children: [new TextRun({ text: outline.subtitle, size: 26 })], spacing: { after: 480 } }),
    ...outline.cover.map(
      ([label, value]) => new Paragraph({ children: [new TextRun({ text: `${label} : `, bold: true }), new TextRun(value)], spacing: { after: 120 } }),
    ),
  ];
  let firstHeading = true;
  for (const block of outline.blocks) {
    if (block.kind === 'heading') {
      // The cover stands on its own page.
      body.push(new Paragraph({ heading: headingLevels[block.level], text: block.text, pageBreakBefore: firstHeading }));
      firstHeading = false;
    } else if (block.kind === 'paragraph') {
      body.push(
        new Paragraph({
          children: [
            ...(block.label ? [new TextRun({ text: `${block.label} : `, bold: true })] : []),
            new TextRun({ text: block.text, italics: block.muted, color: block.muted ? MUTED : undefined }),
          ],
        }),
      );
    } else {
      body.push(new Paragraph({ style: 'Caption', text: block.caption, keepNext: true }));
      body.push(table(block));
      // Word runs two tables that touch into one: a paragraph keeps them apart.
      body.push(new Paragraph({ text: '' }));
    }
  }

  const heading = (size: number, color: string) => ({ run: { font: 'Arial', size, bold: true, color }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } });
  const document = new Document({
    creator: L.author,
    title: outline.title,
    subject: outline.subject,
    keywords: L.keywords,
    description: outline.subtitle,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 21, language: { value: 'fr-FR' } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: 'Arial', size: 44, bold: true, color: BLUE }, paragraph: { spacing: { before: 2400, after: 240 } } },
        heading1: heading(32, BLUE),
        heading2: heading(26, BLUE),
        heading3: heading(22, '161616'),
        caption: { run: { font: 'Arial', size: 18, bold: true, italics: false, color: MUTED }, paragraph: { spacing: { before: 120, after: 60 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: {
          default: new d.Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [L.pageWords.page, d.PageNumber.CURRENT, L.pageWords.of, d.PageNumber.TOTAL_PAGES], size: 16, color: MUTED })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
