import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The durable job queue (docs/decisions/0003-job-queue.md). */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    // Attempts whose process died while running them (claimed again after their lease expired):
    // a job that killed its process twice is given up, never run again (a poison job).
    crashes: integer('crashes').notNull().default(0),
    // A running job whose lock expired is taken again (the process that held it died).
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    // The process running it (platform/instance.ts, PostgreSQL only): when that process is gone (its
    // lease is free), the job is taken again at once instead of when its lock expires (ADR 0017).
    ownerInstance: text('owner_instance'),
    lastError: text('last_error'),
    // Jobs with the same key are enqueued once while one is pending.
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt), index('jobs_dedupe_idx').on(t.dedupeKey)],
);

/** Small facts about this installation (e.g. when the demo content was seeded). */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
