import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, childEnv, freePort, root } from './launch.js';

// Issue 25, item 4: docs/deployment.md followed step by step on this machine, everything but Docker:
// scripts/deployment-walkthrough.sh runs the page's commands (tests/integration/deployment-doc.test.ts
// holds them word for word) against fresh PostgreSQL databases of its own — build, production
// configuration with generated secrets, migrations, the production build started with plain node,
// /readyz and /metrics with its token (404 without), a backup, its restore into a second database, a
// start on that one and a check, a clean stop. `npm ci` is not run again (CI has just run it), and
// the build is made here when stale, as the other cluster tests do.

beforeAll(() => buildIfStale());

/** Whether nothing listens on the port of 127.0.0.1 now. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

describe('item 4: the deployment walkthrough', () => {
  it('item 4: every step of docs/deployment.md succeeds on a fresh PostgreSQL database', { timeout: 600_000 }, async () => {
    // The script uses two consecutive ports: a free one whose next is free too.
    let port = await freePort();
    while (!(await portFree(port + 1))) port = await freePort();
    const env = childEnv({
      WALKTHROUGH_SKIP_INSTALL: '1',
      WALKTHROUGH_PORT: String(port),
      WALKTHROUGH_DB_PREFIX: process.env.CLUSTER_DB_PREFIX ? `${process.env.CLUSTER_DB_PREFIX}_walk` : 'entraide_walk',
      ...(process.env.CLUSTER_ADMIN_URL || process.env.DATABASE_URL ? { WALKTHROUGH_ADMIN_URL: (process.env.CLUSTER_ADMIN_URL || process.env.DATABASE_URL)! } : {}),
    });
    const child = spawn('bash', [path.join(root, 'scripts', 'deployment-walkthrough.sh')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // The figures the script measured, for the record (docs/deployment.md « Measured here »).
    for (const line of out.split('\n').filter((l) => l.startsWith('mesure :'))) console.log(line);
    expect(code, out.slice(-4000)).toBe(0);
    expect(out).toContain('Sauvegarde écrite');
    expect(out).toMatch(/Sauvegarde du .* restaurée/);
    expect(out).toContain('Compte existant promu administrateur');
    expect(out).toContain('Parcours de déploiement terminé');
  });
});
