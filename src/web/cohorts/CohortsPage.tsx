import Badge from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { formatCalendarDate } from '../platform/format';
import { useCohorts } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.list;

export function StatusBadge({ status }: { status: keyof typeof cohortLabels.status }) {
  const severity = status === 'candidatures_ouvertes' ? 'success' : status === 'en_cours' ? 'info' : undefined;
  return (
    <Badge as="span" small severity={severity} noIcon>
      {cohortLabels.status[status]}
    </Badge>
  );
}

export function CohortsPage() {
  const q = useCohorts();
  return (
    <Page title={L.title} lead={L.lead}>
      {q.data?.can.create && (
        <p>
          <Link className="fr-btn fr-btn--secondary fr-mr-2w" to={paths.cohortNew()}>
            {cohortLabels.form.create}
          </Link>
          <Link className="fr-link fr-icon-bar-chart-box-line fr-link--icon-left" to={paths.cohortsReport()}>
            {cohortLabels.report.title}
          </Link>
        </p>
      )}
      {q.isPending && <Loading />}
      {q.data && q.data.items.length === 0 && <p>{L.empty}</p>}
      <ul className="fr-raw-list">
        {q.data?.items.map((c) => (
          <li key={c.id} className="fr-mb-3w">
            <div className="fr-card fr-enlarge-link">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title">
                    <Link to={paths.cohort(c.id)}>{c.name}</Link>
                  </h2>
                  <p className="fr-card__desc">{c.excerpt}</p>
                  <div className="fr-card__start">
                    <StatusBadge status={c.status} />
                    <p className="fr-card__detail fr-mt-1w">{L.edition(c.edition)}</p>
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail">
                      {L.dates(formatCalendarDate(c.startsOn), formatCalendarDate(c.endsOn))} — {L.places(c.acceptedCount, c.capacity)}
                    </p>
                  </div>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
