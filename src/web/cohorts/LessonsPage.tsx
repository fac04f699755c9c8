import Alert from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { lessonsPageResponse } from '../../server/cohorts/programme/retrospective.contract';
import { PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatCalendarDate, formatDate } from '../platform/format';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.lessonsPage;

/**
 * « Enseignements de l'édition »: the public summary once published (for everyone, also a library
 * resource), and the private details for the cohort's members and the programme's team.
 */
export function LessonsPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: [...cohortsKey, 'lessons', id], queryFn: () => api.get(`/api/cohorts/${encodeURIComponent(id)}/lessons`, lessonsPageResponse) });
  const d = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(d ? [{ label: d.cohort.name, to: paths.cohort(id) }] : [])];
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!d)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="info" small description={(q.error as Error)?.message ?? ''} />
      </Page>
    );
  return (
    <Page title={L.heading(d.cohort.edition, d.cohort.name)} breadcrumb={breadcrumb}>
      <p>
        {L.dates(formatCalendarDate(d.cohort.startsOn), formatCalendarDate(d.cohort.endsOn))} — {L.retrospectives(d.retrospectives)}
        {d.publishedAt && ` — ${L.publishedOn(formatDate(d.publishedAt))}`}
      </p>
      {!d.published && <Alert severity="info" small description={L.draft} className="fr-mb-3w" />}
      <section aria-labelledby="lessons-summary-h" className="fr-mb-5w">
        <h2 id="lessons-summary-h">{L.summary}</h2>
        {d.summaryHtml ? <PostBody html={d.summaryHtml} /> : <p>{L.empty}</p>}
        {d.resourceId && (
          <p>
            <Link to={paths.libraryResource(d.resourceId)}>{L.resource}</Link>
          </p>
        )}
      </section>
      {d.detailsHtml !== null && (
        <section aria-labelledby="lessons-details-h" className="fr-mb-5w">
          <h2 id="lessons-details-h">{L.details}</h2>
          <p className="fr-text--sm">{L.detailsHelp}</p>
          {d.detailsHtml ? <PostBody html={d.detailsHtml} /> : <p>{L.empty}</p>}
          <p>
            <Link to={paths.cohortAtterrissage(id)}>{L.atterrissage}</Link>
          </p>
        </section>
      )}
    </Page>
  );
}
