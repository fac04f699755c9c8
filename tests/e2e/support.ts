import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'mot-de-passe-demo-e2e';
/**
 * Where the worker's SMTP receiver writes the e-mails its server sends (tests/e2e/platform.ts), one
 * folder per parallel worker: each worker's journeys only see their own server's mail.
 */
export const MAIL_DIR = path.resolve('.test-data/e2e-mail', process.env.TEST_PARALLEL_INDEX ?? '0');
/**
 * The agent the e2e ProConnect provider knows (any password): SIRET of Lyon's town hall, 216 901 231
 * 00011 (Lyon is a registry buyer), from an identity provider the e2e server trusts.
 */
export const PROCONNECT_E2E = {
  login: 'agent.lyon',
  identity: { email: 'nadia.haddad@agents-lyon.example', given_name: 'Nadia', usual_name: 'Haddad', siret: '21690123100011', idp_id: 'fia-e2e-agents' },
};
/**
 * A second agent of the e2e provider, from the same trusted identity provider, whose SIRET's SIREN is
 * in no registry the journeys load (communes, EPCI, collectivités CSV, the SIRENE hospitals extract):
 * 130 025 265, the DINUM's, an État body. SIRET 130 025 265 00013, Luhn from the right, doubling every
 * second digit: 3 + 2(1) + 0 + 0 + 0 + 1(5→10) + 6 + 4(2) + 5 + 4(2) + 0 + 0 + 3 + 2(1) = 30 → valid.
 */
export const PROCONNECT_E2E_UNKNOWN_SIREN = {
  login: 'agent.dinum',
  identity: { email: 'theo.marchand@numerique.example', given_name: 'Théo', usual_name: 'Marchand', siret: '13002526500013', idp_id: 'fia-e2e-agents' },
};
/**
 * A third agent of the e2e provider whose e-mail is a demo account's, Thomas Guérin's (verified member
 * of Rezé): the platform asks to link the two. SIRET of Rezé's town hall, SIREN 214 401 432, NIC 00015;
 * Luhn from the right, doubling every second digit: 5 + 2(1) + 0 + 0 + 0 + 4(2) + 3 + 8(4) + 1 + 0(0)
 * + 4 + 8(4) + 1 + 4(2) = 40 → valid. His membership there was decided by people, so it stays as it is.
 */
export const PROCONNECT_E2E_EXISTING = {
  login: 'thomas.guerin',
  identity: { email: 'thomas.guerin@reze.example', given_name: 'Thomas', usual_name: 'Guérin', siret: '21440143200015', idp_id: 'fia-e2e-agents' },
};

type Mail = { to: string; subject: string; text: string; attachments: { filename: string; contentType: string; text: string }[] };

/** Waits for the newest e-mail to `to` whose subject matches, as received by the real SMTP server. */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort().reverse() : [];
    for (const f of files) {
      const m = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as Mail;
      if (m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject)) return m;
    }
    if (Date.now() > deadline) throw new Error(`no e-mail "${subject}" to ${to}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The first link of the message that starts with `prefix`, made relative to the test server. */
export function linkIn(mail: Mail, prefix: string): string {
  const m = mail.text.match(new RegExp(`https?://[^\\s]*${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"<>]*`));
  if (!m) throw new Error(`no link with ${prefix} in "${mail.subject}"`);
  const u = new URL(m[0]);
  return `${u.pathname}${u.search}`;
}

const visited = new Set<string>();

/** Runs axe (WCAG 2.1 A and AA rules) on the current page and expects zero violations. */
export async function expectAccessible(page: Page, label: string) {
  // Our pages' data has loaded once the assertions before this call passed; networkidle is a last
  // settle. It is capped: Chromium's own PDF viewer (the library's preview iframe) can keep a request
  // of its extension open for about a minute, which once starved a whole CI run of its time.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  visited.add(label);
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/** Logs in through the form. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * Logs in with the demo password and waits for the logged-in header. The context's cookies go first:
 * after a moved clock a session may or may not have expired (12 hours, depending on the hour the
 * journey runs), and the login page of a logged-in browser has no form.
 */
/** On the test provider's own login page (oidc-provider's development interactions): signs in as `login`, any password. */
export async function signInAtProConnect(page: Page, login: string) {
  await expect(page).toHaveURL(/\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('peu importe');
  await page.locator('button[type="submit"]').click();
}

export async function signedIn(page: Page, email: string) {
  await page.context().clearCookies();
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
}

/** A JSON call with the page's cookies and CSRF token (what the web app's client does); expects success. */
export async function call(page: Page, method: string, url: string, data?: unknown) {
  const token = (await page.context().cookies()).find((c) => c.name === 'entraide_csrf')?.value ?? '';
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': token } });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** A new browser context logged in through the API; returns its page and the user's id and verified organisation. */
export async function apiLogin(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await page.request.get('/api/session');
  await call(page, 'POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
  const me = (await (await page.request.get('/api/session')).json()).user as { id: string; memberships: { organisationId: string; status: string }[] };
  return { page, id: me.id, organisationId: me.memberships.find((m) => m.status === 'verified')?.organisationId ?? null };
}

/** Sets the platform clock (ALLOW_CLOCK_CONTROL); `at` omitted: back to the real time. */
export async function setClock(page: Page, at?: Date) {
  const token = (await page.context().cookies()).find((c) => c.name === 'entraide_csrf')?.value ?? '';
  const res = await page.request.post('/api/test/clock', { data: { set: (at ?? new Date()).toISOString() }, headers: { 'x-csrf-token': token } });
  expect(res.ok()).toBe(true);
}

/** A Paris wall-clock time `YYYY-MM-DDTHH:MM`, `minutes` from now (real time): what datetime-local fields take. */
export function parisIn(minutes: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(Date.now() + minutes * 60_000))
    .replace(' ', 'T');
}

/**
 * The elements drawn beyond the viewport's right edge (or before its left edge), outermost first and
 * widest first: the cause of a sideways scroll. Elements inside a container that clips or scrolls its
 * overflow (a table wrapper with `overflow: auto`) do not widen the document, so they are not listed.
 */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; offenders: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out: { el: Element; width: number; right: number; left: number }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const left = r.left + window.scrollX;
      const right = r.right + window.scrollX;
      if (right <= viewport + 1 && left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.position === 'fixed' || style.visibility === 'hidden') continue;
      if (clipped(el)) continue;
      out.push({ el, width: r.width, right, left });
    }
    // The outermost offenders: an offending element inside another says nothing more.
    const outer = out.filter((o) => !out.some((p) => p.el !== o.el && p.el.contains(o.el)));
    outer.sort((a, b) => b.width - a.width);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = [...el.classList].slice(0, 3).map((c) => `.${c}`).join('');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` « ${text} »` : ''}`;
    };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport,
      offenders: outer.slice(0, 5).map((o) => `${describe(o.el)} (${Math.round(o.width)} px wide, ${Math.round(o.left)}→${Math.round(o.right)} px)`),
    };
  });
}

/** Fails when the document is wider than the viewport (a sideways scroll), naming the widest offending elements. */
export async function expectNoHorizontalOverflow(page: Page, label = page.url()) {
  const o = await horizontalOverflow(page);
  expect(o.scrollWidth <= o.viewport ? [] : [`document ${o.scrollWidth} px wide in a ${o.viewport} px viewport`, ...o.offenders], `horizontal overflow on ${label}`).toEqual([]);
}
