// The production build (docs/decisions/0001): the server compiled to JavaScript by esbuild into
// dist/server/, the web app built by Vite into dist/web/ (with its Brotli and gzip copies). Plain
// `node` runs the result (`npm start`, scripts/start.mjs); tsx is for `npm run dev` and the tests.
//
//   node scripts/build.mjs            both parts
//   node scripts/build.mjs server     the server only (a second or two)
//   node scripts/build.mjs web        the web app only
//
// Each part writes its stamp (dist/server/.built, dist/web/.built) last, so an interrupted build is
// rebuilt by the next start.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Built files (and their stamp) of each part; the stamp's mtime is compared with the newest source. */
export const parts = {
  server: { out: path.join(root, 'dist', 'server'), entry: 'start.js' },
  web: { out: path.join(root, 'dist', 'web'), entry: 'index.html' },
};
export const stampOf = (part) => path.join(parts[part].out, '.built');

/**
 * What each part is built from. The server bundles everything it imports from src/ (including
 * src/web/paths.ts); the web app imports the zod contracts of src/server and src/shared. Packages
 * stay external to the server bundle, so only the lock file stands for them.
 */
export const sources = {
  server: ['src/server', 'src/cli', 'src/shared', 'src/web', 'package-lock.json', 'scripts/build.mjs'],
  web: ['src/web', 'src/shared', 'src/server', 'index.html', 'vite.config.ts', 'public', 'package-lock.json', 'scripts/build.mjs'],
};

const ignored = (rel) =>
  /\.test\.tsx?$/.test(rel) || /\.e2e\.ts$/.test(rel) || rel.startsWith('public/dsfr') || rel.startsWith(`public${path.sep}dsfr`);
/** For the web part, only the contracts of src/server count (the app imports nothing else there). */
const relevant = (part, rel) => part !== 'web' || !rel.startsWith('src/server') || rel.endsWith('.contract.ts');

/** Newest modification time (ms) among a part's sources: one stat per file, a few milliseconds. */
export function newestSource(part) {
  let newest = 0;
  const walk = (rel) => {
    const full = path.join(root, rel);
    let st;
    try {
      st = fs.statSync(full);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(full)) walk(`${rel}/${e}`);
    } else if (!ignored(rel) && relevant(part, rel)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  sources[part].forEach(walk);
  return newest;
}

/** True when the part was never built, or a source changed since (mtime newer than its stamp). */
export function isStale(part) {
  let built;
  try {
    built = fs.statSync(stampOf(part)).mtimeMs;
  } catch {
    return true;
  }
  if (!fs.existsSync(path.join(parts[part].out, parts[part].entry))) return true;
  return newestSource(part) > built;
}

/**
 * The DSFR's React components (and tsafe, which they use) are ES modules importing one another
 * without file extensions, which plain node cannot load: the pages rendered on the server (ADR 0029)
 * need them bundled. Every other package stays external.
 */
const EXTENSIONLESS = /^(@codegouvfr\/react-dsfr|tsafe)(\/|$)/;
const bundleExtensionless = {
  name: 'bundle-extensionless-packages',
  setup(b) {
    b.onResolve({ filter: EXTENSIONLESS }, (args) => {
      const base = path.join(root, 'node_modules', args.path);
      for (const candidate of [`${base}.js`, path.join(base, 'index.js'), base]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { path: candidate };
      }
      return undefined;
    });
  },
};

/**
 * The DSFR's display settings (in the footer of every page) draw their artwork from SVG files that
 * Vite copies to dist/web/assets under a hashed name. The pages rendered on the server and hydrated
 * by the browser (ADR 0037) must name the very same files: each such import becomes the built file's
 * address, so the web app is built first. Without a web build (the server alone), a data URL.
 */
const builtAssetUrls = {
  name: 'built-asset-urls',
  setup(b) {
    b.onLoad({ filter: /\.svg$/ }, (args) => {
      const name = path.basename(args.path, '.svg');
      const assets = path.join(parts.web.out, 'assets');
      const built = fs.existsSync(assets) ? fs.readdirSync(assets).find((f) => new RegExp(`^${name}-[\\w-]{8}\\.svg$`).test(f)) : undefined;
      if (built) return { contents: `export default ${JSON.stringify(`/assets/${built}`)};`, loader: 'js' };
      return { contents: fs.readFileSync(args.path), loader: 'dataurl' };
    });
  },
};

/**
 * Builds the server into `out` (dist/server by default). The tests build their own copy once per run
 * (tests/helpers/global-setup.ts) and run their command-line and server children from it.
 */
export async function buildServer(out = parts.server.out) {
  const esbuild = await import('esbuild');
  fs.rmSync(out, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every package stays in node_modules (native ones such as @node-rs/argon2, PGlite's wasm, pdfjs'
    // workers): the bundle holds only the project's own code.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [bundleExtensionless, builtAssetUrls],
  };
  await esbuild.build({
    ...common,
    entryPoints: { start: 'src/server/start.ts', cli: 'src/cli/main.ts' },
    outdir: out,
    // Shared code in chunks; the modules loaded on first use (dynamic import) in chunks of their own.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  // The extraction child (platform/extraction) is found next to the code that forks it.
  await esbuild.build({ ...common, entryPoints: ['src/server/platform/extraction/extraction.child.mjs'], outfile: path.join(out, 'extraction.child.mjs') });
  // Worker threads (platform/workers/runner.ts), started from dist/server/workers/<name>.mjs.
  await esbuild.build({ ...common, entryPoints: { 'spaser-render': 'src/server/spaser/documents/render.worker.ts', 'decp-stage': 'src/server/procurement/import/stage.worker.ts' }, outdir: path.join(out, 'workers'), outExtension: { '.js': '.mjs' } });
  fs.writeFileSync(path.join(out, '.built'), `${new Date().toISOString()}\n`);
}

export function buildWeb() {
  // `react-dsfr update-icons` writes the icon stylesheet the pages use (public/dsfr/utility/icons).
  execFileSync('npx', ['react-dsfr', 'update-icons'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stampOf('web'), `${new Date().toISOString()}\n`);
}

/** Builds the parts asked for (default: both), or only the stale ones with `onlyStale`. */
export async function build(which = ['server', 'web'], { onlyStale = false } = {}) {
  const todo = which.filter((p) => !onlyStale || isStale(p));
  // The web app first: the server names some of its built files (builtAssetUrls).
  if (todo.includes('web')) buildWeb();
  if (todo.includes('server')) await buildServer();
  return todo;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const asked = process.argv.slice(2).filter((a) => a in parts);
  const t = Date.now();
  await build(asked.length ? asked : undefined);
  process.stdout.write(`Construction terminée (${asked.length ? asked.join(', ') : 'server, web'}) en ${((Date.now() - t) / 1000).toFixed(1)} s.\n`);
}
