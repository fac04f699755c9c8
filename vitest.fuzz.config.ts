import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the property-based API fuzzer (tests/fuzz), apart from `npm test` (docs/security.md).
export default defineConfig({
  test: {
    include: ['tests/fuzz/**/*.fuzz.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
