import type { CourseOutline } from '../../server/learning/learning.contract';
import { learningLabels } from './labels';

const P = learningLabels.progress;

/** A progress bar with its words beside it (the bar alone says nothing to a screen reader user). */
export function ProgressBar({ done, total, id }: { done: number; total: number; id: string }) {
  const percent = total ? Math.round((done * 100) / total) : 0;
  return (
    <div className="entraide-progress fr-mb-2w">
      <label htmlFor={id} className="fr-text--sm fr-mb-1v entraide-progress__label">
        {P.label} : {P.value(done, total)} ({P.percent(percent)})
      </label>
      <progress id={id} max={total || 1} value={done} className="entraide-progress__bar">
        {P.percent(percent)}
      </progress>
    </div>
  );
}

/**
 * What a learner completed and may open: from the account when signed in, from this browser
 * otherwise (the same rule as the server's: in order, a lesson opens once every earlier one is done).
 */
export function learnerState(outline: CourseOutline, localDone: ReadonlySet<string>) {
  const order = outline.chapters.flatMap((c) => c.lessons.map((l) => l.id));
  const done = new Set(outline.progress ? outline.progress.completedLessonIds : order.filter((id) => localDone.has(id)));
  const open = new Set<string>();
  for (const id of order) {
    open.add(id);
    if (outline.enforceOrder && !done.has(id)) break;
  }
  if (!outline.enforceOrder) order.forEach((id) => open.add(id));
  const resume = order.find((id) => !done.has(id)) ?? null;
  return { order, done, open, resume, finished: order.length > 0 && resume === null };
}
