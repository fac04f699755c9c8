/**
 * Quotas per account, in one place (docs/security.md « Quotas », docs/decisions/0017-process-leases.md):
 * - uploads per hour and bytes per day on every upload route (every route whose contract consumes
 *   multipart/form-data, found when routes are declared, so a new upload route cannot forget them);
 * - password-reset requests per client address and e-mails per address (used by accounts);
 * - ProConnect link e-mails per client address and per account address (used by accounts), with the
 *   password reset's limits but counters of their own;
 * - live streams (server-sent events) open at once per login session and per account;
 * - messages of the contact form per hour, per account or per client address (used by contact).
 * Counters live in the database (rate_limits, the store of @fastify/rate-limit; live_streams), so
 * every app process on the same database counts the same requests and streams.
 */
import { createHash } from 'node:crypto';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { and, count, eq, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { users } from '../accounts/accounts.tables.js';
import { toParisLocal } from '../../shared/paris-time.js';
import type { Auth } from './auth.js';
import type { Clock } from './clock.js';
import type { Deps } from './context.js';
import type { Db } from './db.js';
import { fail, ok, type Result } from './result.js';
import { quotaMessages } from './quotas.messages.js';
import { liveStreams, rateLimits } from './quotas.tables.js';
import type { App } from './types.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An upload route that does not count in the bytes-per-day quota (staff's DECP imports, sized apart). */
    uploadQuota?: { bytesPerDay: false };
  }
  interface FastifyInstance {
    quotas: Quotas;
  }
  interface FastifyRequest {
    /** What the upload quotas charged this request (given back if the platform fails it). */
    uploadCharge: { userId: string; bytes: { key: string; cost: number } | null } | null;
  }
}

export type Quotas = {
  /**
   * Counts a password-reset request (per client address, then per e-mail address) and tells
   * whether an e-mail may be sent. The requester's answer never changes: no account enumeration.
   */
  resetEmailAllowed(req: FastifyRequest & { body: { email: string } }): Promise<boolean>;
  /**
   * Counts a message of the contact form (per account, or per client address without one; and per
   * e-mail address the copy goes to) and, over CONTACT_MESSAGES_PER_HOUR, answers 429 in French and
   * returns false. Call it after validation (the body's e-mail is the contract's, lower-cased).
   */
  contactAllowed(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  /**
   * Counts a request for a ProConnect link e-mail to `email` (per client address, then per e-mail
   * address, RESET_REQUESTS_PER_IP_PER_HOUR and RESET_EMAILS_PER_HOUR) and, over either, answers 429
   * in French and returns false. The requester already sees the address, so saying so reveals nothing.
   */
  proconnectLinkEmailAllowed(req: FastifyRequest, reply: FastifyReply, email: string): Promise<boolean>;
  /** Method and URL of every route the upload quotas apply to. */
  uploadRoutes: string[];
};

/** A counter's state after a change: its value and the end of its window. */
type Count = { current: number; resetAt: Date; accepted: boolean };

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Fixed-window counters in the rate_limits table. `add` adds `amount` and starts a new window when
 * the last one ended; with `cap`, an addition that would go over it is refused and changes nothing.
 * The row is locked for the read-modify-write, so concurrent requests of several processes never
 * lose a count. The platform clock decides windows (tests move it).
 */
export class CounterStore {
  constructor(
    private db: Db,
    private clock: Clock,
  ) {}

  async add(key: string, amount: number, windowMs: number, cap?: number): Promise<Count> {
    const id = hashKey(key);
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      await tx.insert(rateLimits).values({ key: id, count: 0, resetAt: new Date(now.getTime() + windowMs) }).onConflictDoNothing();
      const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, id)).for('update');
      let current = row!.count;
      let resetAt = row!.resetAt;
      if (resetAt <= now) {
        current = 0;
        resetAt = new Date(now.getTime() + windowMs);
      }
      const accepted = cap === undefined || current + amount <= cap;
      if (accepted) current = Math.max(0, current + amount);
      await tx.update(rateLimits).set({ count: current, resetAt }).where(eq(rateLimits.key, id));
      return { current, resetAt, accepted };
    });
    // Now and then, forget the windows that ended (one row per address that ever asked for a reset…).
    if (Math.random() < 0.01) await this.db.delete(rateLimits).where(lte(rateLimits.resetAt, now));
    return result;
  }

  async read(key: string): Promise<{ current: number; resetAt: Date | null }> {
    const [row] = await this.db.select().from(rateLimits).where(eq(rateLimits.key, hashKey(key)));
    if (!row || row.resetAt <= this.clock.now()) return { current: 0, resetAt: null };
    return { current: row.count, resetAt: row.resetAt };
  }

  /** The store interface of @fastify/rate-limit (one class per process, built by the plugin). */
  static forRateLimit(store: CounterStore) {
    type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
    const ttl = (resetAt: Date | null) => (resetAt ? Math.max(0, resetAt.getTime() - store.clock.now().getTime()) : 0);
    return class RateLimitDbStore {
      incr(key: string, cb: Callback, timeWindow: number) {
        store.add(key, 1, timeWindow).then((r) => cb(null, { current: r.current, ttl: ttl(r.resetAt) }), (e: Error) => cb(e));
      }
      read(key: string, cb: Callback) {
        store.read(key).then((r) => cb(null, { current: r.current, ttl: ttl(r.resetAt) }), (e: Error) => cb(e));
      }
      // Every route shares the table: keys carry the quota's name, never the route.
      child() {
        return this;
      }
    };
  }
}

/** « à 14 h 05 » today (Paris), else « le 02/06 à 14 h 05 ». */
export function resetPhrase(now: Date, resetAt: Date): string {
  const [day, time] = toParisLocal(resetAt).split('T') as [string, string];
  const [h, m] = time.split(':');
  const at = `${Number(h)} h ${m}`;
  if (day === toParisLocal(now).split('T')[0]) return `à ${at}`;
  const [, month, dd] = day.split('-');
  return `le ${dd}/${month} à ${at}`;
}

function refuse(reply: FastifyReply, now: Date, resetAt: Date, error: string, message: string) {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  return reply.code(429).header('retry-after', String(seconds)).send({ error, message });
}

type Limiter = ReturnType<App['createRateLimit']>;
/** A limiter's verdict (there is no allow list: every request is counted). */
async function check(limiter: Limiter, req: FastifyRequest, increment = true) {
  const r = await limiter(req, { increment });
  return r.isAllowed ? { remaining: Infinity, ttl: 0, isExceeded: false } : r;
}

/**
 * Registers @fastify/rate-limit with the database store and the quotas of the platform. Call it
 * before any route is declared: the upload quotas attach to routes as they are declared.
 */
export async function installQuotas(app: App, deps: Deps) {
  const q = deps.config.quotas;
  const store = new CounterStore(deps.db, deps.clock);
  // No global limit: each quota below is a limiter of the plugin, applied where it belongs.
  await app.register(rateLimit, { global: false, store: CounterStore.forRateLimit(store) });

  const uploadsPerHour = app.createRateLimit({
    max: q.uploadsPerHour,
    timeWindow: HOUR,
    keyGenerator: (req) => `uploads:${req.auth.user!.id}`,
  });
  const resetPerAddress = app.createRateLimit({
    max: q.resetRequestsPerIpPerHour,
    timeWindow: HOUR,
    // IPv6 clients are counted per /64, like the plugin does by default.
    keyGenerator: (req) => `reset-ip:${normalizeIP(req.ip)}`,
  });
  const resetPerEmail = app.createRateLimit({
    max: q.resetEmailsPerHour,
    timeWindow: HOUR,
    keyGenerator: (req) => `reset-email:${(req.body as { email: string }).email}`,
  });

  const contactPerSender = app.createRateLimit({
    max: q.contactMessagesPerHour,
    timeWindow: HOUR,
    keyGenerator: (req) => (req.auth?.user ? `contact-account:${req.auth.user.id}` : `contact-ip:${normalizeIP(req.ip)}`),
  });
  // The copy goes to the address typed in the form: never more copies to one address, from anywhere.
  const contactPerAddress = app.createRateLimit({
    max: q.contactMessagesPerHour,
    timeWindow: HOUR,
    keyGenerator: (req) => `contact-email:${(req.body as { email: string }).email}`,
  });

  /** Runs after access and validation: a refused or malformed request never uses a quota. */
  async function uploadQuota(req: FastifyRequest, reply: FastifyReply) {
    const user = req.auth.user;
    if (!user) return;
    const now = deps.clock.now();
    const before = await check(uploadsPerHour, req, false);
    if (before.remaining <= 0) {
      // The ttl was measured when the store answered, after `now`: counted from the clock again, so
      // that a slow query never shows a reset time earlier than the real one.
      const resetAt = new Date(deps.clock.now().getTime() + before.ttl);
      return refuse(reply, now, resetAt, 'QUOTA_UPLOADS', quotaMessages.uploads(q.uploadsPerHour, resetPhrase(now, resetAt)));
    }
    let bytes: { key: string; cost: number } | null = null;
    if (req.routeOptions.config.uploadQuota?.bytesPerDay !== false) {
      const cost = Number(req.headers['content-length']);
      if (!Number.isSafeInteger(cost) || cost < 0) return reply.code(411).send({ error: 'LENGTH_REQUIRED', message: quotaMessages.lengthRequired });
      const key = `upload-bytes:${user.id}`;
      const r = await store.add(key, cost, DAY, q.uploadBytesPerDay);
      if (!r.accepted) {
        return refuse(reply, now, r.resetAt, 'QUOTA_UPLOAD_BYTES', quotaMessages.bytes(q.uploadBytesPerDay, r.current, resetPhrase(now, r.resetAt)));
      }
      bytes = { key, cost };
    }
    const counted = await check(uploadsPerHour, req);
    if (counted.isExceeded) {
      // Another upload of the same account took the last place meanwhile: give the bytes back.
      if (bytes) await store.add(bytes.key, -bytes.cost, DAY);
      const resetAt = new Date(deps.clock.now().getTime() + counted.ttl);
      return refuse(reply, now, resetAt, 'QUOTA_UPLOADS', quotaMessages.uploads(q.uploadsPerHour, resetPhrase(now, resetAt)));
    }
    req.uploadCharge = { userId: user.id, bytes };
  }

  /**
   * An upload the platform failed (5xx: disk full, database gone, a bug) is not the member's doing:
   * its place in the hour and its bytes of the day are given back before the answer leaves. A
   * refused upload (4xx: wrong type, too large) stays counted, as the quotas are there against abuse.
   */
  async function refundFailedUpload(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const charge = req.uploadCharge;
    if (!charge || reply.statusCode < 500) return payload;
    req.uploadCharge = null;
    try {
      await store.add(`uploads:${charge.userId}`, -1, HOUR);
      if (charge.bytes) await store.add(charge.bytes.key, -charge.bytes.cost, DAY);
    } catch (err) {
      req.log.warn({ err }, 'upload quota not given back');
    }
    return payload;
  }
  app.decorateRequest('uploadCharge', null);

  const uploadRoutes: string[] = [];
  app.addHook('onRoute', (route) => {
    const consumes = (route.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    if (!route.url.startsWith('/api') || !consumes.includes('multipart/form-data')) return;
    for (const method of [route.method].flat()) uploadRoutes.push(`${method} ${route.url}`);
    const existing = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [uploadQuota, ...existing];
    route.onSend = [refundFailedUpload, ...(route.onSend ? [route.onSend].flat() : [])];
  });

  const quotas: Quotas = {
    uploadRoutes,
    async proconnectLinkEmailAllowed(req, reply, email) {
      const now = deps.clock.now();
      // The address's counter is not taken when the client address is already over its limit.
      let r = await store.add(`proconnect-link-ip:${normalizeIP(req.ip)}`, 1, HOUR, q.resetRequestsPerIpPerHour);
      if (r.accepted) r = await store.add(`proconnect-link-email:${email.toLowerCase()}`, 1, HOUR, q.resetEmailsPerHour);
      if (r.accepted) return true;
      await refuse(reply, now, r.resetAt, 'QUOTA_PROCONNECT_LINK_EMAIL', quotaMessages.proconnectLinkEmail(resetPhrase(now, r.resetAt)));
      return false;
    },
    async contactAllowed(req, reply) {
      let r = await check(contactPerSender, req);
      if (!r.isExceeded) r = await check(contactPerAddress, req);
      if (!r.isExceeded) return true;
      const now = deps.clock.now();
      const resetAt = new Date(now.getTime() + r.ttl);
      await refuse(reply, now, resetAt, 'QUOTA_CONTACT', quotaMessages.contact(q.contactMessagesPerHour, resetPhrase(now, resetAt)));
      return false;
    },
    async resetEmailAllowed(req) {
      if ((await check(resetPerAddress, req)).isExceeded) return false;
      return !(await check(resetPerEmail, req)).isExceeded;
    },
  };
  app.decorate('quotas', quotas);
}

// ---------------------------------------------------------------------------------------------
// Live streams: one row per open stream, renewed while it lives.

/** How long a stream's place is kept without renewal (its process died without closing it). */
export const STREAM_TTL_MS = 90_000;
const STREAM_RENEW_MS = 30_000;

export type StreamSlot = {
  /** Renews the place while the stream lives; `onLost` runs when it is gone (logout, expiry). */
  keepAlive(onLost: () => void): void;
  /** Frees the place (the stream closed). */
  close(): Promise<void>;
};

/**
 * Takes a place for a live stream of this session, or says in French why not: at most
 * STREAMS_PER_SESSION open streams per login session and STREAMS_PER_ACCOUNT per account, counted
 * over every process. The account's row is locked while counting, so two opens never both take
 * the last place.
 */
export async function openStreamSlot(deps: Deps, auth: Auth): Promise<Result<StreamSlot>> {
  const { user, sessionId } = auth;
  if (!user || !sessionId) return fail('UNAUTHENTICATED');
  const q = deps.config.quotas;
  const now = deps.clock.now();
  const taken = await deps.db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
    await tx.delete(liveStreams).where(and(eq(liveStreams.userId, user.id), lte(liveStreams.expiresAt, now)));
    const [counts] = await tx
      .select({ account: count(), session: sql<number>`count(*) FILTER (WHERE ${liveStreams.sessionId} = ${sessionId})` })
      .from(liveStreams)
      .where(eq(liveStreams.userId, user.id));
    if (Number(counts?.session ?? 0) >= q.streamsPerSession) return fail('STREAMS_PER_SESSION');
    if (Number(counts?.account ?? 0) >= q.streamsPerAccount) return fail('STREAMS_PER_ACCOUNT');
    const [row] = await tx
      .insert(liveStreams)
      .values({ userId: user.id, sessionId, instanceId: deps.instance.id, openedAt: now, expiresAt: new Date(now.getTime() + STREAM_TTL_MS) })
      .returning({ id: liveStreams.id });
    return ok(row!.id);
  });
  if (!taken.ok) return taken;
  const id = taken.value;
  let timer: NodeJS.Timeout | null = null;
  return ok({
    keepAlive(onLost) {
      timer = setInterval(() => {
        deps.db
          .update(liveStreams)
          .set({ expiresAt: new Date(deps.clock.now().getTime() + STREAM_TTL_MS) })
          .where(eq(liveStreams.id, id))
          .returning({ id: liveStreams.id })
          .then((r) => {
            if (!r.length) onLost();
          })
          .catch((err: unknown) => deps.log.warn({ err }, 'live stream place not renewed'));
      }, STREAM_RENEW_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await deps.db.delete(liveStreams).where(eq(liveStreams.id, id));
    },
  });
}

/** Frees the stream places held by processes that are gone (called at start). */
export async function releaseDeadStreams(deps: Deps): Promise<number> {
  const owners = await deps.db.selectDistinct({ instanceId: liveStreams.instanceId }).from(liveStreams);
  if (!owners.length) return 0;
  const dead = [...(await deps.instance.deadAmong(owners.map((o) => o.instanceId)))].filter((d): d is string => d !== null);
  if (!dead.length) return 0;
  const gone = await deps.db.delete(liveStreams).where(inArray(liveStreams.instanceId, dead)).returning({ id: liveStreams.id });
  return gone.length;
}
