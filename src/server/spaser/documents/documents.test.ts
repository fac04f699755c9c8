import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpaserDocument } from '../document.contract.js';
import { draftSpaser, jointSpaser } from './documents.fixtures.js';
import { renderSpaserExport, spaserExportFileName, spaserFileStem, type SpaserExportFile } from './index.js';

// Every expected value below is worked out by hand from jointSpaser() (documents.fixtures.ts), never
// copied from the renderers' output. Whitespace is compared as single spaces: figures are written
// with no-break spaces (« 12,5 % », « 150 000 € »), which text extraction may give either way.
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

async function pdfText(buf: Buffer): Promise<{ text: string; title: unknown; pages: number }> {
  const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const c = await (await pdf.getPage(i)).getTextContent();
    pages.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const meta = await pdf.getMetadata();
  // Each page ends with its footer; taken out so text running over two pages reads on.
  const footers = pages.map((p, i) => p.includes(`Page ${i + 1} sur ${pdf.numPages}`));
  expect(footers.every(Boolean)).toBe(true);
  return { text: norm(pages.map((p, i) => p.replace(`Page ${i + 1} sur ${pdf.numPages}`, '')).join('\n')), title: (meta.info as Record<string, unknown>).Title, pages: pdf.numPages };
}

/** The HTML tables mammoth writes, as rows of cell texts. */
function htmlTables(html: string): string[][][] {
  const text = (s: string) => norm(s.replace(/<\/p><p>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'));
  return [...html.matchAll(/<table>(.*?)<\/table>/g)].map(([, t]) => [...t!.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, r]) => [...r!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map(([, c]) => text(c!))));
}

// The indicator tables, as a reader sees them: years 2023 to 2026 in columns, one row per buyer and kind.
const indicator1Table = [
  ['Acheteur', 'Type', '2023', '2024', '2025', '2026'],
  ['Ville de Rennes', 'Référence', '12,5 %', '—', '—', '—'],
  ['Ville de Rennes', 'Cible', '—', '—', '40 %', '60 %'],
  ['Ville de Rennes', 'Valeur', '—', '25,75 %', '—', '—'],
  ['Rennes Métropole', 'Référence', '8 %', '—', '—', '—'],
  ['Rennes Métropole', 'Cible', '—', '—', '—', '50 %'],
  ['Rennes Métropole', 'Valeur', '—', '10 %', '—', '—'],
];
// Rennes Métropole has no target: no « Cible » row for it.
const indicator2Table = [
  ['Acheteur', 'Type', '2023', '2024', '2025', '2026'],
  ['Ville de Rennes', 'Référence', '150 000 €', '—', '—', '—'],
  ['Ville de Rennes', 'Cible', '—', '—', '—', '250 000 €'],
  ['Ville de Rennes', 'Valeur', '—', '180 000,5 €', '—', '—'],
  ['Rennes Métropole', 'Référence', '90 000 €', '—', '—', '—'],
  ['Rennes Métropole', 'Valeur', '—', '95 000 €', '120 000 €', '—'],
];
const checklistTable = [
  ['Exigence', 'Fondement', 'État', 'Précisions'],
  ['Des objectifs sociaux', 'Art. L2111-3, al. 2 CCP', 'Remplie', 'Le schéma fixe des objectifs sociaux.'],
  ['Des objectifs écologiques', 'Art. L2111-3, al. 2 CCP', 'Remplie', 'Le schéma fixe des objectifs écologiques.'],
  ['Des indicateurs publiés au moins tous les deux ans', 'Art. L2111-3 CCP', 'À compléter', 'Indiquez la fréquence de publication des indicateurs.'],
];

// The sections in reading order, with a piece of each one's content: a renderer that drops or
// reorders one fails.
const sectionsInOrder = [
  'Préambule',
  'La Ville s’engage pour des achats « responsables » : 100 € sur 3 dépensés localement.',
  'Une œuvre commune aux deux acheteurs.',
  'Diagnostic',
  'Les marchés de travaux représentent l’essentiel de la dépense.',
  '3 — Une pratique régulière dans certaines familles d’achats',
  '45 — Travaux de construction',
  'Axes, objectifs et actions',
  'Axe 1 — Achats écologiques et économie circulaire',
  '1.1 Réduire l’empreinte carbone des marchés de travaux',
  '1.1.1',
  'Clause de réemploi des matériaux « bas carbone »',
  '30 juin 2025',
  '1.1.2',
  'Former les acheteurs au coût global',
  '1.2 Acheter des fournitures reconditionnées',
  '1.2.1',
  'Axe 2 — Achats socialement responsables',
  '2.1 Développer les clauses d’insertion',
  '2.1.1',
  'Clause d’insertion dans les marchés de plus de 90 000 €',
  '2.2 Réserver des marchés aux ESUS',
  'Aucune action pour cet objectif.',
  'Indicateurs',
  'Indicateur 1 — Part des marchés comportant une considération environnementale',
  'Considération environnementale',
  'Indicateur 2 — Montant des achats auprès des ESUS',
  'Gouvernance et suivi',
  'Comité présidé par l’adjointe aux achats',
  'Tous les 12 mois',
  'Rapport annuel au conseil municipal',
  'Parties prenantes associées',
  'Chambre de métiers et de l’artisanat',
  'Réseau des SIAE',
  'Publication',
  'https://metropole.rennes.fr/spaser',
  'Tous les 24 mois',
  'Annexe — Contrôle de conformité (article L2111-3)',
  '2 exigences remplies sur 3. Règles en vigueur le 1er janvier 2026.',
];

function expectInOrder(text: string, pieces: string[]) {
  let from = 0;
  for (const piece of pieces) {
    const at = text.indexOf(norm(piece), from);
    expect(at, `« ${piece} » after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + norm(piece).length;
  }
}

const stem = 'spaser-2024-2026-coeur-d-agglomeration-ville-de-rennes';
const options = { origin: 'https://entraide.example/' };
let doc: SpaserDocument;
const files = {} as Record<'pdf' | 'docx' | 'xlsx' | 'csv', SpaserExportFile>;
beforeAll(async () => {
  doc = jointSpaser();
  for (const format of ['pdf', 'docx', 'xlsx', 'csv'] as const) files[format] = await renderSpaserExport(doc, format, options);
});

describe('file names and types', () => {
  it('are an ASCII slug of the title, starting with « spaser »', () => {
    expect(files.pdf.fileName).toBe(`${stem}.pdf`);
    expect(files.docx.fileName).toBe(`${stem}.docx`);
    expect(files.xlsx.fileName).toBe(`${stem}-indicateurs.xlsx`);
    expect(files.csv.fileName).toBe(`${stem}-indicateurs.csv`);
    expect(files.pdf.contentType).toBe('application/pdf');
    expect(files.docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(files.xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(files.csv.contentType).toBe('text/csv; charset=utf-8');
    expect(spaserFileStem('Schéma des achats « Œuvre » de Saint-Étienne')).toBe('spaser-schema-des-achats-oeuvre-de-saint-etienne');
    expect(spaserFileStem('  ')).toBe('spaser');
    expect(spaserFileStem('x'.repeat(200))).toHaveLength(80);
    expect(spaserExportFileName('SPASER 2025', 'csv')).toBe('spaser-2025-indicateurs.csv');
  });
});

describe('the PDF', () => {
  it('carries the cover, every section in order with numbered axes and objectives, and the annex', async () => {
    const { text, title } = await pdfText(files.pdf.body);
    expect(title).toBe('SPASER 2024-2026 : cœur d’agglomération — Ville de Rennes');
    // The PDF names its language (the catalog is not compressed by pdfkit).
    expect(files.pdf.body.includes('/Lang (fr-FR)')).toBe(true);
    expectInOrder(text, [
      'SPASER 2024-2026 : cœur d’agglomération — Ville de Rennes',
      'Acheteurs : Ville de Rennes (porteur, SIREN 213502388) ; Rennes Métropole (SIREN 243500139)',
      'Période : 2024–2026',
      'Statut : Publié',
      'Adoption : 12 mars 2024, délibération n° 2024-0042',
      'Publié le : 2 avril 2024',
      'Adresse publique : https://entraide.example/spaser/3333-spaser-2024-2026-rennes',
      ...sectionsInOrder,
    ]);
  });

  it('draws each indicator table row by row, with French numbers and units', async () => {
    const { text } = await pdfText(files.pdf.body);
    // A table's cells are extracted row by row, left to right: each row is one run of text.
    expectInOrder(text, [
      'Chiffres par acheteur : Part des marchés comportant une considération environnementale',
      ...indicator1Table.map((r) => r.join(' ')),
      'Chiffres par acheteur : Montant des achats auprès des ESUS',
      ...indicator2Table.map((r) => r.join(' ')),
      'Exigences de l’article L2111-3 du code de la commande publique',
      ...checklistTable.map((r) => r.join(' ')),
    ]);
    // Sources, including a DECP figure with no source written and a replaced DECP figure.
    expect(text).toContain(norm('Rennes Métropole, référence 2023 : données essentielles de la commande publique (DECP)'));
    expect(text).toContain(norm('Rennes Métropole, valeur 2024 : Recensement interne ; valeur calculée depuis les DECP remplacée (marchés subséquents comptés à part)'));
    // The organisation that left the schéma is not a buyer: its figures (99, 98,5) are not shown.
    expect(text).not.toContain('99 %');
    expect(text).not.toContain('98,5');
  });

  it('lays text out the same in a later PDF, whose words come from the shared layout cache (platform/pdf.ts)', async () => {
    const placed = async (buf: Buffer) => {
      const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
      const items: string[] = [];
      for (let i = 1; i <= pdf.numPages; i++) {
        for (const it of (await (await pdf.getPage(i)).getTextContent()).items) if ('str' in it && it.str.trim()) items.push(`${i} ${it.transform[4].toFixed(2)} ${it.transform[5].toFixed(2)} ${it.width.toFixed(2)} ${it.str}`);
      }
      return items;
    };
    // Two more: the second reads runs the first one cached. (Marianne has 1000 units per em, so pdfkit's
    // in-place scaling of a run is the identity with it; the cache hands out copies for other fonts.)
    await renderSpaserExport(doc, 'pdf', options);
    const again = await renderSpaserExport(doc, 'pdf', options);
    const [first, third] = [await placed(files.pdf.body), await placed(again.body)];
    expect(first.length).toBeGreaterThan(200);
    expect(third).toEqual(first);
  });

  it('of a draft says it is not adopted, and gives no public address', async () => {
    const { text } = await pdfText((await renderSpaserExport(draftSpaser(), 'pdf', options)).body);
    expect(text).toContain('Statut : En préparation');
    expect(text).toContain('Adoption : Projet non adopté : document de travail');
    expect(text).not.toContain('Adresse publique');
    // A single buyer is not called « porteur ».
    expect(text).toContain('Acheteurs : Ville de Rennes (SIREN 213502388)');
  });
});

describe('the DOCX', () => {
  it('uses Word heading styles: the sections as Heading 1, axes and indicators as Heading 2, objectives as Heading 3', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: files.docx.body });
    const headings = [...html.matchAll(/<h([1-3])>(.*?)<\/h\1>/g)].map(([, level, text]) => `${level} ${norm(text!)}`);
    expect(headings).toEqual([
      '1 Préambule',
      '1 Diagnostic',
      '2 Cartographie des achats',
      '1 Axes, objectifs et actions',
      '2 Axe 1 — Achats écologiques et économie circulaire',
      '3 1.1 Réduire l’empreinte carbone des marchés de travaux',
      '3 1.2 Acheter des fournitures reconditionnées',
      '2 Axe 2 — Achats socialement responsables',
      '3 2.1 Développer les clauses d’insertion',
      '3 2.2 Réserver des marchés aux ESUS',
      '1 Indicateurs',
      '2 Indicateur 1 — Part des marchés comportant une considération environnementale',
      '2 Indicateur 2 — Montant des achats auprès des ESUS',
      '1 Gouvernance et suivi',
      '1 Parties prenantes associées',
      '1 Publication',
      '1 Annexe — Contrôle de conformité (article L2111-3)',
    ]);
    expectInOrder(norm(html.replace(/<[^>]+>/g, ' ')), ['SPASER 2024-2026 : cœur d’agglomération — Ville de Rennes', 'Statut : Publié', ...sectionsInOrder]);
  });

  it('has real tables with a header row: actions, indicators, stakeholders and the checklist', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: files.docx.body });
    const tables = htmlTables(html);
    // Mapping, actions of 1.1, 1.2, 2.1, indicator 1, indicator 2, stakeholders, checklist.
    expect(tables).toHaveLength(8);
    expect(tables[1]).toEqual([
      ['N°', 'Action', 'Pilote', 'Échéance', 'État'],
      ['1.1.1', 'Clause de réemploi des matériaux « bas carbone » Familles d’achats : Travaux Ce qu’elle sert : Économie circulaire', 'Direction des bâtiments', '30 juin 2025', 'En cours'],
      ['1.1.2', 'Former les acheteurs au coût global', 'Service de la commande publique', '', 'Prévue'],
    ]);
    expect(tables[4]).toEqual(indicator1Table);
    expect(tables[5]).toEqual(indicator2Table);
    expect(tables[6]).toEqual([
      ['Qui', 'Comment'],
      ['Chambre de métiers et de l’artisanat', 'Atelier de concertation'],
      ['Réseau des SIAE', 'Entretiens'],
    ]);
    expect(tables[7]).toEqual(checklistTable);
    // Header rows are Word header rows (repeated on each page): mammoth writes them as <thead>.
    expect(html.match(/<thead>/g)).toHaveLength(8);
  });

  it('is in French, with the title in its properties', async () => {
    const zip = await JSZip.loadAsync(files.docx.body);
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('<w:lang w:val="fr-FR"/>');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:title>SPASER 2024-2026 : cœur d’agglomération — Ville de Rennes</dc:title>');
  });
});

// One row per (indicator, buyer, kind, year), worked out from the fixture: buyers in the schéma's
// order (Rennes first, though indicator 2 lists the Métropole first), référence, cibles then valeurs
// by year; the figures of the organisation that left are not there.
const I1 = ['Part des marchés comportant une considération environnementale', 'Considération environnementale', '% des contrats (en nombre)'];
const I2 = ['Montant des achats auprès des ESUS', 'Achats auprès des ESUS', 'Euros HT'];
const R = ['Ville de Rennes', '213502388'];
const M = ['Rennes Métropole', '243500139'];
const expectedRows: Array<Array<string | number>> = [
  [...I1, ...R, 'Référence', 2023, 12.5, 'Bilan des achats 2023'],
  [...I1, ...R, 'Cible', 2025, 40, ''],
  [...I1, ...R, 'Cible', 2026, 60, ''],
  [...I1, ...R, 'Valeur', 2024, 25.75, 'Tableau de bord 2024'],
  [...I1, ...M, 'Référence', 2023, 8, 'données essentielles de la commande publique (DECP)'],
  [...I1, ...M, 'Cible', 2026, 50, ''],
  [...I1, ...M, 'Valeur', 2024, 10, 'Recensement interne ; valeur calculée depuis les DECP remplacée (marchés subséquents comptés à part)'],
  [...I2, ...R, 'Référence', 2023, 150000, 'Mandats 2023'],
  [...I2, ...R, 'Cible', 2026, 250000, ''],
  [...I2, ...R, 'Valeur', 2024, 180000.5, ''],
  [...I2, ...M, 'Référence', 2023, 90000, ''],
  [...I2, ...M, 'Valeur', 2024, 95000, ''],
  [...I2, ...M, 'Valeur', 2025, 120000, ''],
];
const header = ['Indicateur', 'Catégorie', 'Unité', 'Acheteur', 'SIREN', 'Type', 'Année', 'Valeur', 'Source'];

describe('the spreadsheets', () => {
  it('XLSX: one sheet, the header then one row per figure, years and values as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicateurs']);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? '')));
    // exceljs leaves trailing empty cells out of a row read back.
    const padded = rows.map((r) => [...r, ...Array(header.length - r.length).fill('')]);
    expect(padded).toEqual([header, ...expectedRows]);
    expect(typeof rows[1]![7]).toBe('number');
    expect(typeof rows[1]![6]).toBe('number');
  });

  it('CSV: the same rows, `;`-separated with a BOM and decimal commas', async () => {
    const csv = files.csv.body.toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toEqual([header, ...expectedRows.map((r) => r.map((v) => (typeof v === 'number' ? String(v).replace('.', ',') : v)))]);
    expect(rows[4]![7]).toBe('25,75');
  });
});
