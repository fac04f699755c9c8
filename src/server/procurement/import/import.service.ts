/**
 * DECP import: each file is streamed into a staging table in batches tagged with its import id,
 * then merged into decp_contracts in one short transaction (all-or-nothing per file, ADR 0008).
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { rows, type Tx } from '../../platform/db.js';
import { refreshSummaries } from '../indicators/summaries.js';
import { addDecpBuyers } from '../../organisations/decp-buyers.js';
import { mergeSearchIndexes } from '../../organisations/search-indexes.js';
import { applyPendingPeerFacts } from '../../peers/peer-facts.js';
import { decpImports, decpRejections, decpStaging } from '../procurement.tables.js';
import { STAGING_COLUMNS } from './encode.js';
import { DecpFileError } from './readers.js';
import { stagedBatches, WORKER_MIN_BYTES } from './stage.js';

export type ImportReport = {
  read: number;
  imported: number;
  merged: number;
  rejected: number;
  undated: number;
  flags: Record<string, number>;
  errors: { file: string; message: string }[];
  seconds: number;
};

export type FileReport = Omit<ImportReport, 'errors' | 'seconds'> & { importId: string; rejections: { position: number; reason: string }[] };

export type ImportOptions = {
  /** Bytes of the raw file read so far, and its size (progress bar). */
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  /** Test hook: called after each staged batch (a crash in the middle must leave nothing visible). */
  afterBatch?: (staged: number) => Promise<void> | void;
  /** Parse in a worker thread; by default, files of WORKER_MIN_BYTES or more (tests force either path). */
  inWorker?: boolean;
};

/** Why an import whose process died is marked interrupted (shown on the upload page too). */
export const INTERRUPTED_REASON =
  "L'import a été interrompu : le processus qui l'exécutait s'est arrêté brutalement (arrêt forcé, panne) avant la fin. Rien de ce fichier n'a été gardé ; importez-le de nouveau.";

/**
 * Imports left running by a process that is gone (kill -9, crash, power cut): their staging and
 * rejection rows are removed and they are marked interrupted. Only dead owners are touched (their
 * advisory lock is free, platform/instance.ts), so imports running in live processes go on.
 * Called at every start (platform/runtime.ts) and before each new import.
 */
export async function recoverInterruptedImports(deps: Deps): Promise<string[]> {
  const running = await deps.db
    .select({ id: decpImports.id, owner: decpImports.ownerInstance })
    .from(decpImports)
    .where(eq(decpImports.status, 'running'));
  if (!running.length) return [];
  const dead = await deps.instance.deadAmong(running.map((r) => r.owner));
  const ids = running.filter((r) => dead.has(r.owner)).map((r) => r.id);
  if (!ids.length) return [];
  await deps.db.transaction(async (tx) => {
    await tx.delete(decpStaging).where(inArray(decpStaging.importId, ids));
    await tx.delete(decpRejections).where(inArray(decpRejections.importId, ids));
    await tx
      .update(decpImports)
      .set({ status: 'interrupted', finishedAt: deps.clock.now(), report: { error: INTERRUPTED_REASON } })
      .where(and(inArray(decpImports.id, ids), eq(decpImports.status, 'running')));
  });
  deps.log.warn({ imports: ids }, 'DECP imports of a dead process marked interrupted');
  return ids;
}

const IDENTITY = sql.raw('kind, buyer_siret, contract_id');
// A contract's columns, as staged and as kept: the staged record's columns (encode.ts), then its file.
const CONTRACT_COLUMNS = [...STAGING_COLUMNS.map(([column]) => column), 'source_file'];
const COLUMNS = sql.raw(CONTRACT_COLUMNS.join(', '));
// The winners' rows, read back from staging by their seq (the temporary table keeps only what the comparison needs).
const WINNER_COLUMNS = sql.raw(CONTRACT_COLUMNS.map((c) => `s.${c}`).join(', '));
// A kept contract takes every column of the winner but its identity (the first three).
const UPDATE_SET = sql.raw(
  [...CONTRACT_COLUMNS.slice(3), 'conflict', 'import_id', 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', '),
);

const STAGING_COPY = `COPY decp_staging (import_id, seq, source_file, ${STAGING_COLUMNS.map(([c]) => c).join(', ')}) FROM`;

type PgPool = { connect(): Promise<{ query: (s: unknown) => unknown; release(err?: unknown): void }> };
type Pglite = { query(q: string, params: unknown[], opts: { blob: Blob }): Promise<unknown> };

/**
 * One batch in one COPY statement (committed by itself, like the INSERT it replaces: staging rows
 * are invisible until the merge). PostgreSQL: COPY FROM STDIN through pg-copy-streams on a pooled
 * connection; PGlite: COPY FROM '/dev/blob' with the batch as the query's blob.
 */
async function stageBatch(deps: Deps, batch: Buffer<ArrayBuffer>) {
  const client = (deps.db as unknown as { $client: PgPool | Pglite }).$client;
  if ('connect' in client && typeof client.connect === 'function') {
    const conn = await client.connect();
    let failed: unknown;
    try {
      // Loaded on the first PostgreSQL import, not at start (issue 14, goal 4).
      const { from: copyFrom } = await import('pg-copy-streams');
      const stream = conn.query(copyFrom(`${STAGING_COPY} STDIN`)) as NodeJS.WritableStream;
      await pipeline(Readable.from([batch]), stream);
    } catch (e) {
      failed = e;
      throw e;
    } finally {
      conn.release(failed);
    }
  } else await (client as Pglite).query(`${STAGING_COPY} '/dev/blob'`, [], { blob: new Blob([batch]) });
}

// Any constant shared by every process of the platform: one merge at a time (see mergeStaged).
const MERGE_LOCK = 720_008;

/**
 * Makes the staged records of one import visible: per identity the record with the most
 * modifications, then the latest publication, then the last read wins (against the kept one too);
 * identities whose records disagree on objet or dateNotification are flagged.
 *
 * The staged records are read once: one sort gives each identity's winner and whether its records
 * disagree (min ≠ max of a value is « more than one distinct value »), kept in a narrow temporary
 * table (the winner's seq, what is compared); the kept contracts are then compared with these winners
 * only, and the winners' rows are read back from staging by seq for the insert. Merges take turns (an advisory
 * lock): only a merge writes decp_contracts, so when it is empty at the start of a merge, nothing
 * can conflict and the comparison is skipped (a first import).
 */
async function mergeStaged(deps: Deps, importId: string): Promise<{ imported: number; undated: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Marked interrupted meanwhile (this process was taken for dead: its staging rows are gone).
    const [self] = await tx.select({ status: decpImports.status }).from(decpImports).where(eq(decpImports.id, importId)).for('update');
    if (self?.status !== 'running') throw new Error(`import ${importId} was marked ${self?.status ?? 'missing'} by another process`);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`);
    // The sorts of a whole file: in memory rather than in temporary files (this transaction only).
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
    const [{ kept }] = (await rows<{ kept: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM decp_contracts) AS kept`)) as [{ kept: boolean }];
    // A first import fills an empty table: its indexes are built once, after the insert, from
    // sorted keys, instead of being updated row by row (the insert took 8.4 s with them, 1.3 s
    // without, plus 2.6 s to build them, at load 10). The table is locked for this transaction
    // (nobody reads an empty table long); the same definitions are restored, even by a rollback.
    const rebuild = kept ? [] : await dropContractIndexes(tx);
    await tx.execute(sql`
      CREATE TEMPORARY TABLE decp_merge ON COMMIT DROP AS
      SELECT DISTINCT ON (${IDENTITY}) ${IDENTITY}, seq, objet, notification_key, year,
        (min(coalesce(objet, '')) OVER w <> max(coalesce(objet, '')) OVER w
          OR min(coalesce(notification_key, '')) OVER w <> max(coalesce(notification_key, '')) OVER w) AS conflict,
        false AS existing
      FROM decp_staging WHERE import_id = ${importId}
      WINDOW w AS (PARTITION BY ${IDENTITY} ORDER BY modifications DESC, publication_date DESC NULLS LAST, seq DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
      ORDER BY ${IDENTITY}, modifications DESC, publication_date DESC NULLS LAST, seq DESC`);
    if (kept) {
      // The kept version takes part in the comparison: a different objet or date, or a conflict already flagged.
      await tx.execute(sql`
        UPDATE decp_merge m SET existing = true,
          conflict = m.conflict OR c.conflict OR coalesce(c.objet, '') <> coalesce(m.objet, '') OR coalesce(c.notification_key, '') <> coalesce(m.notification_key, '')
        FROM decp_contracts c WHERE (c.kind, c.buyer_siret, c.contract_id) = (m.kind, m.buyer_siret, m.contract_id)`);
      // Flag the kept version even when it stays the winner.
      await tx.execute(sql`
        UPDATE decp_contracts c SET conflict = true FROM decp_merge m
        WHERE m.conflict AND NOT c.conflict AND (c.kind, c.buyer_siret, c.contract_id) = (m.kind, m.buyer_siret, m.contract_id)`);
    }
    const [{ imported }] = (await rows<{ imported: number }>(tx, sql`SELECT count(*) FILTER (WHERE NOT existing)::int AS imported FROM decp_merge`)) as [{ imported: number }];
    await tx.execute(sql`
      INSERT INTO decp_contracts (${COLUMNS}, conflict, import_id, updated_at)
      SELECT ${WINNER_COLUMNS}, m.conflict, ${importId}::uuid, ${now.toISOString()}::timestamptz
      FROM decp_merge m JOIN decp_staging s ON s.import_id = ${importId} AND s.seq = m.seq
      ${kept ? sql`ON CONFLICT (kind, buyer_siret, contract_id) DO UPDATE SET ${UPDATE_SET}
      WHERE (excluded.modifications, coalesce(excluded.publication_date, '')) >= (decp_contracts.modifications, coalesce(decp_contracts.publication_date, ''))
        -- An identical record (a re-import) changes nothing, not even the import it is attributed to.
        AND (excluded.buyer_siren, excluded.buyer_name, excluded.format, excluded.year, excluded.notification_date, excluded.notification_key, excluded.publication_date, excluded.modifications, excluded.objet, excluded.nature, excluded.procedure, excluded.cpv, excluded.cpv_division, excluded.purchase_type, excluded.duration_months, excluded.amount_initial, excluded.amount_current, excluded.amount_excluded, excluded.social, excluded.environmental, excluded.social_values, excluded.environmental_values, excluded.flags, excluded.conflict)
          IS DISTINCT FROM (decp_contracts.buyer_siren, decp_contracts.buyer_name, decp_contracts.format, decp_contracts.year, decp_contracts.notification_date, decp_contracts.notification_key, decp_contracts.publication_date, decp_contracts.modifications, decp_contracts.objet, decp_contracts.nature, decp_contracts.procedure, decp_contracts.cpv, decp_contracts.cpv_division, decp_contracts.purchase_type, decp_contracts.duration_months, decp_contracts.amount_initial, decp_contracts.amount_current, decp_contracts.amount_excluded, decp_contracts.social, decp_contracts.environmental, decp_contracts.social_values, decp_contracts.environmental_values, decp_contracts.flags, decp_contracts.conflict)` : sql``}`);
    // Undated among the identities this file touched, as kept after the merge (a first import keeps every winner).
    const [{ undated }] = (await rows<{ undated: number }>(
      tx,
      kept
        ? sql`SELECT count(*)::int AS undated FROM decp_contracts c JOIN decp_merge m USING (kind, buyer_siret, contract_id) WHERE c.year IS NULL`
        : sql`SELECT count(*)::int AS undated FROM decp_merge WHERE year IS NULL`,
    )) as [{ undated: number }];
    for (const statement of rebuild) await tx.execute(sql.raw(statement));
    // The SIRENs this file touched, found once (each summary statement reads them twice).
    await tx.execute(sql`CREATE TEMPORARY TABLE decp_merge_sirens ON COMMIT DROP AS SELECT DISTINCT buyer_siren FROM decp_staging WHERE import_id = ${importId}`);
    await tx.execute(sql`ANALYZE decp_merge_sirens`);
    // The summaries of every SIREN this file touched, visible with its contracts (ADR 0015).
    await refreshSummaries(tx, sql`SELECT buyer_siren FROM decp_merge_sirens`);
    // Buyers absent from the registry become organisations known from procurement data (issue 15, item 2).
    await addDecpBuyers(tx, now, sql`SELECT buyer_siren, buyer_name FROM decp_staging WHERE import_id = ${importId}`);
    await tx.delete(decpStaging).where(eq(decpStaging.importId, importId));
    return { imported, undated };
  });
}

/**
 * Drops the indexes of an empty decp_contracts (its primary key too, unless a foreign key needs it)
 * and returns the statements that create them again, from the catalogue's own definitions.
 */
async function dropContractIndexes(tx: Tx): Promise<string[]> {
  const found = await rows<{ drop: string; create: string }>(
    tx,
    sql`SELECT CASE WHEN c.oid IS NULL THEN format('DROP INDEX %s', x.indexrelid::regclass)
          ELSE format('ALTER TABLE decp_contracts DROP CONSTRAINT %I', c.conname) END AS drop,
        CASE WHEN c.oid IS NULL THEN pg_get_indexdef(x.indexrelid)
          ELSE format('ALTER TABLE decp_contracts ADD CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)) END AS create
      FROM pg_index x
      LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
      WHERE x.indrelid = 'decp_contracts'::regclass
        AND NOT (c.oid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = x.indrelid))`,
  );
  for (const { drop } of found) await tx.execute(sql.raw(drop));
  return found.map((f) => f.create);
}

/** Imports one file; throws DecpFileError when it cannot be read, and then keeps nothing of it. */
export async function importDecpFile(deps: Deps, file: string, opts: ImportOptions = {}): Promise<FileReport> {
  await recoverInterruptedImports(deps);
  const [imp] = await deps.db.insert(decpImports).values({ file, status: 'running', ownerInstance: deps.instance.id, startedAt: deps.clock.now() }).returning({ id: decpImports.id });
  const importId = imp!.id;
  const sourceFile = path.basename(file);
  const currentYear = deps.clock.now().getUTCFullYear();
  const flags: Record<string, number> = {};
  const rejections: { position: number; reason: string }[] = [];
  let read = 0;
  let kept = 0;
  let rejected = 0;
  let bytes = 0;
  let total = 0;
  try {
    total = (await import('node:fs')).statSync(file).size;
  } catch {
    // the reader reports it
  }
  // One batch is written while the next ones are read (in this thread: one; in the worker: a few,
  // bounded); on PostgreSQL the server stores a batch while the next one is parsed.
  let inFlight: Promise<void> = Promise.resolve();
  try {
    for await (const batch of stagedBatches({ file, importId, sourceFile, currentYear }, opts.inWorker ?? total >= WORKER_MIN_BYTES)) {
      read = batch.read;
      kept = batch.kept;
      if (batch.bytes) {
        bytes += batch.bytes;
        opts.onProgress?.(file, bytes, total);
      }
      for (const [f, n] of Object.entries(batch.flags)) flags[f] = (flags[f] ?? 0) + n;
      rejected += batch.rejections.length;
      // The report lists the first ones; the table keeps them all.
      for (const r of batch.rejections) if (rejections.length < 1000) rejections.push(r);
      // A failure surfaces here, at the next batch, or after the last one.
      await inFlight;
      inFlight = (async () => {
        if (batch.rows) {
          await stageBatch(deps, batch.copy);
          await opts.afterBatch?.(batch.kept);
        }
        if (batch.rejections.length) await deps.db.insert(decpRejections).values(batch.rejections.map((r) => ({ importId, ...r })));
      })();
      inFlight.catch(() => {});
    }
    await inFlight;
    const { imported, undated } = await mergeStaged(deps, importId);
    // The buyers it added to the registry are searchable at full speed at once.
    await mergeSearchIndexes(deps.db);
    const report: FileReport = { importId, read, imported, merged: kept - imported, rejected, undated, flags, rejections };
    await deps.db
      .update(decpImports)
      .set({ status: 'done', finishedAt: deps.clock.now(), report: { ...report, rejections: undefined } })
      .where(eq(decpImports.id, importId));
    // The merge's triggers noted the organisations of every SIREN it touched (migration 0042): their
    // members' matching facts are rebuilt now, by the import, not by the next member asking for peers
    // (seconds for a national file). A failure here loses nothing: the notes stay for the next reader.
    await applyPendingPeerFacts(deps.db).catch((err: unknown) => deps.log.error({ err, importId }, 'peer facts not rebuilt after the DECP import'));
    return report;
  } catch (e) {
    await inFlight.catch(() => {});
    // Nothing of a file that failed stays: its staging rows were never visible.
    await deps.db.delete(decpStaging).where(eq(decpStaging.importId, importId));
    await deps.db.delete(decpRejections).where(eq(decpRejections.importId, importId));
    await deps.db
      .update(decpImports)
      .set({ status: 'failed', finishedAt: deps.clock.now(), report: { error: e instanceof Error ? e.message : String(e) } })
      .where(and(eq(decpImports.id, importId), eq(decpImports.status, 'running')));
    throw e;
  }
}

/** Imports several files one after the other; a file that cannot be read is listed in errors. */
export async function importDecpFiles(deps: Deps, files: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const report: ImportReport = { read: 0, imported: 0, merged: 0, rejected: 0, undated: 0, flags: {}, errors: [], seconds: 0 };
  for (const file of files) {
    try {
      const r = await importDecpFile(deps, file, opts);
      report.read += r.read;
      report.imported += r.imported;
      report.merged += r.merged;
      report.rejected += r.rejected;
      report.undated += r.undated;
      for (const [k, v] of Object.entries(r.flags)) report.flags[k] = (report.flags[k] ?? 0) + v;
    } catch (e) {
      if (!(e instanceof DecpFileError)) throw e;
      report.errors.push({ file, message: e.message });
    }
  }
  report.flags = Object.fromEntries(Object.entries(report.flags).sort(([a], [b]) => a.localeCompare(b)));
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}
