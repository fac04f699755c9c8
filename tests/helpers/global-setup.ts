import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/server/platform/db.js';
import { seedRegistry } from '../../src/server/organisations/registry.js';
import pg from 'pg';
import { dumpsBeforeMigrationsUnderTest } from './migrations.js';

/**
 * Migrates once per run, then every test file starts from a copy of that migrated template
 * (DESIGN §4.9): a dumped PGlite data dir, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const removeBuild = await buildForChildren(project);
  const url = process.env.DATABASE_URL;
  const now = new Date();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const tpl = `entraide_tpl_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${tpl}`);
    await admin.query(`CREATE DATABASE ${tpl}`);
    const tplUrl = withDatabase(url, tpl);
    const database = await openPostgres(tplUrl, 2);
    await database.migrate();
    await seedRegistry(database.db, now, { fixture: true });
    await database.close();
    // The migration tests run on PGlite whatever the run's database: their starting points, once.
    const embedded = await openPglite({});
    const removeDumps = provideMigrationDumps(project, await dumpsBeforeMigrationsUnderTest(embedded.pglite!, testData()));
    await embedded.close();
    project.provide('pgTemplate', tpl);
    project.provide('pgtUrl', url);
    return async () => {
      removeBuild();
      removeDumps();
      // Test databases are dropped by their files; the template last.
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`entraide_t_${process.pid}_%`]);
      for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openPglite({});
  // Migrated step by step: dumped on the way just before each migration that has a test of its own.
  const removeDumps = provideMigrationDumps(project, await dumpsBeforeMigrationsUnderTest(database.pglite!, testData()));
  await database.migrate();
  await seedRegistry(database.db, now, { fixture: true });
  // A checkpoint first: the dump then holds every change in its data files, so that each test file's
  // copy starts without replaying the write-ahead log (a fifth to a quarter of its opening time;
  // docs/performance.md). Same data, same state for every file.
  await database.pglite!.exec('CHECKPOINT');
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(testData(), `template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => {
    removeBuild();
    removeDumps();
    fs.rmSync(file, { force: true });
  };
}

/** The run's files (template, dumps, build): `.test-data/` of the checkout, ignored by git. */
function testData(): string {
  const dir = path.resolve('.test-data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function provideMigrationDumps(project: TestProject, files: Record<number, string>): () => void {
  project.provide('migrationDumps', files);
  return () => Object.values(files).forEach((f) => fs.rmSync(f, { force: true }));
}

/**
 * The production build of the server and command line (scripts/build.mjs), made once per run into a
 * folder of its own: the tests' children (`entraide backup`, `decp import`, a real server…) run it
 * with plain node, as a deployment does, instead of each loading the sources through tsx (about
 * 0.8 s of CPU more per child; docs/performance.md, issue 14 goal 5). Built from the sources of this
 * run, so a child never runs older code than the test.
 */
async function buildForChildren(project: TestProject): Promise<() => void> {
  const out = path.join(testData(), `server-${process.pid}`);
  const { buildServer } = (await import(path.resolve('scripts', 'build.mjs'))) as { buildServer: (out: string) => Promise<void> };
  await buildServer(out);
  project.provide('serverBuild', out);
  return () => fs.rmSync(out, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgtUrl: string;
    /** The folder of this run's server build: `cli.js`, `start.js` (see buildForChildren). */
    serverBuild: string;
    /** PGlite dumps just before each migration under test, by its position (tests/helpers/migrations.ts). */
    migrationDumps: Record<number, string>;
  }
}
