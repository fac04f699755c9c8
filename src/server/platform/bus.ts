/**
 * A publish/subscribe bus for live updates (co-development notes and timers pushed to open pages by
 * server-sent events, access changes that cut them). This is the in-process one, for PGlite (one
 * process per folder); on PostgreSQL every process uses the same two methods over LISTEN/NOTIFY
 * (platform/pgbus.ts, ADR 0034), chosen by Database.openBus. Events must therefore stay small and
 * JSON-serialisable, and are published after their change is committed.
 */
export type BusEvent = { type: string; [key: string]: unknown };
export type Bus = {
  publish(topic: string, event: BusEvent): void;
  /** Calls `listener` for each event of `topic` until the returned function is called. */
  subscribe(topic: string, listener: (event: BusEvent) => void): () => void;
};

export function createBus(): Bus {
  const topics = new Map<string, Set<(event: BusEvent) => void>>();
  return {
    publish(topic, event) {
      for (const listener of topics.get(topic) ?? []) {
        try {
          listener(event);
        } catch {
          // A broken subscriber (closed stream) must not stop the others.
        }
      }
    },
    subscribe(topic, listener) {
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) topics.delete(topic);
      };
    },
  };
}

/**
 * Access changes travel on the same bus as the live updates they may cut (issue 11, item 4): so a
 * stream served by any process hears that its subscriber logged out, was disabled, changed role or
 * left a group or cohort, and checks the subscriber's rights again before sending anything more.
 * One topic per user; the event carries no rights, only that they must be read again.
 */
export const accessTopic = (userId: string) => `access:user:${userId}`;
export type AccessChangeReason = 'logout' | 'sessions_closed' | 'disabled' | 'role' | 'membership';
export type AccessChange = { type: 'access-changed'; reason: AccessChangeReason; sessionId?: string };

/** Announces, after the change is committed, that these users' rights must be read again. */
export function announceAccessChange(bus: Bus, userIds: Iterable<string>, reason: AccessChangeReason, sessionId?: string): void {
  for (const userId of new Set(userIds)) bus.publish(accessTopic(userId), { type: 'access-changed', reason, ...(sessionId ? { sessionId } : {}) });
}
