import { defineConfig } from 'vitest/config';

// `npm test`: PGlite. `npm run test:pg`: the same suite on PostgreSQL (DATABASE_URL), see scripts/test-pg.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
