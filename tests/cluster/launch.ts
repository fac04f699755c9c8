/**
 * A real cluster for `npm run test:cluster` (docs/reliability.md, ADR 0034): the production build
 * (`dist/`, built first when stale) run with plain node as one or two processes on their own
 * PostgreSQL database, behind nginx (Debian's, /usr/sbin/nginx, with its own configuration made
 * from deploy/nginx/entraide.conf, on a free high port, as a child: never the packaged service),
 * optionally with an S3-compatible store (s3rver, in this process) shared by the processes.
 *
 * Every child is killed by stop(), and also, as a last resort, when this process exits; the
 * database is dropped by stop() when the cluster created it.
 *
 *   const c = await startCluster({ instances: 2, s3: true });
 *   await fetch(`${c.baseUrl}/readyz`);        // through nginx, round-robin
 *   await fetch(`${c.instances[1].url}/…`);    // one process directly
 *   await c.instances[0].kill('SIGKILL');       // then c.instances[0].restart()
 *   await c.stop();
 *
 * Environment: CLUSTER_ADMIN_URL (or DATABASE_URL) names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/postgres, the user must be allowed to CREATE DATABASE);
 * CLUSTER_DB_PREFIX the prefix of the databases it creates (default entraide_cluster); NGINX the
 * nginx binary (default /usr/sbin/nginx); CLUSTER_KEEP=1 keeps the temporary folder (logs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startS3, type S3Server } from '../helpers/s3.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NGINX = process.env.NGINX || '/usr/sbin/nginx';
export const NGINX_TEMPLATE = path.join(root, 'deploy', 'nginx', 'entraide.conf');
const ADMIN_URL = process.env.CLUSTER_ADMIN_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type ClusterInstance = {
  /** app1, app2… */
  name: string;
  /** The process's own address (bypassing nginx). */
  url: string;
  port: number;
  /** The current process id (changes with restart()). */
  readonly pid: number;
  /** Its DATA_DIR (outbox, temporary files): each process has its own, as on separate machines. */
  dataDir: string;
  /** Whether the process runs. */
  readonly running: boolean;
  /** Sends the signal (default SIGTERM) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again (same port, same data folder), after kill(); waits until it is ready. */
  restart(): Promise<void>;
  /** What the process printed so far (stdout and stderr), for failure messages. */
  log(): string;
};

export type Cluster = {
  /** nginx's address (round-robin over the instances). */
  baseUrl: string;
  instances: ClusterInstance[];
  databaseUrl: string;
  /** The S3 server, when started with { s3: true }. */
  s3: S3Server | null;
  /** The environment every instance got (without PORT and DATA_DIR). */
  env: Record<string, string>;
  /** The temporary folder of this cluster (nginx configuration and logs, instances' data). */
  dir: string;
  /** nginx's process id. */
  readonly nginxPid: number;
  /** Stops everything (instances, nginx, s3rver), drops the database it created. Safe to call twice. */
  stop(): Promise<void>;
};

export type ClusterOptions = {
  instances?: 1 | 2;
  /** Files in an S3-compatible bucket (s3rver) shared by the instances; otherwise each its own folder. */
  s3?: boolean;
  /** More environment for every instance (e.g. { UPLOADS_PER_HOUR: '3' }). */
  env?: Record<string, string>;
  /** Environment of one instance only (index 0, 1…), over `env`. */
  instanceEnv?: (index: number) => Record<string, string>;
  /** An existing database to use (not dropped at the end); otherwise a new one is created. */
  databaseUrl?: string;
  /** Extra nginx directives inside the server block (e.g. timeouts for fault tests). */
  nginxServerExtra?: string;
  /** How long an instance may take to be ready (first start: migrations and the registry). */
  readyTimeoutMs?: number;
};

/** Children still running, killed when this process exits whatever happens. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** A TCP port nobody listens on now (the system picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * This process's environment for a child server, without what Vitest adds (Vite's BASE_URL=/, MODE,
 * DEV, PROD, SSR and VITEST_*: BASE_URL=/ would be read as the platform's public address).
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'DATABASE_URL'].includes(k) || k.startsWith('VITEST')) delete env[k];
  return { ...env, ...extra };
}

/** Builds the production build's stale parts (scripts/build.mjs), as `npm start` would, once. */
export function buildIfStale(): void {
  const res = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "const m = await import('./scripts/build.mjs'); const done = await m.build(['server', 'web'], { onlyStale: true }); if (done.length) console.log('built: ' + done.join(', '));"],
    { cwd: root, stdio: 'inherit' },
  );
  if (res.status !== 0) throw new Error(`la construction de l'application a échoué (code ${res.status})`);
}

/** Polls `url` until it answers 200 (or `alive()` says the process is gone). */
async function waitReady(url: string, timeoutMs: number, alive: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) throw new Error(`${what()} s'est arrêté avant d'être prêt`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${what()} n'est pas prêt au bout de ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tail = (text: string, lines = 30) => text.split('\n').slice(-lines).join('\n');

/** Waits for a child to exit (resolves at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends `signal`, then SIGKILL if the child has not ended after `graceMs`. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** The nginx configuration: the template with these upstreams and this port, inside a main file of its own. */
export function nginxConfig(dir: string, port: number, upstreams: string[], serverExtra = ''): string {
  let site = fs.readFileSync(NGINX_TEMPLATE, 'utf8');
  const replace = (what: string, body: string) => {
    const re = new RegExp(`(# BEGIN ${what}\\n)[\\s\\S]*?(\\n\\s*# END ${what})`);
    if (!re.test(site)) throw new Error(`${NGINX_TEMPLATE}: markers « ${what} » missing`);
    site = site.replace(re, (_m, begin: string, end: string) => `${begin}${body}${end}`);
  };
  replace('upstream servers', upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n'));
  // Tests only: which process answered (never in the template, it would show internal addresses).
  replace('listen', `    listen 127.0.0.1:${port};\n    add_header X-Upstream $upstream_addr always;${serverExtra ? `\n${serverExtra}` : ''}`);
  fs.writeFileSync(path.join(dir, 'entraide.conf'), site);
  const temp = (name: string) => {
    const p = path.join(dir, 'temp', name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  return [
    'daemon off;',
    'worker_processes 1;',
    // As root, nginx's workers would otherwise run as nobody, who cannot enter this private folder.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'nginx-error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${path.join(dir, 'nginx-access.log')};`,
    `  client_body_temp_path ${temp('client_body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${path.join(dir, 'entraide.conf')};`,
    '}',
    '',
  ].join('\n');
}

/** Starts the cluster; see the top of this file. */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const count = opts.instances ?? 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-cluster-'));
  const cleanups: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => process.stderr.write(`cluster: ${String(e)}\n`));
    if (!process.env.CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!fs.existsSync(NGINX)) throw new Error(`nginx est introuvable (${NGINX}) : apt-get install -y nginx`);
    buildIfStale();

    // The database.
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      const name = `${process.env.CLUSTER_DB_PREFIX || 'entraide_cluster'}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      databaseUrl = withDatabase(ADMIN_URL, name);
      cleanups.push(async () => {
        const a = new pg.Client({ connectionString: ADMIN_URL });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await a.end();
        }
      });
    }

    const s3 = opts.s3 ? await startS3() : null;
    if (s3) cleanups.push(() => s3.close());

    const nginxPort = await freePort();
    const baseUrl = `http://127.0.0.1:${nginxPort}`;
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      BASE_URL: baseUrl,
      TRUST_PROXY: '127.0.0.1',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...(s3 ? s3.env : {}),
      ...opts.env,
    };

    const instances: ClusterInstance[] = [];
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    for (let i = 0; i < count; i++) {
      const name = `app${i + 1}`;
      const port = ports[i]!;
      const dataDir = path.join(dir, name);
      fs.mkdirSync(dataDir, { recursive: true });
      let child: ChildProcess | null = null;
      let output = '';
      const logFile = path.join(dir, `${name}.log`);
      const launch = async () => {
        const c = spawn(process.execPath, [path.join(root, 'dist', 'server', 'start.js')], {
          cwd: root,
          env: childEnv({ ...env, ...opts.instanceEnv?.(i), PORT: String(port), DATA_DIR: dataDir }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = c;
        children.add(c);
        c.once('exit', () => children.delete(c));
        const keep = (d: Buffer) => {
          output += d.toString();
          fs.appendFileSync(logFile, d);
        };
        c.stdout!.on('data', keep);
        c.stderr!.on('data', keep);
        await waitReady(`http://127.0.0.1:${port}/readyz`, opts.readyTimeoutMs ?? 180_000, () => c.exitCode === null && c.signalCode === null, () => `${name} (pid ${c.pid})\n${tail(output)}`);
      };
      const instance: ClusterInstance = {
        name,
        url: `http://127.0.0.1:${port}`,
        port,
        dataDir,
        get pid() {
          return child?.pid ?? -1;
        },
        get running() {
          return !!child && child.exitCode === null && child.signalCode === null;
        },
        async kill(signal: NodeJS.Signals = 'SIGTERM') {
          if (!child) return;
          if (signal === 'SIGKILL') {
            child.kill('SIGKILL');
            await exited(child);
          } else await stopChild(child, signal);
        },
        restart: launch,
        log: () => output,
      };
      cleanups.push(async () => {
        if (child) await stopChild(child);
      });
      // One after the other: the first start migrates the database and loads the registry.
      await launch();
      instances.push(instance);
    }

    // nginx.
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, nginxPort, ports.map((p) => `127.0.0.1:${p}`), opts.nginxServerExtra));
    const nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'nginx-error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(nginx);
    nginx.once('exit', () => children.delete(nginx));
    let nginxOut = '';
    nginx.stdout!.on('data', (d: Buffer) => (nginxOut += d));
    nginx.stderr!.on('data', (d: Buffer) => (nginxOut += d));
    // SIGQUIT: nginx's graceful stop (open streams are cut by the instances' own stop anyway).
    cleanups.push(() => stopChild(nginx, 'SIGQUIT', 5000));
    await waitReady(`${baseUrl}/healthz`, 30_000, () => nginx.exitCode === null && nginx.signalCode === null, () => {
      const errors = fs.existsSync(path.join(dir, 'nginx-error.log')) ? fs.readFileSync(path.join(dir, 'nginx-error.log'), 'utf8') : '';
      return `nginx\n${tail(nginxOut + errors)}`;
    });

    return {
      baseUrl,
      instances,
      databaseUrl,
      s3,
      env,
      dir,
      get nginxPid() {
        return nginx.pid ?? -1;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
