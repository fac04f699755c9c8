import { spawn } from 'node:child_process';

/**
 * Starts what `npm start` runs (scripts/start.mjs: the production build, rebuilt when missing or older
 * than its sources, then plain node) on `dataDir` and `port`, in its own process group so that stopping
 * it stops a build too; resolves once /readyz answers.
 */
export async function startPlatform(opts: { port: number; dataDir: string; env?: Record<string, string> }) {
  const baseURL = `http://127.0.0.1:${opts.port}`;
  // A server left on the port would answer instead of ours: refuse clearly.
  const stale = await fetch(`${baseURL}/readyz`).then(() => true, () => false);
  if (stale) throw new Error(`port ${opts.port} is already in use: stop the process listening there (or set E2E_PORT)`);
  const { BASE_URL: _ignored, ...env } = process.env;
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...env,
      NODE_ENV: 'development',
      DATA_DIR: opts.dataDir,
      DATABASE_URL: '',
      PORT: String(opts.port),
      BASE_URL: baseURL,
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    // Piped and passed on: a Playwright worker's own descriptors lead nowhere, only what it writes
    // through process.stdout / process.stderr reaches the report.
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout.on('data', (d: Buffer) => process.stdout.write(d));
  server.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  const kill = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  const deadline = Date.now() + 360_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server on port ${opts.port} exited with code ${server.exitCode}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`the server on port ${opts.port} was not ready within 6 minutes`);
    }
    try {
      const res = await fetch(`${baseURL}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseURL,
    /** SIGTERM to the process group; resolves when the server has exited (its database closed). */
    stop: async () => {
      process.removeListener('exit', kill);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      kill();
      await exited;
    },
  };
}
