import { defineConfig } from 'vitest/config';

// `npm run test:cluster` (docs/reliability.md): real processes of the production build behind nginx
// on PostgreSQL, started by tests/cluster/launch.ts. One file at a time: each starts its own cluster,
// and two at once would share the machine's two cores with the processes they measure.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.cluster.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
