import { useSyncExternalStore } from 'react';
import { learningApi } from './api';
import { LOCAL_PROGRESS_PREFIX } from './local-keys';

/**
 * A visitor's progress in a course, kept in this browser (issue 22, item 3): the lessons completed
 * and, for a passed quiz, the server's signed proof. When the visitor signs up or logs in, it is
 * handed to the account (POST …/progress/import, by the layout on whatever page they are) and removed
 * from the browser.
 */

type Stored = { lessons: Record<string, { completedAt: string; proof: string | null }> };
const prefix = LOCAL_PROGRESS_PREFIX;
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
 * Hands the browser's progress in every course to the signed-in account, then forgets it; resolves
 * with how many lessons joined the account. An unknown or unpublished course has nothing to carry.
 */
export async function carryLocalProgress(): Promise<number> {
  let total = 0;
  for (const slug of localCourseSlugs()) {
    const lessons = Object.entries(read(slug).lessons).map(([lessonId, l]) => ({ lessonId, proof: l.proof }));
    try {
      total += (await learningApi.importProgress(slug, lessons)).imported;
    } catch {
      // Nothing to carry for this course; the import is idempotent if it is tried again.
    }
    try {
      window.localStorage.removeItem(prefix + slug);
    } catch {
      // Storage disabled: nothing was kept either.
    }
  }
  notify();
  return total;
}
