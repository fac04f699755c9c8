import { useCallback, useEffect, useRef, useState } from 'react';

// Drafts kept in this browser until sent (profile, membership request message), so nothing typed is
// lost when a page is closed or the session expires. Keys include the user's id: a shared computer
// does not show one person's draft to another.

const prefix = 'entraide.brouillon.';

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(prefix + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    window.localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, only the draft is not kept.
  }
}

/** Whether a draft is kept under `key` (e.g. to open the collapsed form that holds it). */
export function hasDraft(key: string): boolean {
  return read<unknown>(key) !== null;
}

export function removeDraft(key: string) {
  try {
    window.localStorage.removeItem(prefix + key);
  } catch {
    // ignore
  }
}

/**
 * A value saved as a draft while it changes. `restored` tells whether the initial value came from a
 * draft; `discard` removes the draft and returns to `initial`; `clearDraft` after a successful send.
 */
export function useDraft<T>(key: string | null, initial: T, isSame: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b)) {
  const [restored, setRestored] = useState(false);
  const [value, setValue] = useState<T>(() => {
    if (!key) return initial;
    const d = read<T>(key);
    return d ?? initial;
  });
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const loadedKey = useRef<string | null>(null);

  // Loads the draft once per key (the key is known only after the session is loaded).
  useEffect(() => {
    if (!key || loadedKey.current === key) return;
    loadedKey.current = key;
    const d = read<T>(key);
    if (d !== null && !isSame(d, initialRef.current)) {
      setValue(d);
      setRestored(true);
    } else {
      setValue(initialRef.current);
      if (d !== null) removeDraft(key);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const update = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        if (key) {
          if (isSame(v, initialRef.current)) removeDraft(key);
          else write(key, v);
        }
        return v;
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  const clearDraft = useCallback(() => {
    if (key) removeDraft(key);
    setRestored(false);
  }, [key]);

  const discard = useCallback(() => {
    if (key) removeDraft(key);
    setRestored(false);
    setValue(initialRef.current);
  }, [key]);

  return { value, setValue: update, restored, clearDraft, discard };
}
