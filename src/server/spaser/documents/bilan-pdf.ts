import type { BilanDocument } from '../bilan.contract.js';
import { spaserLabels } from '../../../web/spaser/labels.js';
import { spaserFileStem } from './index.js';
import { figureText, frenchDate, type Block, type Outline } from './outline.js';
import { renderSpaserPdf } from './pdf.js';

const B = spaserLabels.bilan;

/**
 * A published bilan as the outline the SPASER's PDF is drawn from (documents/pdf.ts): a cover, then
 * per indicator and buyer one table — year, value, origin, target, reached — the same words as the page.
 */
export function bilanOutline(doc: BilanDocument, origin = ''): Outline {
  const blocks: Block[] = [];
  if (doc.indicators.length === 0) blocks.push({ kind: 'paragraph', text: B.empty, muted: true });
  for (const ind of doc.indicators) {
    blocks.push({ kind: 'heading', level: 1, text: ind.name });
    blocks.push({ kind: 'paragraph', text: `${spaserLabels.categories[ind.category] ?? ind.category} · ${spaserLabels.units[ind.unit] ?? ind.unit}` });
    if (ind.fromDecp) blocks.push({ kind: 'paragraph', text: B.fromDecp, muted: true });
    if (ind.lowerIsBetter) blocks.push({ kind: 'paragraph', text: B.ceiling, muted: true });
    for (const b of ind.perBuyer) {
      if (b.baseline) blocks.push({ kind: 'paragraph', text: B.baseline(figureText(b.baseline.value, ind.unit), b.baseline.year) });
      blocks.push({
        kind: 'table',
        caption: B.caption(ind.name, b.name),
        header: [B.colYear, B.colValue, B.colOrigin, B.colTarget, B.colReached],
        widths: [1, 2, 2, 2, 1.3],
        rows: b.years.map((y) => [
          String(y.year),
          y.value === null ? B.unknown : figureText(y.value, ind.unit) + (y.overrideReason ? ` — ${B.overrideReason(y.overrideReason)}` : ''),
          B.origin[y.origin ?? 'none']!,
          y.target ? B.targetOf(figureText(y.target.value, ind.unit), y.target.year, y.target.year === y.year) : B.noTarget,
          y.reached === null ? B.unknown : y.reached ? B.reached : B.notReached,
        ]),
      });
    }
  }
  return {
    title: B.publicTitle(doc.title),
    subtitle: B.pdfSubtitle,
    subject: B.title,
    cover: [
      [spaserLabels.bilan.buyer, doc.buyers.map((b) => b.name).join(' · ')],
      ['Période', doc.periodEnd === null ? `depuis ${doc.periodStart}` : `${doc.periodStart}–${doc.periodEnd}`],
      ...(doc.adoptedOn ? [['Adopté le', `${frenchDate(doc.adoptedOn)}${doc.adoptionReference ? ` (${doc.adoptionReference})` : ''}`] as [string, string]] : []),
      ['Bilan', `n° ${doc.number}, publié le ${frenchDate(doc.publishedAt)}`],
      ['Adresse', `${origin}${doc.path}`],
    ],
    blocks,
  };
}

/** The bilan's PDF and its file name (« spaser-…-bilan-1.pdf »). */
export async function renderBilanPdf(doc: BilanDocument, origin = ''): Promise<{ body: Buffer; fileName: string }> {
  return { body: await renderSpaserPdf(bilanOutline(doc, origin)), fileName: `${spaserFileStem(doc.title)}-bilan-${doc.number}.pdf` };
}
