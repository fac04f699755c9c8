/**
 * `npm run bench`: runs every benchmark, each against a baseline measured in the same run, prints
 * a table and rewrites the figures section of docs/performance.md.
 *
 *   npm run bench                     full sizes, rewrites docs/performance.md
 *   npm run bench -- --smoke          tiny sizes (fixture registry, 1 s of load, 2 restarts), prints only
 *   npm run bench -- --only=search    some of: seed, startup, search, helpspace, decp, library, extraction, orgsearch, spaserpage, peers, cluster (prints only)
 *   npm run bench -- --no-write       never touch docs/performance.md
 *
 * PostgreSQL parts use BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres (a
 * database is created per benchmark and dropped afterwards); they are skipped if it does not answer.
 * No figure here is asserted anywhere: benchmarks inform, they do not gate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, postgresVersion, textTable, type BenchOptions, type Result } from './lib.js';
import { benchClusterLoad } from './cluster-load.js';
import { benchDecp } from './decp.js';
import { benchExtraction } from './extraction.js';
import { benchHelpspace } from './helpspace.js';
import { benchLibrary } from './library.js';
import { benchOrgSearch } from './org-search.js';
import { benchPeers } from './peers.js';
import { benchSearch } from './search.js';
import { benchSeed } from './seed.js';
import { benchSpaserPage } from './spaser-page.js';
import { benchStartup } from './startup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docPath = path.join(root, 'docs', 'performance.md');
const BEGIN = '<!-- figures:begin (written by `npm run bench`, do not edit by hand) -->';
const END = '<!-- figures:end -->';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
// Only a full run writes the figures: a partial one would replace the other benchmarks' rows.
const write = !smoke && !only && !args.includes('--no-write');
if (args.includes('--write') && (smoke || only)) {
  process.stderr.write('--write ne vaut que pour une mesure complète (sans --only ni --smoke).\n');
  process.exit(2);
}

const benchmarks: { name: string; title: string; run: (o: BenchOptions) => Promise<Result[]> }[] = [
  { name: 'seed', title: '(a) seeding the buyers registry', run: benchSeed },
  { name: 'startup', title: '(b) start to ready', run: benchStartup },
  { name: 'search', title: '(c) organisation search under load', run: benchSearch },
  { name: 'helpspace', title: '(d) help space search and question list under load', run: benchHelpspace },
  { name: 'decp', title: '(e) DECP import at national scale, and indicators', run: benchDecp },
  { name: 'library', title: '(f) library search with facets under load; upload and text extraction of a 10 MB PDF', run: benchLibrary },
  { name: 'extraction', title: '(g) /healthz answer time while a hostile file is extracted', run: benchExtraction },
  { name: 'orgsearch', title: '(h) organisation search at 120,000 organisations, one request at a time', run: benchOrgSearch },
  { name: 'spaserpage', title: '(i) public page of a published SPASER under load, against the same bytes from a bare route', run: benchSpaserPage },
  { name: 'peers', title: '(j) peer suggestions for one member among 10,000 members, one request at a time', run: benchPeers },
  { name: 'cluster', title: '(k) mixed load (70 % reads, 20 % searches, 10 % writes) on the production build, one and two instances behind nginx, PostgreSQL', run: benchClusterLoad },
];

function pgliteVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function machine(): Promise<string> {
  const cpus = os.cpus();
  const pg = await postgresVersion();
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    `PGlite ${pgliteVersion()}`,
    pg ? `PostgreSQL ${pg.split(' ')[0]} (same machine)` : 'PostgreSQL not reachable',
    `load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
  ].join(', ');
}

function rewriteDoc(section: string) {
  const doc = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '# Performance\n';
  const b = doc.indexOf(BEGIN);
  const e = doc.indexOf(END);
  const block = `${BEGIN}\n${section}\n${END}`;
  const next = b >= 0 && e > b ? doc.slice(0, b) + block + doc.slice(e + END.length) : `${doc.trimEnd()}\n\n## Figures\n\n${block}\n`;
  fs.writeFileSync(docPath, next);
}

const started = Date.now();
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const host = await machine();
log(`Entraide benchmarks${smoke ? ' (smoke)' : ''} — ${host}`);
const results: Result[] = [];
const failures: string[] = [];
for (const b of benchmarks) {
  if (only && !only.includes(b.name)) continue;
  log(`\n${b.title}`);
  const t = Date.now();
  try {
    results.push(...(await b.run({ smoke, log })));
    log(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    failures.push(b.name);
    log(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

log(`\n${textTable(results)}\n`);
log(`Ratio = Entraide / baseline. ${((Date.now() - started) / 1000).toFixed(0)} s in all.`);

if (failures.length) {
  log(`Failed: ${failures.join(', ')}; docs/performance.md left unchanged.`);
  process.exit(1);
}
if (write) {
  const date = new Date().toISOString().slice(0, 10);
  rewriteDoc(
    [
      `Measured on ${date} with \`npm run bench\` (${((Date.now() - started) / 1000).toFixed(0)} s in all).`,
      '',
      `Machine: ${host}.`,
      '',
      markdownTable(results),
      '',
      'Ratio = Entraide ÷ baseline: above 1 means slower (times) or more (rates) than the baseline.',
    ].join('\n'),
  );
  log(`Figures written to ${path.relative(root, docPath)}.`);
}
// Handles left by libraries (PGlite, pg pools already ended) must not keep the process alive.
process.exit(0);
