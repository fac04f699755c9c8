import Alert from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { programmeReportResponse, shareBody, shareResponse, type ProgrammeReportResponse } from '../../server/cohorts/programme/reporting.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { chartColors, ChartWithTable } from '../platform/charts';
import { TextField } from '../platform/fields';
import { formatCalendarDate, formatDate, formatNumber } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { ScrollTable } from '../platform/ScrollTable';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.report;
const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const share = (v: number | null | undefined) => (v === null || v === undefined ? '—' : pct.format(v));

/**
 * « Bilan du programme » (issue 23, item 8): every edition side by side — participants, attendance, the
 * intention beside the adoptions observed — and who took part by organisation kind and région. Each chart
 * has its table; both tables download as CSV or XLSX.
 */
export function ProgrammeReportPage() {
  const q = useQuery({ queryKey: [...cohortsKey, 'report'], queryFn: () => api.get('/api/programme/report', programmeReportResponse) });
  const r = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }];
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!r)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? L.forbidden} />
      </Page>
    );
  return (
    <Page title={L.title} breadcrumb={breadcrumb}>
      <p className="fr-text--lead">{L.lead}</p>
      <ReportBody r={r} exportBase="/api/programme/report" />
      <ShareLink />
    </Page>
  );
}

/** The report read through a partner's link (no account): the same figures, without the team's tools. */
export function SharedReportPage() {
  const { token = '' } = useParams();
  const base = `/api/programme/report/shared/${encodeURIComponent(token)}`;
  const q = useQuery({ queryKey: [...cohortsKey, 'report-shared', token], queryFn: () => api.get(base, programmeReportResponse), retry: false });
  const r = q.data;
  if (q.isPending) return <PageLoading title={L.title} />;
  if (!r)
    return (
      <Page title={L.title}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? ''} />
      </Page>
    );
  return (
    <Page title={L.title}>
      <p className="fr-text--lead">{L.lead}</p>
      <Alert severity="info" small description={L.sharedNotice} className="fr-mb-3w" />
      <ReportBody r={r} exportBase={base} />
    </Page>
  );
}

/** « Partager en lecture »: a signed link for the programme's partners, valid a few days. */
function ShareLink() {
  const [days, setDays] = useState('30');
  const errors = useFormErrors();
  const share = useMutation({ mutationFn: (body: unknown) => api.post('/api/programme/report/share', body, shareResponse), onError: errors.fail });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(shareBody, { days: Number(days) });
    if (body) share.mutate(body);
  };
  return (
    <section aria-labelledby="report-share" className="fr-mt-5w">
      <h2 id="report-share" className="fr-h4">
        {L.shareTitle}
      </h2>
      <p>{L.shareHelp}</p>
      <ErrorSummary feedback={errors.feedback} fields={{ days: { label: L.shareDays, id: 'share-days' } }} />
      <form onSubmit={submit} noValidate>
        <TextField id="share-days" label={L.shareDays} hint={L.shareDaysHint} inputMode="numeric" value={days} onChange={setDays} error={errors.error('days')} />
        <Button type="submit" disabled={share.isPending}>
          {L.shareCreate}
        </Button>
      </form>
      {share.data && (
        <div className="fr-mt-3w">
          <FocusedAlert severity="success" title={L.shareCreated(formatDate(share.data.expiresAt))} as="h3" />
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="share-url">
              {L.shareUrl}
            </label>
            <input className="fr-input" id="share-url" readOnly value={share.data.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
        </div>
      )}
    </section>
  );
}

function ReportBody({ r, exportBase }: { r: ProgrammeReportResponse; exportBase: string }) {
  if (r.editions.length === 0) return <p>{L.none}</p>;
  return (
    <>
      <Totals r={r} />
      <ChartWithTable
        as="h3"
        title={L.effectChart}
        categories={r.editions.map((e) => L.editionShort(e.edition))}
        categoryLabel={L.edition}
        unit="share"
        series={[
          { key: 'intended', label: L.intended, color: chartColors[2]!, values: r.editions.map((e) => e.intended?.share ?? null), notes: r.editions.map((e) => (e.intended ? null : L.notMapped)) },
          { key: 'observed', label: L.observed, color: chartColors[1]!, values: r.editions.map((e) => e.observed.share) },
          { key: 'attendance', label: L.attendance, color: chartColors[0]!, values: r.editions.map((e) => e.attendance.rate), notes: r.editions.map((e) => (e.attendance.marked ? null : L.noAttendance)) },
        ]}
        note={<p className="fr-text--sm">{L.effectNote}</p>}
      />
      <Editions r={r} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <ChartWithTable
            title={L.byKind}
            categories={r.byKind.map((k) => k.label)}
            categoryLabel={L.kind}
            unit="count"
            series={[{ key: 'count', label: L.organisations, color: chartColors[0]!, values: r.byKind.map((k) => k.count) }]}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <ChartWithTable
            title={L.byRegion}
            categories={r.byRegion.map((k) => k.label)}
            categoryLabel={L.region}
            unit="count"
            series={[{ key: 'count', label: L.organisations, color: chartColors[3]!, values: r.byRegion.map((k) => k.count) }]}
          />
        </div>
      </div>
      <h2 className="fr-h4 fr-mt-4w">{L.downloads}</h2>
      <ul>
        {(['editions', 'organisations'] as const).map((table) =>
          (['csv', 'xlsx'] as const).map((format) => (
            <li key={`${table}-${format}`}>
              <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${exportBase}/${table}?format=${format}`} download>
                {L.download(table, format)}
              </a>
            </li>
          )),
        )}
      </ul>
    </>
  );
}

function Totals({ r }: { r: ProgrammeReportResponse }) {
  const t = r.totals;
  const tiles = [
    [formatNumber(t.editions), L.totalEditions(t.editions)],
    [formatNumber(t.participants), L.totalParticipants(t.participants)],
    [formatNumber(t.organisations), L.totalOrganisations(t.organisations)],
    [`${t.observed.adopted} / ${t.observed.of}`, L.totalObserved],
  ] as const;
  return (
    <>
      <h2 className="fr-h4">{L.totals}</h2>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-3w">
        {tiles.map(([value, label]) => (
          <li key={label} className="fr-col-6 fr-col-md-3">
            <div className="fr-tile fr-tile--sm">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <p className="fr-h3 fr-mb-1v">{value}</p>
                  <p className="fr-tile__desc">{label}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {t.medianDaysToAdoption !== null && <p>{L.median(formatNumber(t.medianDaysToAdoption))}</p>}
    </>
  );
}

function Editions({ r }: { r: ProgrammeReportResponse }) {
  return (
    <section aria-labelledby="report-editions" className="fr-mb-4w">
      <h2 id="report-editions" className="fr-h4">
        {L.editions}
      </h2>
      <ScrollTable label={L.editions}>
        <caption>{L.editions}</caption>
        <thead>
          <tr>
            <th scope="col">{L.edition}</th>
            <th scope="col">{L.dates}</th>
            <th scope="col">{L.participants}</th>
            <th scope="col">{L.attendance}</th>
            <th scope="col">{L.intended}</th>
            <th scope="col">{L.observed}</th>
            <th scope="col">{L.published}</th>
            <th scope="col">{L.medianShort}</th>
          </tr>
        </thead>
        <tbody>
          {r.editions.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <Link to={paths.cohortOutcome(e.id)}>{e.name}</Link>
              </th>
              <td>
                {formatCalendarDate(e.startsOn)} – {formatCalendarDate(e.endsOn)}
              </td>
              <td>
                {e.participants} ({L.organisationsCount(e.organisations)})
              </td>
              <td>{share(e.attendance.rate)}</td>
              <td>{e.intended ? `${share(e.intended.share)} (${e.intended.yes}/${e.intended.of})` : L.notMapped}</td>
              <td>
                {e.observed.adopted}/{e.observed.of} ({share(e.observed.share)}){!e.windowClosed && ` — ${L.provisional(formatCalendarDate(e.windowEndsOn))}`}
              </td>
              <td>{e.published}</td>
              <td>{e.medianDaysToAdoption ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
