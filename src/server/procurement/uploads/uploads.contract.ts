import { z } from 'zod';

// The facilitators' upload of DECP files (imports only zod; the web app imports it too).

export const importReport = z.object({
  read: z.number(),
  imported: z.number(),
  merged: z.number(),
  rejected: z.number(),
  undated: z.number(),
  flags: z.record(z.string(), z.number()),
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
  seconds: z.number(),
});
export type ImportReportDto = z.infer<typeof importReport>;

/** interrupted: the process importing it died (kill, crash); `error` gives the reason in French. */
export const uploadStatus = z.enum(['queued', 'running', 'done', 'failed', 'interrupted']);
export const upload = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  status: uploadStatus,
  bytesRead: z.number(),
  recordsStaged: z.number(),
  /** Share of the file read, 0 to 1. */
  progress: z.number(),
  report: importReport.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type UploadDto = z.infer<typeof upload>;
export const uploadsResponse = z.object({ items: z.array(upload), maxBytes: z.number() });
export const uploadCreated = z.object({ id: z.string() });
