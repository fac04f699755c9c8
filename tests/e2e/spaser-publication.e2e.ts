import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './platform.js';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expectAccessible, signedIn } from './support.js';

// Issue 18: an editor publishes the demo's adopted schéma of Rennes again; its public page reads
// without JavaScript (title, axes, indicators and their tables); the PDF and the DOCX downloaded
// from it carry the same axes and indicators; Rennes's organisation page reads without JavaScript
// too (name, verdict, SPASER status); axe on both pages.
const EDITOR = 'yann.le-goff@rennes.example';
const TITLE = 'SPASER de la Ville de Rennes 2024-2027';
const AXES = ['Axe 1 — Achats inclusifs', 'Axe 2 — Achats bas carbone'];
const INDICATOR = 'Part des marchés réservés';

async function pdfText(buf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    texts.push(c.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  return texts.join('\n').replace(/\s+/g, ' ');
}

async function withoutJavaScript(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  return context.newPage();
}

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
  return fs.readFileSync((await file.path())!);
}

test('issue 18: publish, read the public page without JavaScript, download the PDF and the DOCX, the organisation page', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signedIn(page, EDITOR);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon SPASER' }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const panel = page.locator('#publication');
  await expect(panel.getByText(/^Version 1 publiée le/)).toBeVisible();
  await panel.getByRole('button', { name: 'Publier la version actuelle' }).click();
  await expect(panel.getByText('SPASER publié.')).toBeVisible();
  await expect(panel.getByText(/^Version 2 publiée le/)).toBeVisible();
  await expectAccessible(page, 'SPASER, publication');
  const publicPath = await panel.getByRole('link', { name: 'Voir la page publique' }).getAttribute('href');
  expect(publicPath).toMatch(/^\/schemas\/[a-z2-9]{8}-spaser-de-la-ville-de-rennes-2024-2027$/);

  // The public page with JavaScript disabled: everything is in the server's HTML.
  const reader = await withoutJavaScript(browser);
  await reader.goto(publicPath!);
  await expect(reader).toHaveTitle(`${TITLE} — Entraide`);
  await expect(reader.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  for (const axis of AXES) await expect(reader.getByRole('heading', { level: 3, name: axis })).toBeVisible();
  await expect(reader.getByRole('heading', { level: 3, name: INDICATOR })).toBeVisible();
  // Each indicator's chart comes with the table of its values.
  await expect(reader.getByRole('table', { name: INDICATOR })).toBeVisible();
  await expect(reader.getByText('Adopté le 25 mars 2024 (Délibération n° 2024-0112 du conseil municipal du 25 mars 2024).')).toBeVisible();

  // The documents: the same axes and indicators.
  const pdf = await pdfText(await download(reader, 'Document PDF'));
  for (const text of [TITLE, 'Achats inclusifs', 'Achats bas carbone', INDICATOR]) expect(pdf).toContain(text);
  const docx = (await mammoth.extractRawText({ buffer: await download(reader, 'Document modifiable (DOCX)') })).value;
  for (const text of [TITLE, 'Achats inclusifs', 'Achats bas carbone', INDICATOR]) expect(docx).toContain(text);

  // The same page once the web app has taken over: no accessibility violation.
  await page.goto(publicPath!);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await expectAccessible(page, 'SPASER publié');

  // Rennes's organisation page without JavaScript: its name, the verdict, « Publié ».
  const rennes = await (await page.request.get('/api/organisations?q=rennes&kind=commune')).json();
  const rennesId = rennes.items.find((o: { name: string }) => o.name === 'Rennes').id as string;
  await reader.goto(`/organisations/${rennesId}`);
  await expect(reader.getByRole('heading', { level: 1, name: 'Rennes' })).toBeVisible();
  await expect(reader.getByText('Publié').first()).toBeVisible();
  await expect(reader.getByText(/^(Concerné|Probablement concerné|Incertain|Probablement non concerné|Non concerné)$/).first()).toBeVisible();
  await page.goto(`/organisations/${rennesId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Rennes' })).toBeVisible();
  await expectAccessible(page, 'organisation rendue par le serveur');
  await reader.context().close();
});
