import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { templateForChild } from '../helpers/context.js';
import { linkIn, startSmtpReceiver } from '../helpers/smtp.js';
import { serverArgs } from '../helpers/children.js';

// Issue 13, item 1: without BASE_URL, every link is built from the port the server actually listens
// on. A real server process (the production build of `src/server/start.ts`), a real SMTP receiver, a real HTTP client.

/** A port nobody listens on right now, found by the system: not 3000, not one the code could guess. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

type Server = { child: ChildProcess; out: () => string; stop: () => Promise<void> };

/** Starts the platform as `npm start` would (without the web build), waits until it answers /readyz. */
async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  // Vitest sets BASE_URL='/' (Vite's base) in process.env: the child must not inherit it.
  const { BASE_URL: _b, ...rest } = process.env;
  const child = spawn(process.execPath, serverArgs(), { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`server not ready:\n${out}`);
    }
    const up = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    out: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('item 1: BASE_URL, or the port actually listened on', () => {
  it('item 1: without BASE_URL, links use http://localhost:<port listened on>; BASE_URL wins when given', () => {
    const config = loadConfig({ PORT: '4711' });
    expect(config.baseUrl).toBe('http://localhost:4711');
    // The port becomes known after listen (PORT=0 lets the system choose): read lazily, links follow it.
    config.listeningOn(53127);
    expect(config.baseUrl).toBe('http://localhost:53127');
    expect(loadConfig({ PORT: '4711', HOST: '0.0.0.0' }).baseUrl).toBe('http://localhost:4711');
    expect(loadConfig({ PORT: '4711', HOST: '192.168.1.20' }).baseUrl).toBe('http://192.168.1.20:4711');
    const given = loadConfig({ PORT: '4711', BASE_URL: 'https://entraide.example.fr/' });
    given.listeningOn(53127);
    expect(given.baseUrl).toBe('https://entraide.example.fr');
    expect(given.secureCookies).toBe(true);
    expect(config.secureCookies).toBe(false);
  });

  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof templateForChild>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-base-url-'));
    // The servers start on a copy of the migrated template (PGlite folder, or a PostgreSQL database
    // under `npm run test:pg`): what is tested is the address they announce, not a first start.
    database = await templateForChild(dataDir);
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('item 1: on an unusual port, the confirmation e-mail links to that port, and the link reaches the server', async () => {
    const port = await freePort();
    const server = await startServer(
      { NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, ...database.env, SMTP_URL: smtp.url, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
      port,
    );
    try {
      // The ready line tells the address people will use.
      expect(server.out()).toContain(`Entraide est prêt : http://localhost:${port}`);
      const origin = `http://127.0.0.1:${port}`;
      const session = await fetch(`${origin}/api/session`);
      const csrf = /entraide_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
      const email = `nouvelle-${port}@acheteur.test`;
      const res = await fetch(`${origin}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `entraide_csrf=${csrf}` },
        body: JSON.stringify({ email, password: 'un-mot-de-passe-solide-42', firstName: 'Inès', lastName: 'Port', acceptTerms: true }),
      });
      expect(res.status).toBe(201);
      // The mail is a background job of the server process: wait for the SMTP receiver to get it.
      const deadline = Date.now() + 30_000;
      while (smtp.to(email).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const [mail] = smtp.to(email);
      const link = linkIn(mail!, `http://localhost:${port}/confirmer-email?jeton=`);
      expect(link).not.toContain(':3000');
      // The link's address is the live server: its token confirms the address there.
      const token = new URL(link).searchParams.get('jeton')!;
      const confirm = await fetch(`${new URL(link).origin}/api/auth/verify-email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `entraide_csrf=${csrf}` },
        body: JSON.stringify({ token }),
      });
      expect(confirm.status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('item 1: in production, a start without BASE_URL warns, in French, naming BASE_URL', async () => {
    const port = await freePort();
    const server = await startServer(
      { NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, ...database.env, SMTP_URL: smtp.url, SESSION_SECRET: 's'.repeat(40), LOG_LEVEL: 'info' },
      port,
    );
    await server.stop();
    const lines = server.out().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string; url?: string });
    const warning = lines.find((l) => l.level === 40 && l.msg.includes('BASE_URL'));
    expect(warning?.msg).toMatch(/^BASE_URL n'est pas défini/);
    // Production logs are JSON lines; the ready line carries the derived address.
    expect(lines.find((l) => l.msg.startsWith('Entraide est prêt'))?.url).toBe(`http://localhost:${port}`);
  }, 300_000);
});
