/**
 * `npm run bench:web`: Lighthouse (12.8.2, pinned: 13 needs Node 22) in Debian's Chromium
 * (CHROME_PATH, /usr/bin/chromium by default) on three pages of the demo served by the production
 * build: the home page, a question of the help space and an organisation page; mobile (Lighthouse's
 * default: Moto G Power, slow 4G and 4× CPU slowdown, simulated) and desktop presets; the median of 3
 * runs of each. Prints the performance and accessibility scores, the main timings and every
 * accessibility audit that fails. Figures in docs/performance.md; not a CI gate.
 *
 * The server is what `npm start` runs (`node scripts/start.mjs`, the build made first when missing
 * or stale), in production mode, on a new PGlite folder seeded with the demo community.
 *
 * Baseline, in the same run: a static page with the same stylesheets (DSFR, icons, the app's) and a
 * heading, no JavaScript, served by the same server's static files: what the DSFR costs by itself.
 *
 *   npm run bench:web                  3 runs of each (page × preset)
 *   npm run bench:web -- --runs=1      quicker
 *   npm run bench:web -- --only=home,baseline --save=/tmp/lh   some pages; keep the reports
 *   npm run bench:web -- --preset=mobile --port=3450           one preset; the server on that port, Chromium on the next
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { freePort, median } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const RUNS = runsArg ? Math.max(1, Number(runsArg.slice('--runs='.length))) : 3;
// --save=DIR keeps each run's Lighthouse report (JSON) there, to read what an audit found.
const saveArg = process.argv.find((a) => a.startsWith('--save='));
const saveDir = saveArg ? path.resolve(saveArg.slice('--save='.length)) : null;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const onlyPages = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const presetArg = process.argv.find((a) => a.startsWith('--preset='));
const presets = presetArg ? [presetArg.slice('--preset='.length) as 'mobile' | 'desktop'] : (['mobile', 'desktop'] as const);
// --port=N: the server on N and Chromium's debugging port on N + 1 (a shared machine gives each user a range).
const portArg = process.argv.find((a) => a.startsWith('--port='));
const fixedPort = portArg ? Number(portArg.slice('--port='.length)) : null;
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const log = (s: string) => process.stdout.write(`${s}\n`);

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = fixedPort ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.DATABASE_URL; // PGlite in DATA_DIR, whatever the caller's environment.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      DEMO_PASSWORD: 'benchmark-demo-password',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: base,
    },
    detached: true, // own process group: SIGTERM reaches everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready within 10 minutes:\n${out.slice(-3000)}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

/** A question and an organisation of the demo, found through the API as a visitor would. */
async function demoPages(base: string): Promise<{ name: string; path: string }[]> {
  const get = async (p: string) => {
    const res = await fetch(`${base}${p}`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
    return res.json() as Promise<{ items: { id: string; title?: string; name?: string }[] }>;
  };
  const questions = await get('/api/help/questions');
  const question = questions.items[0];
  if (!question) throw new Error('the demo has no public question');
  const orgs = await get('/api/organisations?q=lyon');
  const lyon = orgs.items.find((o) => o.name === 'Lyon') ?? orgs.items[0];
  if (!lyon) throw new Error('no organisation found for « lyon »');
  return [
    { name: 'home', path: '/' },
    { name: 'question', path: `/entraide/questions/${question.id}` },
    { name: 'organisation (Lyon)', path: `/organisations/${lyon.id}` },
  ];
}

/** The baseline page: written into dist/web before the server starts (served as a static file), removed at the end. */
function writeBaseline(): { path: string; file: string } {
  const html = fs.readFileSync(path.join(root, 'dist', 'web', 'index.html'), 'utf8');
  const links = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*>/g)].map((m) => m[0]).join('\n    ');
  const name = `bench-baseline-${process.pid}.html`;
  const file = path.join(root, 'dist', 'web', name);
  fs.writeFileSync(
    file,
    `<!doctype html>
<html lang="fr" data-fr-scheme="system">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="Page de référence des mesures : les feuilles de style du DSFR, sans JavaScript." />
    ${links}
    <title>Référence — Entraide</title>
  </head>
  <body>
    <main class="fr-container fr-py-8w"><h1>Entraide</h1><p>La communauté des acheteurs publics responsables.</p></main>
  </body>
</html>
`,
  );
  return { path: `/${name}`, file };
}

type Run = { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; cls: number; failing: string[] };

async function audit(url: string, preset: 'mobile' | 'desktop', port: number): Promise<Run> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  const lhr = result.lhr;
  if (saveDir) {
    fs.mkdirSync(saveDir, { recursive: true });
    fs.writeFileSync(path.join(saveDir, `${preset}-${new URL(url).pathname.replace(/\W+/g, '_')}-${Date.now()}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const failing = lhr.categories.accessibility!.auditRefs
    .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1)
    .map((r) => {
      const a = lhr.audits[r.id]!;
      const items = ((a.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined)?.items ?? [])
        .map((i) => i.node?.selector ?? i.node?.snippet)
        .filter(Boolean)
        .slice(0, 5);
      return `${r.id} (${a.title})${items.length ? `: ${items.join(' | ')}` : ''}`;
    });
  return {
    performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility!.score ?? 0) * 100),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    failing,
  };
}

/** Chromium sometimes loses a trace (NO_NAVSTART): that run is made again, twice at most. */
async function auditWithRetries(url: string, preset: 'mobile' | 'desktop', port: number): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url, preset, port);
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`    run made again (${(e as Error).message.slice(0, 160)})`);
    }
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-web-'));
const started = new Date();
log(`bench:web — ${started.toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, Lighthouse 12.8.2, ${CHROME_PATH}, ${RUNS} run(s) each`);
// The build first (as `npm start` would, when missing or stale), so the baseline page written into it
// is there when the server lists its static files at start (wildcard: false, app.ts).
const { build } = (await import(path.join(root, 'scripts', 'build.mjs'))) as { build: (which?: string[], o?: { onlyStale: boolean }) => Promise<string[]> };
const built = await build(['server', 'web'], { onlyStale: true });
if (built.length) log(`built first: ${built.join(', ')}`);
const baseline = writeBaseline();
const { child, base } = await startServer(dataDir);
const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  ...(fixedPort ? { port: fixedPort + 1 } : {}),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const all = [...(await demoPages(base)), { name: 'baseline: DSFR stylesheets only, no JS', path: baseline.path }];
  const pages = onlyPages ? all.filter((p) => onlyPages.some((o) => p.name.startsWith(o))) : all;
  const rows: string[] = [];
  for (const preset of presets) {
    for (const page of pages) {
      const runs: Run[] = [];
      // One warm-up load first, not counted: the server's first answers fill its caches.
      if (preset === 'mobile') await fetch(`${base}${page.path}`).then((r) => r.arrayBuffer());
      for (let i = 0; i < RUNS; i++) runs.push(await auditWithRetries(`${base}${page.path}`, preset, chrome.port));
      const m = (k: 'performance' | 'accessibility' | 'fcp' | 'lcp' | 'tbt' | 'cls') => median(runs.map((r) => r[k]));
      const row = `| ${preset} | ${page.name} | ${m('performance')} (${runs.map((r) => r.performance).join(', ')}) | ${m('accessibility')} | ${(m('fcp') / 1000).toFixed(1)} s | ${(m('lcp') / 1000).toFixed(1)} s | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} |`;
      rows.push(row);
      log(row);
      for (const f of new Set(runs.flatMap((r) => r.failing))) log(`    accessibility: ${f}`);
    }
  }
  log('');
  log(`Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC to ${new Date().toISOString().slice(11, 16)}, load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log('| preset | page | performance, median (runs) | accessibility | FCP | LCP | TBT | CLS |');
  log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) log(r);
} finally {
  await chrome.kill();
  fs.rmSync(baseline.file, { force: true });
  await stopServer(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
