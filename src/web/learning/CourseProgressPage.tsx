import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Select from '@codegouvfr/react-dsfr/Select';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ProgressResponse } from '../../server/learning/learning.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { ScrollTable } from '../platform/ScrollTable';
import { formatCalendarDate, formatDate, formatDateTime } from '../platform/format';
import { progressCsvUrl, useProgress } from './api';
import { learningLabels } from './labels';

const F = learningLabels.followUp;

/**
 * /formations/:slug/suivi?promotion=<id> (staff): where each learner is. The cohort is chosen with a
 * GET form: it works as a plain link without JavaScript, and navigates inside the app with it.
 */
export function CourseProgressPage() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const cohort = params.get('promotion') || undefined;
  const q = useProgress(slug, cohort);
  const breadcrumb = [{ label: learningLabels.catalogue.title, to: paths.courses() }];
  if (q.isPending) return <PageLoading title={learningLabels.course.followUp} breadcrumb={breadcrumb} />;
  if (q.isError)
    return (
      <Page title={learningLabels.course.followUp} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={q.error.message} />
        <p className="fr-mt-2w">
          {cohort ? <Link to={paths.courseProgress(slug)}>{F.allLearners}</Link> : <Link to={paths.courses()}>{learningLabels.catalogue.title}</Link>}
        </p>
      </Page>
    );
  return <Report slug={slug} cohort={cohort} report={q.data} breadcrumb={breadcrumb} />;
}

function Report({ slug, cohort, report, breadcrumb }: { slug: string; cohort: string | undefined; report: ProgressResponse; breadcrumb: { label: string; to: string }[] }) {
  const navigate = useNavigate();
  const { totals, rows } = report;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get('promotion') ?? '');
    navigate(paths.courseProgress(slug, value || undefined));
  };
  const dash = F.empty;
  return (
    <Page title={F.title(report.course.title)} breadcrumb={breadcrumb} lead={F.lead}>
      <form key={cohort ?? ''} method="get" action={paths.courseProgress(slug)} onSubmit={submit} className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <Select label={F.cohort} nativeSelectProps={{ id: 'progress-cohort', name: 'promotion', defaultValue: cohort ?? '' }}>
              <option value="">{F.allLearners}</option>
              {report.cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
            <Button type="submit" priority="secondary">
              {F.show}
            </Button>
          </div>
        </div>
      </form>
      {report.cohort && (
        <p>
          {F.cohortNote(report.cohort.name, formatCalendarDate(report.cohort.startsOn))}{' '}
          {report.cohort.firstSessionAt ? F.firstSession(formatDateTime(report.cohort.firstSessionAt), new Date(report.cohort.firstSessionAt).getTime() < Date.now()) : F.noSession}
        </p>
      )}
      <p className="fr-text--bold" role="status">
        {F.totals(totals.learners, totals.started, totals.completed, totals.notStarted)}
      </p>
      {rows.length === 0 ? (
        <p>{F.none}</p>
      ) : (
        <ScrollTable label={F.caption}>
          <caption>{F.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{F.name}</th>
              <th scope="col">{F.organisations}</th>
              <th scope="col">{F.started}</th>
              <th scope="col">{F.lastSeen}</th>
              <th scope="col">{F.progress}</th>
              <th scope="col">{F.completed}</th>
              <th scope="col">{F.attestation}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.userId}>
                <th scope="row">
                  {r.name}
                  <br />
                  <span className="fr-text--xs">{r.email}</span>
                </th>
                <td>{r.organisations || dash}</td>
                <td>{r.startedAt ? formatDate(r.startedAt) : F.notStarted}</td>
                <td>{r.lastSeenAt ? formatDate(r.lastSeenAt) : dash}</td>
                <td>{F.progressValue(r.completedCount, r.lessonCount, r.percent)}</td>
                <td>{r.completedAt ? formatDate(r.completedAt) : dash}</td>
                <td>{r.attestation ? F.yes : F.no}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="fr-mt-3w">
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={progressCsvUrl(slug, cohort)} download>
          {F.csv}
        </a>
      </p>
    </Page>
  );
}
