import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import type { Db, Tx } from './db.js';
import type { Instance } from './instance.js';
import { isDatabaseUnavailable, rows } from './db.js';
import { jobs } from './jobs.tables.js';

/**
 * Durable background jobs in the database (docs/decisions/0003-job-queue.md): enqueued inside the
 * caller's transaction (so a job exists only if its cause committed), claimed with
 * FOR UPDATE SKIP LOCKED (safe with several processes), retried with exponential backoff,
 * at-least-once: a handler must be idempotent or decide at run time not to act.
 */
export type JobHandler = (payload: any, ctx: { jobId: string; attempt: number }) => Promise<void>;

/** Called once when a job is given up for good (last attempt failed, or it crashed its process twice). */
export type GiveUpHandler = (payload: any, ctx: { jobId: string; reason: 'attempts' | 'crashes' }) => Promise<void>;

/** A job just given up because it crashed its process (for the admins' report). */
export type PoisonJob = { id: string; kind: string; crashes: number; attempts: number };

export type EnqueueOptions = { runAt?: Date; delayMs?: number; dedupeKey?: string; maxAttempts?: number };

/**
 * Each lane has its own polling loop: a job that runs for minutes (a DECP import) sits in the 'long'
 * lane, so e-mails and reminders in the 'default' lane never wait behind it.
 */
export const jobLanes = ['default', 'long'] as const;
export type JobLane = (typeof jobLanes)[number];

const LOCK_MS = 5 * 60_000;
/** A job whose process died this many times while running it is given up (a poison job). */
export const MAX_CRASHES = 2;
const BASE_BACKOFF_MS = 15_000;
const MAX_BACKOFF_MS = 3600_000;

/** Delay before attempt n+1 after n failed attempts: 15 s, 30 s, 1 min … capped at 1 h. */
export const backoffMs = (attempts: number): number => Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempts - 1));

type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number; max_attempts: number; crashes: number };

export class JobQueue {
  private handlers = new Map<string, JobHandler>();
  private giveUpHandlers = new Map<string, GiveUpHandler>();
  /** Told of each poison job given up (platform/jobs.report.ts e-mails the admins). */
  onPoison: ((job: PoisonJob) => Promise<void>) | null = null;
  private lanes = new Map<string, JobLane>();
  private timers = new Map<JobLane, NodeJS.Timeout>();
  private running = new Map<JobLane, Promise<unknown>>();
  private stopped = true;

  /**
   * `instance`: this process as others see it (PostgreSQL): the jobs it claims carry its id, and the
   * running jobs of processes that are gone (kill -9, crash) are claimed again at once rather than
   * when their 5-minute lock expires. Without it (PGlite, one process per folder; the job child of
   * the tests), only expired locks are taken back.
   */
  constructor(
    private db: Db,
    private clock: Clock,
    private log: FastifyBaseLogger,
    private instance?: Pick<Instance, 'id' | 'deadAmong'>,
  ) {}

  /**
   * Registers the handler of a kind; `lane: 'long'` for jobs that may run for minutes; `onGiveUp`
   * leaves the domain in a final state when the job is given up (e.g. a file marked unreadable).
   */
  register(kind: string, handler: JobHandler, opts: { lane?: JobLane; onGiveUp?: GiveUpHandler } = {}) {
    if (this.handlers.has(kind)) throw new Error(`job kind registered twice: ${kind}`);
    this.handlers.set(kind, handler);
    if (opts.onGiveUp) this.giveUpHandlers.set(kind, opts.onGiveUp);
    this.lanes.set(kind, opts.lane ?? 'default');
  }

  /** The SQL condition on `kind` of a lane; the default lane takes every kind not given to another. */
  private laneFilter(lane: JobLane | undefined) {
    if (lane === undefined) return sql`true`;
    const long = [...this.lanes].filter(([, l]) => l === 'long').map(([k]) => sql`${k}`);
    if (!long.length) return lane === 'default' ? sql`true` : sql`false`;
    const list = sql.join(long, sql`, `);
    return lane === 'long' ? sql`kind IN (${list})` : sql`kind NOT IN (${list})`;
  }

  /** Adds a job; pass the transaction so the job commits with the change that caused it. */
  async enqueue(kind: string, payload: unknown, opts: EnqueueOptions = {}, tx: Db | Tx = this.db): Promise<void> {
    if (!this.handlers.has(kind)) throw new Error(`unknown job kind: ${kind}`);
    const now = this.clock.now();
    const runAt = opts.runAt ?? new Date(now.getTime() + (opts.delayMs ?? 0));
    if (opts.dedupeKey) {
      const existing = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.dedupeKey, opts.dedupeKey), eq(jobs.status, 'queued')))
        .limit(1);
      if (existing.length) return;
    }
    await tx.insert(jobs).values({
      kind,
      payload: payload as object,
      status: 'queued',
      runAt,
      maxAttempts: opts.maxAttempts ?? 8,
      dedupeKey: opts.dedupeKey ?? null,
      createdAt: now,
    });
  }

  /**
   * Claims and runs the jobs due now, one batch (of one lane, or of all); returns how many were
   * claimed. A job claimed while still `running` was left by a process that died during its run
   * (its lease expired): that counts as a crash, and a job at MAX_CRASHES is given up, not run.
   */
  async runDue(limit = 10, lane?: JobLane): Promise<number> {
    const now = this.clock.now();
    const dead = await this.deadOwners(now, lane);
    const ofDead = dead.length ? sql` OR owner_instance IN (${sql.join(dead.map((d) => sql`${d}`), sql`, `)})` : sql``;
    const claimed = await rows<ClaimedJob>(
      this.db,
      sql`UPDATE jobs SET status = 'running', attempts = attempts + 1,
            crashes = crashes + (CASE WHEN status = 'running' THEN 1 ELSE 0 END),
            locked_until = ${new Date(now.getTime() + LOCK_MS)},
            owner_instance = ${this.instance?.id ?? null}
          WHERE id IN (
            SELECT id FROM jobs
            WHERE ((status = 'queued' AND run_at <= ${now})
               OR (status = 'running' AND (locked_until < ${now}${ofDead})))
              AND ${this.laneFilter(lane)}
            ORDER BY run_at
            LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
          RETURNING id, kind, payload, attempts, max_attempts, crashes`,
    );
    for (const job of claimed) {
      if (job.crashes >= MAX_CRASHES) await this.givePoisonUp(job);
      else await this.runOne(job);
    }
    return claimed.length;
  }

  /**
   * The owners of running jobs (of the lane) whose lock has not expired but whose process is gone:
   * their lease is free (ADR 0017). Their jobs are claimed again now, counted as a crash.
   */
  private async deadOwners(now: Date, lane?: JobLane): Promise<string[]> {
    if (!this.instance) return [];
    const owners = await rows<{ owner: string }>(
      this.db,
      sql`SELECT DISTINCT owner_instance AS owner FROM jobs
          WHERE status = 'running' AND locked_until >= ${now} AND owner_instance IS NOT NULL
            AND owner_instance <> ${this.instance.id} AND ${this.laneFilter(lane)}`,
    );
    if (!owners.length) return [];
    const dead = await this.instance.deadAmong(owners.map((o) => o.owner));
    return [...dead].filter((d): d is string => d !== null);
  }

  /**
   * At the start of a process that is the only one on its database (PGlite: the data folder is
   * locked), every `running` job was left by a previous run that died: their leases are ended
   * now, so they are counted as crashes and taken again at once rather than minutes later.
   * Never call it with several processes on one PostgreSQL (their jobs are alive): there a lease
   * ends by itself within LOCK_MS once its process is gone.
   */
  async releaseOrphans(): Promise<number> {
    const released = await rows<{ id: string }>(
      this.db,
      sql`UPDATE jobs SET locked_until = ${this.clock.now()} WHERE status = 'running' RETURNING id`,
    );
    if (released.length) this.log.warn({ jobs: released.map((j) => j.id) }, 'jobs left running by a process that died');
    return released.length;
  }

  private async givePoisonUp(job: ClaimedJob) {
    const message = `given up: its process died ${job.crashes} times while running it`;
    this.log.error({ jobId: job.id, kind: job.kind, crashes: job.crashes }, 'poison job given up');
    await this.db
      .update(jobs)
      .set({ status: 'failed', finishedAt: this.clock.now(), lockedUntil: null, lastError: message })
      .where(eq(jobs.id, job.id));
    await this.callGiveUp(job, 'crashes');
    await this.onPoison?.({ id: job.id, kind: job.kind, crashes: job.crashes, attempts: job.attempts }).catch((err: unknown) =>
      this.log.error({ jobId: job.id, err }, 'poison job not reported'),
    );
  }

  private async callGiveUp(job: ClaimedJob, reason: 'attempts' | 'crashes') {
    const onGiveUp = this.giveUpHandlers.get(job.kind);
    if (!onGiveUp) return;
    await onGiveUp(job.payload, { jobId: job.id, reason }).catch((err: unknown) => this.log.error({ jobId: job.id, err }, 'job give-up handler failed'));
  }

  private async runOne(job: ClaimedJob) {
    const handler = this.handlers.get(job.kind);
    // A job running longer than its lease would be claimed again by another process: renew it meanwhile.
    const renew = setInterval(() => {
      this.db
        .update(jobs)
        .set({ lockedUntil: new Date(this.clock.now().getTime() + LOCK_MS) })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')))
        .catch((err: unknown) => this.log.warn({ jobId: job.id, err }, 'job lease not renewed'));
    }, LOCK_MS / 3);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { jobId: job.id, attempt: job.attempts });
      clearInterval(renew);
      await this.db
        .update(jobs)
        .set({ status: 'done', finishedAt: this.clock.now(), lockedUntil: null, lastError: null })
        .where(eq(jobs.id, job.id));
    } catch (err) {
      clearInterval(renew);
      const message = err instanceof Error ? err.message : String(err);
      const final = job.attempts >= job.max_attempts;
      this.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: message, final }, 'job failed');
      const now = this.clock.now();
      await this.db
        .update(jobs)
        .set(
          final
            ? { status: 'failed', finishedAt: now, lockedUntil: null, lastError: message.slice(0, 2000) }
            : {
                status: 'queued',
                lockedUntil: null,
                lastError: message.slice(0, 2000),
                runAt: new Date(now.getTime() + backoffMs(job.attempts)),
              },
        )
        .where(eq(jobs.id, job.id));
      if (final) await this.callGiveUp(job, 'attempts');
    }
  }

  /** Runs due jobs until none is left (tests and the CLI call this after moving the clock). */
  async drain(maxRounds = 100, lane?: JobLane): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runDue(10, lane);
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Polls for due jobs every intervalMs until stop(): one loop per lane, so lanes never wait on each other. */
  start(intervalMs = 1000) {
    this.stopped = false;
    let lastPurge = 0;
    for (const lane of jobLanes) {
      const tick = async () => {
        if (this.stopped) return;
        const purge = lane === 'default' && Date.now() - lastPurge > 3600_000;
        if (purge) lastPurge = Date.now();
        const run = (purge ? this.purge() : Promise.resolve())
          .then(() => this.drain(10, lane))
          // The database unreachable: one short warning per poll, not a stack each second (the
          // loop goes on and runs again as soon as the database answers; docs/reliability.md).
          .catch((err) =>
            isDatabaseUnavailable(err)
              ? this.log.warn({ lane, err: { message: err instanceof Error ? err.message : String(err) } }, 'job loop: database unreachable')
              : this.log.error({ err, lane }, 'job loop error'),
          );
        this.running.set(lane, run);
        await run;
        this.running.delete(lane);
        if (!this.stopped) this.timers.set(lane, setTimeout(tick, intervalMs));
      };
      this.timers.set(lane, setTimeout(tick, intervalMs));
    }
  }

  /** Stops polling and waits for the batches in progress (clean shutdown). */
  async stop() {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.running.values());
  }

  /** Removes finished jobs older than the retention period. */
  async purge(olderThanMs = 14 * 24 * 3600_000) {
    const limit = new Date(this.clock.now().getTime() - olderThanMs);
    await this.db.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < ${limit}`);
  }
}
