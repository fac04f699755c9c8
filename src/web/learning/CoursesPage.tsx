import Badge from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import type { CourseSummary } from '../../server/learning/learning.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { useSession } from '../platform/session';
import { useCourses } from './api';
import { ProgressBar } from './components';
import { learningLabels } from './labels';
import { useLocalCompleted } from './local-progress';

const C = learningLabels.catalogue;
const K = learningLabels.course;

/** /formations: the courses, with where I am in each (account or this browser). */
export function CoursesPage() {
  const session = useSession();
  const q = useCourses();
  if (q.isPending) return <PageLoading title={C.title} />;
  if (q.isError) throw q.error;
  const { items, canEdit } = q.data;
  return (
    <Page title={C.title} lead={<p>{C.lead}</p>}>
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md fr-mb-4w">
        <li>
          <Link className="fr-btn fr-btn--secondary" to={paths.myCourses()}>
            {C.myCourses}
          </Link>
        </li>
        {canEdit && (
          <li>
            <Link className="fr-btn fr-btn--icon-left fr-icon-add-line" to={paths.courseNew()}>
              {C.newCourse}
            </Link>
          </li>
        )}
      </ul>
      {!session.user && <p className="fr-text--sm">{C.visitorNote}</p>}
      {items.length === 0 ? (
        <p>{C.empty}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters entraide-plain-list">
          {items.map((c) => (
            <li key={c.slug} className="fr-col-12 fr-col-md-6">
              <CourseCard course={c} signedIn={!!session.user} canEdit={canEdit} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function CourseCard({ course: c, signedIn, canEdit = false }: { course: CourseSummary; signedIn: boolean; canEdit?: boolean }) {
  const local = useLocalCompleted(c.slug);
  const done = signedIn ? (c.progress?.completedCount ?? 0) : local.size;
  const started = signedIn ? !!c.progress?.startedAt || done > 0 : done > 0;
  const finished = done >= c.lessonCount && c.lessonCount > 0;
  return (
    <div className="fr-card fr-enlarge-link">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h2 className="fr-card__title">
            <Link to={c.status === 'draft' ? paths.courseEdit(c.slug) : paths.course(c.slug)}>{c.title}</Link>
          </h2>
          <div className="fr-card__desc">
            <p className="fr-mb-1w">{c.summary}</p>
            <p className="fr-text--sm fr-mb-1w">{C.facts(c.minutes, c.lessonCount, c.quizCount)}</p>
            {c.status === 'draft' ? (
              <Badge as="span" small severity="info">
                {C.draft}
              </Badge>
            ) : started ? (
              <ProgressBar done={Math.min(done, c.lessonCount)} total={c.lessonCount} id={`progression-${c.slug}`} />
            ) : (
              <p className="fr-text--sm fr-mb-0">{learningLabels.progress.notStarted}</p>
            )}
          </div>
          <div className="fr-card__end">
            <p className="fr-text--sm fr-mb-0">{c.status === 'draft' ? (canEdit ? K.edit : '') : finished ? C.review : started ? C.resume : C.start}</p>
          </div>
        </div>
      </div>
    </div>
  );
}
