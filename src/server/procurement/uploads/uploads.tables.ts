import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.tables.js';

/**
 * DECP files uploaded by facilitators in the web app, imported by a background job: status,
 * progress (bytes read, records staged) for the polling page, and the import report at the end.
 */
export const decpUploads = pgTable(
  'decp_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The name the file had on the facilitator's computer.
    fileName: text('file_name').notNull(),
    // Where the upload is kept until its import ends (under DATA_DIR/uploads).
    storedPath: text('stored_path').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    // interrupted: the process importing it died; `error` says so in French.
    status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'interrupted'] }).notNull(),
    // The process importing it (platform/instance.ts), while running.
    ownerInstance: text('owner_instance'),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    recordsStaged: bigint('records_staged', { mode: 'number' }).notNull().default(0),
    // The import report (read/imported/merged/rejected/undated/flags/errors/seconds) once done.
    report: jsonb('report'),
    error: text('error'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('decp_uploads_created_idx').on(t.createdAt)],
);
