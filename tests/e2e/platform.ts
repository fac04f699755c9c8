import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config.js';
import { startTestProvider } from '../helpers/oidc-provider.js';
import { startSmtpReceiver } from '../helpers/smtp.js';
import { startPlatform } from './server.js';
import { DEMO_PASSWORD, MAIL_DIR, PROCONNECT_E2E, PROCONNECT_E2E_EXISTING, PROCONNECT_E2E_UNKNOWN_SIREN } from './support.js';

export { expect };

/**
 * Each Playwright worker runs its journeys against its own platform: a copy of the data folder the
 * global setup prepared, its own server on E2E_PORT + the worker's parallel index, its own SMTP
 * receiver writing into its own MAIL_DIR, its own OpenID provider standing for ProConnect, and so its
 * own clock (ALLOW_CLOCK_CONTROL). A worker replaced after a failed journey starts a fresh copy.
 * Every journey imports `test` from here (the configuration has no baseURL: a journey that forgot
 * would fail at its first relative URL).
 */
export const test = base.extend<object, { platform: { baseURL: string } }>({
  platform: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const template = process.env.E2E_TEMPLATE_DIR;
      if (!template) throw new Error('E2E_TEMPLATE_DIR is not set: run the journeys through Playwright (tests/e2e/global-setup.ts prepares it)');
      const port = E2E_PORT + workerInfo.parallelIndex;
      fs.rmSync(MAIL_DIR, { recursive: true, force: true });
      fs.mkdirSync(MAIL_DIR, { recursive: true });
      const smtp = await startSmtpReceiver();
      let n = 0;
      const timer = setInterval(() => {
        while (n < smtp.received.length) {
          const m = smtp.received[n++]!;
          fs.writeFileSync(path.join(MAIL_DIR, `${String(n).padStart(5, '0')}.json`), JSON.stringify({
            to: m.to,
            subject: m.subject,
            text: m.text,
            // Text attachments (an .ics invitation) kept as text for the journeys to parse.
            attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, text: a.content.toString('utf8') })),
          }));
        }
      }, 100);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `entraide-e2e-${workerInfo.parallelIndex}-`));
      fs.cpSync(template, dataDir, { recursive: true });
      // A real OpenID Connect provider standing for ProConnect, here only (never in `npm start`): the
      // ProConnect journeys sign in through its own login page (tests/e2e/proconnect.e2e.ts).
      const baseURL = `http://127.0.0.1:${port}`;
      const provider = await startTestProvider({ redirectUri: `${baseURL}/api/auth/proconnect/callback`, postLogoutRedirectUri: `${baseURL}/connexion` });
      provider.accounts.set(PROCONNECT_E2E.login, PROCONNECT_E2E.identity);
      provider.accounts.set(PROCONNECT_E2E_UNKNOWN_SIREN.login, PROCONNECT_E2E_UNKNOWN_SIREN.identity);
      provider.accounts.set(PROCONNECT_E2E_EXISTING.login, PROCONNECT_E2E_EXISTING.identity);
      const server = await startPlatform({
        port,
        dataDir,
        env: {
          SMTP_URL: smtp.url,
          DEMO_PASSWORD,
          // Journeys move the platform clock (POST /api/test/clock), e.g. to the next morning.
          ALLOW_CLOCK_CONTROL: 'true',
          PROCONNECT_ISSUER: provider.issuer,
          PROCONNECT_CLIENT_ID: provider.clientId,
          PROCONNECT_CLIENT_SECRET: provider.clientSecret,
          PROCONNECT_ALLOW_HTTP: 'true',
          PROCONNECT_TRUSTED_IDP_IDS: PROCONNECT_E2E.identity.idp_id,
        },
      });
      await use({ baseURL });
      await server.stop();
      clearInterval(timer);
      await smtp.close();
      await provider.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', auto: true, timeout: 400_000 },
  ],
  baseURL: async ({ platform }, use) => {
    await use(platform.baseURL);
  },
});
