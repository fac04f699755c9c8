import type { Deps } from './context.js';
import type { Tx } from './db.js';

/**
 * A member's own data (issue 12, item 7): « download my data » and « delete my account » go through
 * one hook per module. Each module that stores something about a person registers, in its own
 * folder, what it exports and how it erases or anonymises it, and declares every column referencing
 * a user that it takes care of (`covers`). tests/integration/personal-data-coverage.test.ts lists the
 * columns of the database that reference a user and fails on one no hook covers, so a module added
 * later cannot forget it. See docs/decisions/0018-personal-data-export-and-erasure.md.
 */

/** The person as they were before erasure began: hooks that rewrite frozen copies of a name need it. */
export type ErasedPerson = { id: string; firstName: string; lastName: string; email: string };

export type ExportContext = { userId: string; tx: Tx; deps: Deps };

export type EraseContext = {
  userId: string;
  person: ErasedPerson;
  tx: Tx;
  deps: Deps;
  now: Date;
  /** Work that must wait for the commit (files removed from the store). */
  afterCommit(task: () => Promise<void>): void;
};

export type PersonalDataHook = {
  /** The module's folder name; one hook per module. */
  module: string;
  /**
   * Every column referencing a user that this hook handles, as `table.column`: exported when it is
   * the person's own data, erased (row deleted) or detached (set to null), or kept on purpose and
   * pointing at the anonymised account (content kept under « Membre supprimé »).
   */
  covers: string[];
  /** The module's part of the export: plain JSON values, nothing about other people. */
  export(ctx: ExportContext): Promise<Record<string, unknown>>;
  /** Erases or anonymises, in the deletion's transaction. */
  erase(ctx: EraseContext): Promise<void>;
};

const hooks = new Map<string, PersonalDataHook>();

export const personalData = {
  /** Called once per module, at import time of its `<module>.personal-data.ts`. */
  register(hook: PersonalDataHook): void {
    if (hooks.has(hook.module)) throw new Error(`personal data hook registered twice: ${hook.module}`);
    hooks.set(hook.module, hook);
  },
  /** Hooks in registration order. */
  hooks(): PersonalDataHook[] {
    return [...hooks.values()];
  },
  /** `table.column` → the module whose hook covers it. */
  coverage(): Map<string, string> {
    const map = new Map<string, string>();
    for (const h of hooks.values()) for (const c of h.covers) map.set(c, h.module);
    return map;
  },
};
