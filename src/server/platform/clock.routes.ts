import { z } from 'zod';
import type { Deps } from './context.js';
import type { App } from './types.js';

const clockBody = z.object({
  set: z.iso.datetime({ offset: true, error: 'Saisissez une date ISO 8601.' }).optional(),
  advanceMs: z.number().int().min(0).optional(),
});

/**
 * Moves the platform clock from outside the process, for browser journeys (next-morning e-mails).
 * Registered only when clock control is allowed (ALLOW_CLOCK_CONTROL=true outside production), so
 * a production server has no such route at all.
 */
export function clockRoutes(app: App, deps: Deps) {
  if (!deps.clock.controllable) return;
  app.post('/api/test/clock', {
    config: { access: 'public' },
    schema: { hide: true, body: clockBody },
  }, async (req) => {
    if (req.body.set) deps.clock.set(new Date(req.body.set));
    if (req.body.advanceMs) deps.clock.advance(req.body.advanceMs);
    return { now: deps.clock.now().toISOString() };
  });
}
