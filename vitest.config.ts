import { defineConfig } from 'vitest/config';

/**
 * Files that need a process of their own: they measure the process's memory, which the files run
 * before them in a shared worker would blur. Every other file shares its worker's process, modules
 * and database (ADR 0028).
 */
const ownProcess = ['src/server/procurement/import/normalise.test.ts'];

// `npm test`: PGlite. `npm run test:pg`: the same suite on PostgreSQL (DATABASE_URL), see scripts/test-pg.ts.
export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ownProcess,
          // A worker loads the application once and runs its files one after the other, each on
          // the worker's database reset to the template (tests/helpers/shared-db.ts).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-process', include: ownProcess, isolate: true } },
    ],
  },
});
