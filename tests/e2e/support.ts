import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'mot-de-passe-demo-e2e';
export const MAIL_DIR = path.resolve('.test-data/e2e-mail');

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
  await page.waitForLoadState('networkidle');
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
