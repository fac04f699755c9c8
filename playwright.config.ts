import { defineConfig } from '@playwright/test';

// `npm run test:e2e`: journeys across screens in Debian's Chromium (never a downloaded browser).
// Each worker runs its journeys against its own server (tests/e2e/platform.ts) on a copy of the PGlite
// folder that tests/e2e/global-setup.ts prepares once, on port E2E_PORT + its parallel index
// (docs/decisions/0036-parallel-journeys.md).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3199);
/** Parallel workers, hence servers: E2E_WORKERS, 2 by default (measured on the 2-core CI machine). */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.e2e\.ts/,
  globalSetup: './tests/e2e/global-setup.ts',
  // A file's journeys run in order in one worker; files are handed to whichever worker is free.
  fullyParallel: false,
  workers: E2E_WORKERS,
  // In CI a failed journey runs once more and, if it passes then, is reported « flaky » (counted and
  // named in .ci/run's summary, never hidden): headless Chromium once stopped drawing frames for a
  // window and a click waited five minutes for « stable ». A real failure fails both times.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    // A stuck action (an element that never becomes « stable ») fails within a minute with its log,
    // instead of using up a long journey's whole budget.
    actionTimeout: 60_000,
    // No baseURL here: tests/e2e/platform.ts gives each worker's own server's.
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
