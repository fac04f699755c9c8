import { z } from 'zod';

/** A background job that failed for good, as the administrators see it (GET /api/admin/jobs). */
export const failedJob = z.object({
  id: z.string(),
  kind: z.string(),
  attempts: z.number(),
  crashes: z.number(),
  // Why it failed, in French (crashed its process, or failed at every attempt).
  reason: z.string(),
  lastError: z.string().nullable(),
  payload: z.unknown(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const failedJobsResponse = z.object({ items: z.array(failedJob) });
export type FailedJob = z.infer<typeof failedJob>;
