/**
 * One database per test worker, reset to the template's state between test files (ADR 0028).
 *
 * Under `isolate: false` a worker runs its files one after the other in one process; instead of
 * opening a new copy of the migrated template for each file (~2 s on PGlite), the worker keeps one
 * open and puts it back in the template's exact state before each file:
 * - tables empty in the template are emptied (DELETE, with `session_replication_role = replica` so
 *   that neither foreign keys nor triggers run: each table is put back on its own);
 * - tables the template fills (the registry of organisations…) keep a copy of their rows in the
 *   `test_template` schema, taken when the worker opened the database; every row written since
 *   then (its `xmin` is a newer transaction: inserted or updated) is deleted, then the template's
 *   rows that are missing (deleted or updated) are inserted back from the copy;
 * - every sequence is set back to its value, session state (advisory locks, temporary tables) dropped.
 * A digest of the whole state (each table's rows, each sequence, the schema) is then compared with
 * the template's: a file can never start on another file's data, and a reset that missed something
 * fails the next file's setup instead of passing silently.
 */

/** Runs SQL on the worker's database: `query` one statement with parameters, `exec` several. */
export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
};

type Table = { name: string; filled: boolean; shadow?: string; columns: string[]; key: string[]; rows: number };

export type Snapshot = {
  tables: Table[];
  /** The SQL that puts the database back in the template's state. */
  resetSql: string;
  /** The digest of the template's state (see digest()). */
  digest: string;
};

const SHADOW = 'test_template';
const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** Every ordinary table of the application (all schemas but the system ones and the copies). */
async function listTables(sql: Sql) {
  return sql.query<{ nsp: string; rel: string; oid: number }>(
    `SELECT n.nspname AS nsp, c.relname AS rel, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', '${SHADOW}') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
}

async function listSequences(sql: Sql) {
  return sql.query<{ name: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema', '${SHADOW}') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1`,
  );
}

/**
 * What must equal the template after a reset: each table's row count and, for the tables the
 * template fills, a checksum of their rows; each sequence's state; the schema (relations, columns,
 * functions, triggers); advisory locks held; temporary tables.
 */
export async function digest(sql: Sql, tables: Table[]): Promise<string> {
  const parts: string[] = [];
  for (const t of tables) {
    const content = t.filled ? `coalesce(sum(hashtext(x::text)::bigint), 0)::text` : `''`;
    parts.push(`SELECT ${lit(t.name)} AS k, count(*)::text || '/' || ${content} AS v FROM ${t.name} x`);
  }
  const seqs = await listSequences(sql);
  for (const s of seqs) parts.push(`SELECT ${lit(s.name)}, last_value::text || '/' || is_called::text FROM ${s.name}`);
  parts.push(
    `SELECT 'schema', md5(string_agg(x, ',' ORDER BY x)) FROM (
       SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || coalesce(a.attname, '') || ':' || coalesce(a.atttypid::text, '') AS x
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '${SHADOW}', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast%'
       UNION ALL SELECT 'f:' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '${SHADOW}')
       UNION ALL SELECT 't:' || tgrelid::regclass::text || '.' || tgname || ':' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal) s`,
  );
  parts.push(`SELECT 'advisory locks', count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
  parts.push(`SELECT 'temporary tables', count(*)::text FROM pg_class WHERE relpersistence = 't'`);
  const rows = await sql.query<{ k: string; v: string }>(parts.join('\nUNION ALL\n'));
  return rows.map((r) => `${r.k}=${r.v}`).join('\n');
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Reads the template's state from a database just opened from it: copies the filled tables into
 * the `test_template` schema and writes the reset SQL. Everything written after this call (a
 * newer transaction id) is what a reset undoes.
 */
export async function takeSnapshot(sql: Sql): Promise<Snapshot> {
  await sql.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE; CREATE SCHEMA ${SHADOW}`);
  const tables: Table[] = [];
  for (const r of await listTables(sql)) {
    const name = `${q(r.nsp)}.${q(r.rel)}`;
    const [{ n }] = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)) as [{ n: number }];
    const columns = (
      await sql.query<{ a: string }>(`SELECT attname AS a FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`, [r.oid])
    ).map((c) => q(c.a));
    const key = (
      await sql.query<{ a: string }>(
        `SELECT a.attname AS a FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = $1 AND i.indisprimary ORDER BY a.attnum`,
        [r.oid],
      )
    ).map((c) => q(c.a));
    const t: Table = { name, filled: n > 0, columns, key, rows: n };
    if (t.filled) {
      t.shadow = `${SHADOW}.${q(`${r.nsp}.${r.rel}`)}`;
      await sql.exec(`CREATE TABLE ${t.shadow} AS SELECT ${columns.join(', ')} FROM ${name}; ANALYZE ${t.shadow}`);
    }
    tables.push(t);
  }
  const seqs = await listSequences(sql);
  const seqState = seqs.length
    ? await sql.query<{ name: string; v: string; c: boolean }>(seqs.map((s) => `SELECT ${lit(s.name)} AS name, last_value::text AS v, is_called AS c FROM ${s.name}`).join(' UNION ALL '))
    : [];
  // The last transaction of the snapshot: rows with a newer xmin were written by tests.
  const [{ xid }] = (await sql.query<{ xid: string }>(`SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text AS xid`)) as [{ xid: string }];

  const lines = [
    // Sessions and what they hold: other connections (PostgreSQL) and this one's locks, temporary tables.
    `SELECT pg_advisory_unlock_all()`,
    `DISCARD TEMP`,
    `SET session_replication_role = replica`,
  ];
  for (const t of tables) {
    if (!t.filled) {
      lines.push(`DELETE FROM ${t.name}`);
      continue;
    }
    if (!t.key.length) {
      // No primary key to find the template's rows by: the whole table is put back.
      lines.push(`DELETE FROM ${t.name}`, `INSERT INTO ${t.name} (${t.columns.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${t.columns.join(', ')} FROM ${t.shadow}`);
      continue;
    }
    const cols = t.columns.join(', ');
    const match = t.key.map((k) => `d.${k} = s.${k}`).join(' AND ');
    lines.push(
      `DELETE FROM ${t.name} WHERE xmin::text::bigint > ${xid}`,
      // Only when rows are missing (the count is an InitPlan: evaluated once, the scan skipped otherwise).
      `INSERT INTO ${t.name} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${t.columns.map((c) => `s.${c}`).join(', ')} FROM ${t.shadow} s
        WHERE (SELECT count(*) FROM ${t.name}) < ${t.rows} AND NOT EXISTS (SELECT 1 FROM ${t.name} d WHERE ${match})`,
    );
  }
  for (const s of seqState) lines.push(`SELECT setval(${lit(s.name)}, ${s.v}, ${s.c})`);
  lines.push(`SET session_replication_role = origin`);
  const snap: Snapshot = { tables, resetSql: lines.join(';\n') + ';', digest: '' };
  snap.digest = await digest(sql, tables);
  return snap;
}

/** Puts the database back in the template's state, then checks that it is (throws otherwise). */
export async function resetToTemplate(sql: Sql, snap: Snapshot): Promise<void> {
  await sql.exec(snap.resetSql);
  const now = await digest(sql, snap.tables);
  if (now !== snap.digest) {
    const want = new Map(snap.digest.split('\n').map((l) => l.split('=') as [string, string]));
    const diff = now
      .split('\n')
      .map((l) => l.split('=') as [string, string])
      .filter(([k, v]) => want.get(k) !== v)
      .map(([k, v]) => `${k}: ${v} (template: ${want.get(k) ?? 'absent'})`);
    throw new Error(`the worker's database differs from the template after its reset:\n${diff.join('\n') || '(entries missing)'}`);
  }
}
