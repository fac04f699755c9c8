/**
 * An in-process publish/subscribe bus for live updates (co-development notes and timers pushed to
 * open pages by server-sent events). One process only: with several app processes behind a load
 * balancer, replace it by an implementation over PostgreSQL LISTEN/NOTIFY with the same two methods
 * (publish = NOTIFY on the topic's channel with the event as JSON, subscribe = LISTEN and dispatch);
 * ADR 0013. Events must therefore stay small and JSON-serialisable.
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
