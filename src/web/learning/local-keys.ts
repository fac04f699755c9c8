// Where a visitor's course progress is kept in the browser (local-progress.ts). Apart so the layout,
// on every page, can tell whether there is any without loading the e-learning's code.
export const LOCAL_PROGRESS_PREFIX = 'entraide.formation.';

export function hasLocalCourseProgress(): boolean {
  try {
    return Object.keys(window.localStorage).some((k) => k.startsWith(LOCAL_PROGRESS_PREFIX));
  } catch {
    return false;
  }
}

/** Every cached answer of the e-learning starts with this key: invalidated after each write. */
export const learningKey = ['learning'] as const;
