import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: migrations are applied at start by src/server/platform/db.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
});
