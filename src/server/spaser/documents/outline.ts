import { spaserLabels } from '../../../web/spaser/labels.js';
import type { SpaserDocument } from '../document.contract.js';
import { percentUnits, type SpaserIndicator } from '../spaser.content.js';
import { documentLabels as L } from './documents.labels.js';

/**
 * A SPASER's document as headings, paragraphs and tables, in reading order: the PDF and the DOCX
 * both draw this one outline, so the two files carry the same text in the same order.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  // label: a bold lead-in (« Comité de pilotage : »); muted: a placeholder for an empty section.
  | { kind: 'paragraph'; text: string; label?: string; muted?: boolean }
  // widths: relative column widths (they sum to anything); the first row of a table is its header.
  | { kind: 'table'; caption: string; header: string[]; rows: string[][]; widths: number[] };

export type Outline = {
  title: string;
  subtitle: string;
  subject: string;
  cover: Array<[label: string, value: string]>;
  blocks: Block[];
};

export type OutlineOptions = {
  // The platform's address (https://…), so the cover gives the public page's full URL; the path alone without it.
  origin?: string;
};

// Marianne (the PDF's font) has no narrow no-break space (U+202F), which Intl puts between thousands
// and before « % » in French: the no-break space (U+00A0) takes its place in every format.
const NBSP = '\u00a0';
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A number as French readers write it: 1 234,5 (no-break space, decimal comma, 2 decimals at most). */
export function frenchNumber(n: number): string {
  return numberFormat.format(n).replace(/[\u202f\u00a0]/g, NBSP);
}

/** A figure with its unit where the unit is a symbol: « 12,5 % », « 150 000 € »; bare otherwise. */
export function figureText(value: number, unit: SpaserIndicator['unit']): string {
  if (percentUnits.includes(unit)) return `${frenchNumber(value)}${NBSP}%`;
  if (unit === 'euros') return `${frenchNumber(value)}${NBSP}€`;
  return frenchNumber(value);
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const parisDateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** « 12 mars 2024 » from 2024-03-12 (a calendar date) or from an instant (its day in Paris). */
export function frenchDate(text: string): string {
  // The first of the month is « 1er » in French; Intl writes « 1 ».
  const firstOfMonth = (s: string) => s.replace(/^1 /, '1er ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return firstOfMonth(dateFormat.format(new Date(`${text}T00:00:00Z`)));
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : firstOfMonth(parisDateFormat.format(d));
}

/** Free text as paragraphs: one per non-empty line. */
function paragraphs(text: string): Block[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length ? lines.map((t) => ({ kind: 'paragraph', text: t })) : [{ kind: 'paragraph', text: L.empty, muted: true }];
}

const labelled = (label: string, text: string): Block => ({ kind: 'paragraph', label, text: text.trim() || L.empty });
const joinTags = (tags: string[]) => tags.map((t) => spaserLabels.tags[t] ?? t).join(', ');

export type FigureKind = keyof typeof L.indicators.kinds;

/** One figure of one buyer for an indicator, in the order the documents list them. */
export type FigureLine = {
  buyerIndex: number;
  kind: FigureKind;
  year: number;
  value: number;
  source: string;
  overrideReason: string | null;
};

/**
 * An indicator's figures, buyer by buyer in the schéma's order (the lead first), then baseline,
 * targets and values, each by year. Figures of an organisation that is not an accepted buyer are
 * left out: the document names accepted buyers only, and such a figure would have no buyer to show.
 */
export function figureLines(doc: SpaserDocument, indicator: SpaserIndicator): FigureLine[] {
  const lines: FigureLine[] = [];
  doc.buyers.forEach((buyer, buyerIndex) => {
    const figures = indicator.perBuyer.find((f) => f.organisationId === buyer.organisationId);
    if (!figures) return;
    const sourceOf = (f: { source: string; decp: unknown }) => f.source || (f.decp ? L.indicators.decpSource : '');
    if (figures.baseline) {
      const b = figures.baseline;
      lines.push({ buyerIndex, kind: 'baseline', year: b.year, value: b.value, source: sourceOf(b), overrideReason: b.overrideReason });
    }
    for (const t of [...figures.targets].sort((a, b) => a.year - b.year)) {
      lines.push({ buyerIndex, kind: 'target', year: t.year, value: t.value, source: '', overrideReason: null });
    }
    for (const v of [...figures.values].sort((a, b) => a.year - b.year)) {
      lines.push({ buyerIndex, kind: 'value', year: v.year, value: v.value, source: sourceOf(v), overrideReason: v.overrideReason });
    }
  });
  return lines;
}

// More years than this in one table would not fit an A4 page: the years are split over several tables.
const YEARS_PER_TABLE = 7;

function indicatorBlocks(doc: SpaserDocument, indicator: SpaserIndicator, n: number, objectiveNumbers: Map<string, string>): Block[] {
  const I = L.indicators;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: I.indicator(n, indicator.name) },
    labelled(I.category, spaserLabels.categories[indicator.category] ?? indicator.category),
    labelled(I.unit, spaserLabels.units[indicator.unit] ?? indicator.unit),
  ];
  const objective = indicator.objectiveId ? objectiveNumbers.get(indicator.objectiveId) : undefined;
  if (objective) blocks.push(labelled(I.objective, objective));
  if (indicator.definition.trim()) blocks.push(labelled(I.definition, indicator.definition));

  const lines = figureLines(doc, indicator);
  if (!lines.length) {
    blocks.push({ kind: 'paragraph', text: I.noFigure, muted: true });
    return blocks;
  }
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const buyerIndexes = [...new Set(lines.map((l) => l.buyerIndex))];
  for (let from = 0; from < years.length; from += YEARS_PER_TABLE) {
    const part = years.slice(from, from + YEARS_PER_TABLE);
    const rows: string[][] = [];
    for (const b of buyerIndexes) {
      for (const kind of ['baseline', 'target', 'value'] as const) {
        const mine = lines.filter((l) => l.buyerIndex === b && l.kind === kind);
        if (!mine.length) continue;
        rows.push([
          doc.buyers[b]!.name,
          I.kinds[kind],
          ...part.map((y) => {
            const l = mine.find((m) => m.year === y);
            return l ? figureText(l.value, indicator.unit) : '—';
          }),
        ]);
      }
    }
    if (!rows.length) continue;
    blocks.push({
      kind: 'table',
      caption: I.tableCaption(indicator.name),
      header: [I.buyer, I.kind, ...part.map(String)],
      rows,
      widths: [3, 1.6, ...part.map(() => 1.3)],
    });
  }
  const sources = lines
    .filter((l) => l.source || l.overrideReason)
    .map((l) => {
      const what = [l.source, l.overrideReason ? I.overridden(l.overrideReason) : ''].filter(Boolean).join(' ; ');
      return I.source(doc.buyers[l.buyerIndex]!.name, I.kinds[l.kind], l.year, what);
    });
  if (sources.length) blocks.push(labelled(I.sources, sources.join(' ; ')));
  return blocks;
}

/** The outline of a SPASER's document: cover facts, then its sections, then the legal checklist as an annex. */
export function spaserOutline(doc: SpaserDocument, options: OutlineOptions = {}): Outline {
  const S = spaserLabels.builder.sections;
  const c = doc.content;
  const buyerNames = doc.buyers.map((b) => b.name).join(', ');

  const cover: Outline['cover'] = [
    [
      L.cover.buyers,
      doc.buyers
        .map((b) => {
          const notes = [b.lead && doc.buyers.length > 1 ? L.cover.lead : '', b.siren ? L.cover.siren(b.siren) : ''].filter(Boolean);
          return notes.length ? `${b.name} (${notes.join(', ')})` : b.name;
        })
        .join(' ; '),
    ],
    [L.cover.period, spaserLabels.list.period(doc.periodStart, doc.periodEnd)],
    [L.cover.status, spaserLabels.statuses[doc.status] ?? doc.status],
    [L.cover.adoption, doc.adoptedOn ? L.cover.adopted(frenchDate(doc.adoptedOn), doc.adoptionReference) : L.cover.notAdopted],
  ];
  if (doc.publication) {
    cover.push([L.cover.publishedOn, frenchDate(doc.publication.publishedAt)]);
    cover.push([L.cover.publicAddress, `${(options.origin ?? '').replace(/\/+$/, '')}${doc.publication.path}`]);
    if (doc.publication.siteUrl) cover.push([L.cover.siteUrl, doc.publication.siteUrl]);
  }

  const blocks: Block[] = [];
  blocks.push({ kind: 'heading', level: 1, text: S.preamble! }, ...paragraphs(c.preamble));

  blocks.push({ kind: 'heading', level: 1, text: S.diagnostic! }, ...paragraphs(c.diagnostic.text));
  if (c.diagnostic.maturity !== null) {
    blocks.push(labelled(L.diagnostic.maturity, spaserLabels.diagnostic.maturityLevels[String(c.diagnostic.maturity)] ?? String(c.diagnostic.maturity)));
  }
  if (c.diagnostic.mapping.length) {
    const buyerName = (id: string | null) => doc.buyers.find((b) => b.organisationId === id)?.name ?? '';
    blocks.push({ kind: 'heading', level: 2, text: L.diagnostic.mapping });
    blocks.push({
      kind: 'table',
      caption: L.diagnostic.mappingCaption,
      header: L.diagnostic.columns,
      rows: c.diagnostic.mapping.map((m) => [
        buyerName(m.organisationId),
        spaserLabels.diagnostic.byLabels[m.by] ?? m.by,
        m.family,
        m.year === null ? '' : String(m.year),
        m.contracts === null ? '' : frenchNumber(m.contracts),
        m.amount === null ? '' : frenchNumber(m.amount),
        m.comment,
      ]),
      widths: [1.8, 1.7, 2.2, 0.9, 1.2, 1.4, 2.2],
    });
  }

  // Axes, objectives and actions are numbered 1, 1.1, 1.1.1 — the numbers the indicators refer to.
  const objectiveNumbers = new Map<string, string>();
  blocks.push({ kind: 'heading', level: 1, text: S.axes! });
  if (!c.axes.length) blocks.push({ kind: 'paragraph', text: L.axes.none, muted: true });
  c.axes.forEach((axis, i) => {
    blocks.push({ kind: 'heading', level: 2, text: L.axes.axis(i + 1, axis.title) });
    if (!axis.objectives.length) blocks.push({ kind: 'paragraph', text: L.axes.noObjective, muted: true });
    axis.objectives.forEach((objective, j) => {
      const number = `${i + 1}.${j + 1}`;
      objectiveNumbers.set(objective.id, L.axes.objective(number, objective.title));
      blocks.push({ kind: 'heading', level: 3, text: L.axes.objective(number, objective.title) });
      if (objective.tags.length) blocks.push(labelled(L.axes.objectiveTags, joinTags(objective.tags)));
      if (!objective.actions.length) {
        blocks.push({ kind: 'paragraph', text: L.axes.noAction, muted: true });
        return;
      }
      blocks.push({
        kind: 'table',
        caption: L.axes.actionsCaption(number),
        header: L.axes.actionColumns,
        rows: objective.actions.map((a, k) => [
          `${number}.${k + 1}`,
          [
            a.title,
            a.families.length ? `${L.axes.families} : ${a.families.join(', ')}` : '',
            a.tags.length ? `${L.axes.actionTags} : ${joinTags(a.tags)}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
          a.owner,
          a.deadline ? frenchDate(a.deadline) : '',
          spaserLabels.actionStatuses[a.status] ?? a.status,
        ]),
        widths: [0.8, 4.2, 1.8, 1.4, 1.2],
      });
    });
  });

  blocks.push({ kind: 'heading', level: 1, text: S.indicators! });
  if (!c.indicators.length) blocks.push({ kind: 'paragraph', text: L.indicators.none, muted: true });
  c.indicators.forEach((indicator, k) => blocks.push(...indicatorBlocks(doc, indicator, k + 1, objectiveNumbers)));

  const G = spaserLabels.governance;
  blocks.push(
    { kind: 'heading', level: 1, text: S.governance! },
    labelled(G.steeringCommittee, c.governance.steeringCommittee),
    labelled(L.governance.reviewCadence, c.governance.reviewCadenceMonths ? L.governance.everyMonths(c.governance.reviewCadenceMonths) : ''),
    labelled(G.monitoring, c.governance.monitoring),
    labelled(G.reportingLine, c.governance.reportingLine),
  );

  blocks.push({ kind: 'heading', level: 1, text: S.stakeholders! });
  if (c.stakeholders.length) {
    blocks.push({ kind: 'table', caption: L.stakeholders.caption, header: L.stakeholders.columns, rows: c.stakeholders.map((s) => [s.who, s.how]), widths: [1, 2] });
  } else blocks.push({ kind: 'paragraph', text: L.stakeholders.none, muted: true });

  const P = spaserLabels.publication;
  blocks.push(
    { kind: 'heading', level: 1, text: S.publication! },
    labelled(P.url, c.publication.url ?? ''),
    labelled(L.publication.indicatorsEvery, c.publication.indicatorsEveryMonths ? L.governance.everyMonths(c.publication.indicatorsEveryMonths) : ''),
  );

  const C = spaserLabels.check;
  const statusText: Record<string, string> = { met: C.met, missing: C.missing, not_applicable: C.notApplicable };
  blocks.push(
    { kind: 'heading', level: 1, text: L.annex.title },
    { kind: 'paragraph', text: `${C.score(doc.check.met, doc.check.applicable)} ${C.at(frenchDate(doc.check.at))}` },
  );
  if (doc.check.items.length) {
    blocks.push({
      kind: 'table',
      caption: L.annex.caption,
      header: L.annex.columns,
      rows: doc.check.items.map((item) => [
        item.title,
        item.basis,
        statusText[item.status] ?? item.status,
        [item.detail ?? item.explanation, item.unverified ? L.annex.unverified(item.unverified) : ''].filter(Boolean).join('\n'),
      ]),
      widths: [3, 1.6, 1.2, 3.4],
    });
  } else blocks.push({ kind: 'paragraph', text: L.annex.none, muted: true });

  return { title: doc.title, subtitle: L.subtitle, subject: L.subject(buyerNames), cover, blocks };
}
