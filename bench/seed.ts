/**
 * (a) Seeding the buyers registry from scratch, on a fresh in-memory PGlite and on a fresh
 * PostgreSQL database: open, migrations, `seedRegistry(db, now)`, rows per second.
 *
 * Baseline, in the same run: the very rows the seed wrote, read back and inserted into another
 * freshly migrated database with hand-built multi-row parameterised INSERTs (1,000 rows a
 * statement, like the seed's chunks). A second floor: reading and JSON-parsing the package data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';
import { registryCounts, seedRegistry } from '../src/server/organisations/registry.js';
import { openPglite, openPostgres, type Database } from '../src/server/platform/db.js';
import { ms, postgresVersion, scratchDatabase, timed, type BenchOptions, type Result } from './lib.js';

type Raw = { query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

const TERRITORY_COLS = ['id', 'kind', 'code', 'name', 'region_code', 'departement_code', 'population'];
const ORG_COLS = ['siren', 'name', 'kind', 'sub_kind', 'population', 'territory_id', 'region_code', 'departement_code', 'postcodes', 'source', 'created_at', 'updated_at'];
const CHUNK = 1000;

/** Reads back what the seed wrote (minus generated ids), ordered as inserted. */
async function readSeeded(raw: Raw) {
  const t = await raw.query(`SELECT ${TERRITORY_COLS.join(', ')} FROM territories ORDER BY id`);
  const o = await raw.query(`SELECT ${ORG_COLS.join(', ')} FROM organisations ORDER BY created_at, siren NULLS FIRST, name`);
  return { territories: t.rows, organisations: o.rows };
}

/** Multi-row INSERT … VALUES ($1, $2, …), (…) per chunk, each chunk its own statement. */
async function rawInsert(raw: Raw, table: string, cols: string[], data: Record<string, unknown>[]) {
  for (let i = 0; i < data.length; i += CHUNK) {
    const batch = data.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const slots = cols.map((c) => {
        params.push(row[c]);
        return c === 'postcodes' ? `$${params.length}::text[]` : `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await raw.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

function parsePackageJson(): number {
  const require = createRequire(import.meta.url);
  const t = performance.now();
  for (const name of ['regions', 'departements', 'communes', 'epci']) {
    JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8'));
  }
  return ms(t);
}

type Driver = {
  label: string;
  open: () => Promise<{ database: Database; raw: Raw; dispose: () => Promise<void> }>;
};

const pgliteDriver: Driver = {
  label: 'PGlite (memory)',
  async open() {
    const database = await openPglite({});
    return { database, raw: database.pglite! as unknown as Raw, dispose: () => database.close() };
  },
};

function postgresDriver(version: string): Driver {
  return {
    label: `PostgreSQL ${version.split(' ')[0]}`,
    async open() {
      const scratch = await scratchDatabase('seed');
      const database = await openPostgres(scratch.url, 2);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      return {
        database,
        raw: client as unknown as Raw,
        async dispose() {
          await client.end().catch(() => {});
          await database.close().catch(() => {});
          await scratch.drop();
        },
      };
    },
  };
}

async function runOn(driver: Driver, opts: BenchOptions, now: Date): Promise<Result[]> {
  const bench = `Seed registry, ${driver.label}`;
  const fixture = opts.smoke;

  // Entraide: open, migrate, seedRegistry.
  const [seeded, openMs] = await timed(() => driver.open());
  let plan: Awaited<ReturnType<typeof readSeeded>>;
  let migrateMs: number;
  let seedMs: number;
  let counts: { territories: number; organisations: number };
  try {
    [, migrateMs] = await timed(() => seeded.database.migrate());
    [counts, seedMs] = await timed(() => seedRegistry(seeded.database.db, now, { fixture }));
    plan = await readSeeded(seeded.raw);
  } finally {
    await seeded.dispose();
  }
  const rowsSeeded = counts.territories + counts.organisations;
  opts.log(`  ${driver.label}: open ${openMs.toFixed(0)} ms, migrate ${migrateMs.toFixed(0)} ms, seed ${rowsSeeded} rows in ${seedMs.toFixed(0)} ms`);

  // Baseline: the same rows, raw multi-row INSERTs, on another fresh migrated database.
  const base = await driver.open();
  let rawMs: number;
  try {
    await base.database.migrate();
    [, rawMs] = await timed(async () => {
      await rawInsert(base.raw, 'territories', TERRITORY_COLS, plan.territories);
      await rawInsert(base.raw, 'organisations', ORG_COLS, plan.organisations);
    });
    const check = await base.raw.query('SELECT (SELECT count(*) FROM territories) + (SELECT count(*) FROM organisations) AS n');
    if (Number(check.rows[0]!.n) !== rowsSeeded) throw new Error(`baseline inserted ${String(check.rows[0]!.n)} rows, seed ${rowsSeeded}`);
  } finally {
    await base.dispose();
  }
  opts.log(`  ${driver.label}: raw INSERT of the same rows ${rawMs.toFixed(0)} ms`);

  const rawLabel = 'raw multi-row INSERT, same rows';
  return [
    { bench, measure: 'open a fresh database', value: openMs, unit: 'ms' },
    { bench, measure: 'migrations', value: migrateMs, unit: 'ms' },
    { bench, measure: `seedRegistry (${counts.territories} territories + ${counts.organisations} organisations)`, value: seedMs, unit: 'ms', baseline: { label: rawLabel, value: rawMs } },
    { bench, measure: 'rows per second', value: rowsSeeded / (seedMs / 1000), unit: 'rows/s', baseline: { label: rawLabel, value: rowsSeeded / (rawMs / 1000) } },
  ];
}

export async function benchSeed(opts: BenchOptions): Promise<Result[]> {
  const now = new Date();
  const parseMs = parsePackageJson();
  // Load the package data once, so both databases' seed timings exclude it (measured on its own above).
  const expected = registryCounts();
  opts.log(`  package data: ${expected.territories} territories, ${expected.organisations} organisations expected in a full seed; JSON parse ${parseMs.toFixed(0)} ms`);
  const results: Result[] = [
    { bench: 'Seed registry', measure: 'read + JSON.parse of @etalab/decoupage-administratif (floor, not stored)', value: parseMs, unit: 'ms' },
  ];
  results.push(...(await runOn(pgliteDriver, opts, now)));
  const version = await postgresVersion();
  if (version) results.push(...(await runOn(postgresDriver(version), opts, now)));
  else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}
