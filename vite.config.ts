import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The web app: Vite root is the repository root (index.html), entry /src/web/main.tsx, built into
// dist/web/ which the server serves (scripts/build.mjs). Every text file of the build, index.html and
// the copied DSFR files included, gets a Brotli (.br) and a gzip (.gz) copy next to it, which the
// server sends by content negotiation (app.ts, @fastify/static `preCompressed`).
// In development, API calls go to the server on port 3000 (or ENTRAIDE_API_URL).
const api = process.env.ENTRAIDE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [
    react(),
    compression({
      include: /\.(html|css|js|mjs|json|svg|webmanifest|map|txt|xml)$/,
      exclude: /\.map$/,
      algorithms: ['brotliCompress', 'gzip'],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Everything the first page imports statically (React, React Router, TanStack Query, the DSFR
    // header and footer, the layout, the home page) in one file beside the entry, instead of the five
    // shared chunks Rolldown cut it into: one request, and ~3 kB less gzip (one compression context,
    // no imports and exports between them). Every other page stays a chunk of its own, loaded with
    // its labels, contracts and zod when visited (router.tsx; docs/performance.md, web).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'initial', tags: ['$initial'] }],
        },
      },
    },
    // That file is ~545 kB before compression (~149 kB gzip, what bench/web-size.mjs watches).
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
});
