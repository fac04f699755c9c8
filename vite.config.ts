import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: Vite root is the repository root (index.html), entry /src/web/main.tsx, built into dist/
// which the server serves. In development, API calls go to the server on port 3000 (or ENTRAIDE_API_URL).
const api = process.env.ENTRAIDE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
});
