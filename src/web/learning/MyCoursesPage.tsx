import { Link } from 'react-router';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { useSession } from '../platform/session';
import { useCourses } from './api';
import { CourseCard } from './CoursesPage';
import { learningLabels } from './labels';
import { localCourseSlugs } from './local-progress';

const M = learningLabels.mine;

/** /mes-formations: the courses I started (my account's, or this browser's for a visitor). */
export function MyCoursesPage() {
  const session = useSession();
  const q = useCourses();
  const crumbs = [{ label: learningLabels.catalogue.title, to: paths.courses() }];
  if (q.isPending || session.isLoading) return <PageLoading title={M.title} breadcrumb={crumbs} />;
  if (q.isError) throw q.error;
  const local = new Set(localCourseSlugs());
  const mine = q.data.items.filter((c) => c.status === 'published' && (session.user ? !!c.progress?.startedAt || (c.progress?.completedCount ?? 0) > 0 : local.has(c.slug)));
  return (
    <Page title={M.title} breadcrumb={crumbs} lead={<p>{M.lead}</p>}>
      {!session.user && <p className="fr-text--sm">{learningLabels.catalogue.visitorNote}</p>}
      {mine.length === 0 ? (
        <>
          <p>{M.empty}</p>
          <Link className="fr-btn" to={paths.courses()}>
            {M.browse}
          </Link>
        </>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters entraide-plain-list">
          {mine.map((c) => (
            <li key={c.slug} className="fr-col-12 fr-col-md-6">
              <CourseCard course={c} signedIn={!!session.user} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
