import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 13 (the first hour), « screenshot tour »: every page reachable from the menu, as a visitor, a
// member, a facilitator and an admin, at 1280 px and 375 px: no sideways scroll, no console error, no
// untranslated framework message, axe without violation. The screenshots are kept as CI artefacts.
export const SCREENSHOTS = path.resolve('.ci/logs/screenshots');

const personas = [
  { key: 'visiteur', label: 'a visitor', email: null },
  { key: 'membre', label: 'a member', email: 'claire.martin@lyon.example' },
  { key: 'animateur', label: 'a facilitator', email: 'animation@entraide.example' },
  { key: 'admin', label: 'an admin', email: 'admin@entraide.example' },
] as const;

const widths = [1280, 375] as const;

/**
 * English messages of the frameworks underneath (zod, Fastify, the browser's fetch) that must never
 * reach a French page. Whole words only: « Invalide » is French, « Invalid » is not.
 */
const untranslated = [
  /\bRequired\b/,
  /\bInvalid\b/,
  /\bNot Found\b/,
  /\bBad Request\b/,
  /\bInternal Server Error\b/,
  /\bUnauthorized\b/,
  /\bForbidden\b/,
  /\bToo (small|big)\b/,
  /\bExpected \w+, received\b/,
  /\bFailed to fetch\b/,
  /\bNetworkError\b/,
  /\bUnexpected (token|error)\b/,
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
];

/** The pages the menu leads to: the main navigation and the header's quick access, in order, once each. */
async function menuPages(page: Page): Promise<string[]> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const hrefs = await page
    .locator('header .fr-nav a[href], header .fr-header__tools-links a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/api/')))];
}

/**
 * Besides the menu, the two other pages the server renders whole for a visitor and the browser then
 * hydrates (ADR 0037; the home page is the first of the menu): a public question and Lyon's page. A
 * hydration that does not match the server's HTML shows here as a console error.
 */
async function renderedPages(page: Page): Promise<string[]> {
  const questions = await (await page.request.get('/api/help/questions')).json();
  const lyon = (await (await page.request.get('/api/organisations?q=lyon&kind=commune')).json()).items.find((o: { name: string }) => o.name === 'Lyon');
  expect(questions.items.length, 'public questions of the demo').toBeGreaterThan(0);
  return [`/entraide/questions/${questions.items[0].id}`, `/organisations/${lyon.id}`];
}

// The four personas' tours are independent (each its own browser context, reading pages only): they may run in
// different workers, so that the suite's longest file does not keep one worker busy at the end alone.
test.describe.configure({ mode: 'parallel' });

const slug = (p: string) =>
  p === '/' ? 'accueil' : p.replace(/^\//, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, 'id').replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '');

for (const persona of personas) {
  test(`tour: every page of the menu as ${persona.label}, at 1280 px and 375 px, screenshots kept`, async ({ browser }) => {
    // About 30 pages, each twice, with axe: 2–4 min at a load of 10 to 15 on the 2-core machine.
    test.setTimeout(420_000);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // One browser context for the whole persona: logged in once.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${new URL(page.url()).pathname}: ${m.text().split('\n')[0]}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${new URL(page.url()).pathname}: ${e.message}`));
    if (persona.email) await signedIn(page, persona.email);
    const menu = await menuPages(page);
    expect(menu.length, 'pages in the menu').toBeGreaterThan(5);
    const pages = [...menu, ...(await renderedPages(page))];

    // Every problem of the tour, gathered so that one failure shows all the others too.
    const problems: string[] = [];
    const check = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        problems.push(`${what}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`);
      }
    };
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 375 ? 800 : 900 });
      for (const p of pages) {
        const where = `${p} (${persona.key}, ${width} px)`;
        await page.goto(p);
        await check(`${where} title`, () => expect(page.getByRole('heading', { level: 1 })).toBeVisible());
        await page.waitForLoadState('networkidle');
        await check(`${where} overflow`, () => expectNoHorizontalOverflow(page, where));
        const text = await page.locator('body').innerText();
        for (const re of untranslated) {
          const m = text.match(re);
          if (m) problems.push(`${where}: untranslated « ${text.slice(Math.max(0, m.index! - 40), m.index! + 40).replace(/\s+/g, ' ')} »`);
        }
        await check(`${where} axe`, () => expectAccessible(page, where));
        await page.screenshot({ path: path.join(SCREENSHOTS, `${persona.key}-${width}-${slug(p)}.png`), fullPage: true });
      }
    }
    await context.close();
    expect(problems, `problems met as ${persona.label}`).toEqual([]);
    expect(consoleErrors, `console errors as ${persona.label}`).toEqual([]);
  });
}
