/**
 * The platform clock. Every "now" of the domain comes from here so tests can move time
 * (next-morning e-mails, token expiry, lockouts). Moving it is refused in production.
 */
export type Clock = {
  now(): Date;
  /** Moves the clock forward by ms, or sets it; throws when clock control is not allowed. */
  advance(ms: number): void;
  set(date: Date): void;
  readonly controllable: boolean;
};

export class ClockControlRefused extends Error {
  constructor() {
    super("Le déplacement de l'horloge est interdit en production.");
  }
}

export function createClock(opts: { controllable: boolean; start?: Date }): Clock {
  let offset = opts.start ? opts.start.getTime() - Date.now() : 0;
  const guard = () => {
    if (!opts.controllable) throw new ClockControlRefused();
  };
  return {
    controllable: opts.controllable,
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      guard();
      offset += ms;
    },
    set(date) {
      guard();
      offset = date.getTime() - Date.now();
    },
  };
}
