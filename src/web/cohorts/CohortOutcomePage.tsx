import Alert from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { cohortOutcomeResponse, outcomeCategories, outcomeCategoryLabels, type CohortOutcomeResponse } from '../../server/cohorts/programme/outcomes.contract';
import { spaserStatusLabels, spaserStatusSourceLabels } from '../../server/spaser/spaser-status.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { chartColors, ChartWithTable } from '../platform/charts';
import { formatCalendarDate, formatDate } from '../platform/format';
import { ScrollTable } from '../platform/ScrollTable';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.outcome;
const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const days = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * « Résultats de l'édition » (issue 23, item 7): the intention from the end questionnaire beside the
 * adoptions observed in the organisations' SPASER status; facilitators see each organisation, sponsors
 * the figures. The chart has its data table beside it.
 */
export function CohortOutcomePage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: [...cohortsKey, 'outcome', id], queryFn: () => api.get(`/api/cohorts/${encodeURIComponent(id)}/outcome`, cohortOutcomeResponse) });
  const o = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(o ? [{ label: o.cohort.name, to: paths.cohort(id) }] : [])];
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!o)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={L.forbidden} />
      </Page>
    );
  const windowEnd = formatCalendarDate(o.windowEndsOn);
  return (
    <Page title={`${L.title} — ${o.cohort.name}`} breadcrumb={breadcrumb}>
      <p className="fr-text--lead">{L.lead}</p>
      {!o.windowClosed && <Alert severity="info" small description={L.provisional(windowEnd)} className="fr-mb-3w" />}
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-callout fr-mb-0">
            <h2 className="fr-callout__title fr-h5">{L.intended}</h2>
            {o.intended && o.intended.share !== null ? (
              <>
                <p className="fr-callout__text">{L.intendedFigure(pct.format(o.intended.share))}</p>
                <p className="fr-text--sm fr-mb-0">{L.intendedOf(o.intended.yes, o.intended.of)}</p>
              </>
            ) : (
              <p className="fr-callout__text fr-text--md">{L.intendedMissing}</p>
            )}
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-callout fr-callout--green-emeraude fr-mb-0">
            <h2 className="fr-callout__title fr-h5">{L.observed}</h2>
            <p className="fr-callout__text">
              {L.observedFigure(o.observed.adopted, o.observed.of)}
              {o.observed.share !== null && ` (${pct.format(o.observed.share)})`}
            </p>
            <p className="fr-text--sm fr-mb-0">{L.observedOf(windowEnd)}</p>
          </div>
        </div>
      </div>
      {o.medianDaysToAdoption !== null && <p>{L.median(days.format(o.medianDaysToAdoption))}</p>}
      <Categories o={o} />
      <section aria-labelledby="outcome-followup" className="fr-mb-4w">
        <h2 id="outcome-followup">{L.followup}</h2>
        {o.followup ? (
          <p>
            <Link to={paths.cohortSurvey(id, o.followup.id)}>{o.followup.title}</Link> — {L.followupState(formatDate(o.followup.opensAt), formatDate(o.followup.closesAt), o.followup.answers)}
          </p>
        ) : (
          <>
            <p>{L.followupNone}</p>
            {o.detailed && (
              <p>
                <Link className="fr-btn fr-btn--secondary" to={`${paths.cohortSurveyNew(id)}?etape=suivi`}>
                  {L.followupCreate}
                </Link>
              </p>
            )}
          </>
        )}
      </section>
      {o.detailed ? <Rows o={o} /> : <p>{L.summaryOnly}</p>}
    </Page>
  );
}

/** Organisations by outcome: the platform's one chart, with its table beside it. */
function Categories({ o }: { o: CohortOutcomeResponse }) {
  return (
    <section aria-labelledby="outcome-categories" className="fr-mb-4w">
      <h2 id="outcome-categories">{L.categories}</h2>
      <ChartWithTable
        title={L.chartTitle}
        categories={outcomeCategories.map((k) => outcomeCategoryLabels[k])}
        categoryLabel={L.category}
        series={[{ key: 'count', label: L.count, color: chartColors[0]!, values: outcomeCategories.map((k) => o.counts[k]) }]}
        unit="count"
      />
    </section>
  );
}

function Rows({ o }: { o: CohortOutcomeResponse }) {
  return (
    <section aria-labelledby="outcome-rows" className="fr-mb-4w">
      <h2 id="outcome-rows">{L.rows}</h2>
      {o.rows.length === 0 ? (
        <p>{L.none}</p>
      ) : (
        <ScrollTable label={L.rows}>
          <caption>{L.rows}</caption>
          <thead>
            <tr>
              <th scope="col">{L.organisation}</th>
              <th scope="col">{L.participants}</th>
              <th scope="col">{L.status}</th>
              <th scope="col">{L.adoptedOn}</th>
              <th scope="col">{L.category}</th>
              <th scope="col">{L.days}</th>
            </tr>
          </thead>
          <tbody>
            {o.rows.map((r) => (
              <tr key={r.organisationId}>
                <th scope="row">
                  <Link to={paths.organisation(r.organisationId)}>{r.organisationName}</Link>
                </th>
                <td>{r.participants.join(', ')}</td>
                <td>
                  {spaserStatusLabels[r.status]}
                  <br />
                  <span className="fr-text--xs">{spaserStatusSourceLabels[r.source]}</span>
                </td>
                <td>{r.adoptedOn ? formatCalendarDate(r.adoptedOn) : '—'}</td>
                <td>{outcomeCategoryLabels[r.category]}</td>
                <td>{r.daysFromStart ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/cohorts/${encodeURIComponent(o.cohort.id)}/outcome.csv`} download>
          {L.export}
        </a>
      </p>
    </section>
  );
}
