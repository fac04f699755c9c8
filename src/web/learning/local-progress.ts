import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { learningApi, learningKey } from './api';

/**
 * A visitor's progress in a course, kept in this browser (issue 22, item 3): the lessons completed
 * and, for a passed quiz, the server's signed proof. When the visitor signs up or logs in, it is
 * handed to the account (POST …/progress/import) and removed from the browser.
 */

type Stored = { lessons: Record<string, { completedAt: string; proof: string | null }> };
const prefix = 'entraide.formation.';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function read(slug: string): Stored {
  try {
    const raw = window.localStorage.getItem(prefix + slug);
    const parsed = raw ? (JSON.parse(raw) as Stored) : null;
    return parsed && typeof parsed.lessons === 'object' && parsed.lessons ? parsed : { lessons: {} };
  } catch {
    return { lessons: {} };
  }
}

export function markLocalLesson(slug: string, lessonId: string, proof: string | null = null) {
  const stored = read(slug);
  if (stored.lessons[lessonId]) return;
  stored.lessons[lessonId] = { completedAt: new Date().toISOString(), proof };
  try {
    window.localStorage.setItem(prefix + slug, JSON.stringify(stored));
  } catch {
    // Storage full or disabled: the lesson is not remembered, the course still works.
  }
  notify();
}

/** Every course with progress kept in this browser. */
export function localCourseSlugs(): string[] {
  try {
    return Object.keys(window.localStorage)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  } catch {
    return [];
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key?.startsWith(prefix) && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The lesson ids this browser completed in a course (re-read when they change, in any tab). */
export function useLocalCompleted(slug: string): Set<string> {
  const snapshot = useSyncExternalStore(
    subscribe,
    () => (typeof window === 'undefined' ? '' : (window.localStorage.getItem(prefix + slug) ?? '')),
    () => '',
  );
  return new Set(snapshot ? Object.keys(read(slug).lessons) : []);
}

/**
 * Once signed in, hands the browser's progress in every course to the account; returns how many
 * lessons joined it (to say so), 0 when there was nothing.
 */
export function useCarryLocalProgress(signedIn: boolean): number {
  const qc = useQueryClient();
  const [carried, setCarried] = useState(0);
  useEffect(() => {
    if (!signedIn) return;
    const slugs = localCourseSlugs();
    if (!slugs.length) return;
    let cancelled = false;
    void (async () => {
      let total = 0;
      for (const slug of slugs) {
        const lessons = Object.entries(read(slug).lessons).map(([lessonId, l]) => ({ lessonId, proof: l.proof }));
        try {
          const result = await learningApi.importProgress(slug, lessons);
          total += result.imported;
        } catch {
          // An unknown or unpublished course: nothing to carry.
        }
        try {
          window.localStorage.removeItem(prefix + slug);
        } catch {
          // Nothing to do: the import is idempotent.
        }
      }
      notify();
      if (cancelled) return;
      await qc.invalidateQueries({ queryKey: learningKey });
      setCarried(total);
    })();
    return () => {
      cancelled = true;
    };
  }, [signedIn, qc]);
  return carried;
}
