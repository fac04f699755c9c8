import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { TERMS_VERSION } from '../../src/server/accounts/accounts.contract.js';
import { users } from '../../src/server/accounts/accounts.tables.js';
import { hashPassword } from '../../src/server/accounts/passwords.js';
import { memberships, organisations } from '../../src/server/organisations/organisations.tables.js';
import type { Db } from '../../src/server/platform/db.js';

/**
 * A browser over real HTTP for the cluster tests: keeps its cookies whichever server it talks to
 * (nginx or one process directly, as a browser behind a load balancer would), and sends the CSRF
 * header on state-changing requests, fetching the token first as the web app does.
 */
export class Browser {
  cookies = new Map<string, string>();

  async request(base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: () => any; bytes: Buffer }> {
    const stateChanging = !['GET', 'HEAD'].includes(method);
    if (stateChanging && !this.cookies.has('entraide_csrf')) await this.request(base, 'GET', '/api/session');
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (stateChanging) h['x-csrf-token'] = this.cookies.get('entraide_csrf') ?? '';
    let payload: BodyInit | undefined;
    if (Buffer.isBuffer(body)) payload = new Uint8Array(body);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${url}`, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: res.status, headers: res.headers, text, bytes, json: () => JSON.parse(text) };
  }
  get(base: string, url: string) {
    return this.request(base, 'GET', url);
  }
  post(base: string, url: string, body: unknown = {}) {
    return this.request(base, 'POST', url, body);
  }
  put(base: string, url: string, body: unknown = {}) {
    return this.request(base, 'PUT', url, body);
  }

  /**
   * Opens a server-sent event stream on `base` and collects its events; `until` waits for a condition
   * (each event wakes it), `close` hangs up.
   */
  stream(base: string, url: string) {
    const events: { event: string; data: any }[] = [];
    let buffer = '';
    let ended = false;
    let status = 0;
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const u = new URL(`${base}${url}`);
    const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' } }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const ev = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
        }
        wake();
      });
      res.on('end', () => {
        ended = true;
        wake();
      });
      res.on('error', () => {
        ended = true;
        wake();
      });
    });
    req.on('error', () => {
      ended = true;
      wake();
    });
    return {
      events,
      status: () => status,
      ended: () => ended,
      /** Waits until `pred` holds: each event wakes it (and a second at most), for `timeoutMs` at most. */
      async until(pred: () => boolean, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        while (!pred()) {
          if (Date.now() > deadline) throw new Error(`stream ${url}: condition not met (events: ${JSON.stringify(events.map((e) => e.event))})`);
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 1000).unref();
          });
        }
      },
      close: () => req.destroy(),
    };
  }
}

export const PASSWORD = 'mot-de-passe-de-grappe-123';
let hash: Promise<string> | null = null;

/** A user written straight into the cluster's database (as tests/helpers/context.ts createMember does). */
export async function createUser(db: Db, input: { role?: 'member' | 'facilitator' | 'admin'; verifiedOrganisation?: boolean; firstName?: string } = {}) {
  hash ??= hashPassword(PASSWORD);
  const now = new Date();
  const email = `grappe-${randomBytes(4).toString('hex')}@acheteur.test`;
  const [u] = await db
    .insert(users)
    .values({
      email,
      passwordHash: await hash,
      firstName: input.firstName ?? 'Camille',
      lastName: `Grappe ${randomBytes(2).toString('hex')}`,
      role: input.role ?? 'member',
      emailVerifiedAt: now,
      termsAcceptedAt: now,
      termsVersion: TERMS_VERSION,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (input.verifiedOrganisation) {
    const [o] = await db
      .insert(organisations)
      .values({ name: `Organisation de grappe ${randomBytes(3).toString('hex')}`, kind: 'commune', regionCode: '84', departementCode: '69', source: 'test', createdAt: now, updatedAt: now })
      .returning();
    await db.insert(memberships).values({ userId: u!.id, organisationId: o!.id, status: 'verified', decidedVia: 'facilitator', decidedAt: now, createdAt: now });
  }
  return { ...u!, password: PASSWORD };
}

/** A browser logged in as `user` through `base`. */
export async function logIn(base: string, user: { email: string; password: string }): Promise<Browser> {
  const b = new Browser();
  const res = await b.post(base, '/api/auth/login', { email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login failed (${res.status}): ${res.text}`);
  return b;
}
