import Badge from '@codegouvfr/react-dsfr/Badge';
import Table from '@codegouvfr/react-dsfr/Table';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TerritoryRow } from '../../server/observatory/observatory.contract';
import { verdictStatusLabels } from '../../server/organisations/organisations.contract';
import { Loading, Page } from '../layout/Page';
import { organisationsLabels } from '../organisations/labels';
import { paths } from '../paths';
import { chartColors, ChartWithTable, formatValue } from '../platform/charts';
import { SelectField } from '../platform/fields';
import { formatCalendarDate, formatDate, formatEuros, formatSiren } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { PageLinks, pageParam, ResultsStatus } from '../platform/results';
import { useSession } from '../platform/session';
import { useTerritories } from '../platform/territories';
import { exportUrl, useBuyers, useNational, useTerritoryShares } from './api';
import { observatoryLabels as L } from './labels';
import { PnadNote, pnadTargetLines } from './OrganisationIndicators';
import { de } from '../../shared/french';

const P = L.page;
// The SVG outlines of every région and département: fetched with the map, after the page's first paint.
const FranceMap = lazy(() => import('../platform/FranceMap').then((m) => ({ default: m.FranceMap })));
const share = (v: number | null) => formatValue(v, 'share');

function Downloads({ table, params = {} }: { table: keyof typeof P.exportNames; params?: Record<string, string | number | null> }) {
  const name = P.exportNames[table];
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
      <li>
        <a className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line" href={exportUrl(table, 'csv', params)} download>
          {P.csv(name)}
        </a>
      </li>
      <li>
        <a className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line" href={exportUrl(table, 'xlsx', params)} download>
          {P.xlsx(name)}
        </a>
      </li>
    </ul>
  );
}

/** Public: national and territorial shares over time, the France map, the buyers likely subject to the SPASER. */
export function ObservatoryPage() {
  const { user } = useSession();
  const staff = user?.role === 'facilitator' || user?.role === 'admin';
  return (
    <Page title={P.title} lead={<p>{P.lead}</p>}>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.spaserDirectory()}>
          {P.directoryLink}
        </Link>
      </p>
      {staff && (
        <p>
          <Link className="fr-link fr-icon-upload-line fr-link--icon-left" to={paths.decpUpload()}>
            {P.uploadLink}
          </Link>
        </p>
      )}
      <National />
      <Territories />
      <Buyers />
    </Page>
  );
}

function National() {
  const q = useNational();
  const rows = q.data?.rows.filter((r) => r.kind === 'marche') ?? [];
  return (
    <section aria-labelledby="national-title" className="fr-mb-6w">
      <h2 id="national-title">{P.nationalTitle}</h2>
      {q.isPending && <Loading />}
      {q.isError && <FocusedAlert severity="error" as="h3" title={q.error.message} />}
      {q.data && !rows.length && <p>{P.noData}</p>}
      {rows.length > 0 && (
        <>
          <p className="fr-text--sm">{L.source(q.data?.importedAt ? formatDate(q.data.importedAt) : null)}</p>
          <ChartWithTable
            title={P.nationalChart}
            categoryLabel={L.year}
            categories={rows.map((r) => String(r.year))}
            unit="share"
            series={[
              { key: 'social', label: L.organisation.seriesSocial, color: chartColors[0]!, values: rows.map((r) => r.shares.social.ofAll) },
              { key: 'env', label: L.organisation.seriesEnvironmental, color: chartColors[1]!, values: rows.map((r) => r.shares.environmental.ofAll) },
            ]}
            targets={pnadTargetLines}
            note={<PnadNote />}
          />
          <Downloads table="national" />
        </>
      )}
    </section>
  );
}

function Territories() {
  const [level, setLevel] = useState<'region' | 'departement'>('region');
  const [indicator, setIndicator] = useState<'social' | 'environmental'>('social');
  const [year, setYear] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const q = useTerritoryShares(level);
  const names = useTerritories();
  const years = q.data?.years ?? [];
  const shown = year !== null && years.includes(year) ? year : (years.at(-1) ?? null);
  const value = (r: TerritoryRow) => (indicator === 'social' ? r.socialShare : r.environmentalShare);
  const nameOf = (code: string) => (level === 'region' ? names.regionName(code) : names.departementName(code)) ?? code;
  const rows = (q.data?.rows ?? []).filter((r) => r.year === shown);
  const series = selected ? (q.data?.rows ?? []).filter((r) => r.code === selected) : [];
  const indicatorLabel = P.indicators[indicator];
  return (
    <section aria-labelledby="territories-title" className="fr-mb-6w">
      <h2 id="territories-title">{P.territoriesTitle}</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <SelectField
            id="obs-level"
            label={P.level}
            value={level}
            onChange={(v) => {
              setLevel(v as 'region' | 'departement');
              setSelected(null);
            }}
            options={(['region', 'departement'] as const).map((k) => ({ value: k, label: P.levels[k] }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField id="obs-indicator" label={P.indicator} value={indicator} onChange={(v) => setIndicator(v as 'social' | 'environmental')} options={(['social', 'environmental'] as const).map((k) => ({ value: k, label: P.indicators[k] }))} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField id="obs-year" label={L.year} value={shown === null ? '' : String(shown)} onChange={(v) => setYear(Number(v))} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        </div>
      </div>
      {q.isPending && <Loading />}
      {q.isError && <FocusedAlert severity="error" as="h3" title={q.error.message} />}
      {q.data && (
        <>
          <Suspense fallback={<Loading label={P.mapLoading} />}>
            <FranceMap
            level={level}
            title={P.mapTitle(indicatorLabel, shown)}
            rows={rows.map((r) => ({ code: r.code, name: nameOf(r.code), value: value(r), extra: [String(r.contracts)] }))}
            extraHeaders={[P.contracts]}
            format={share}
            domain={[0, 1]}
            selected={selected}
            onSelect={setSelected}
            />
          </Suspense>
          {q.data.unattributed > 0 && <p className="fr-text--sm">{P.unattributed(q.data.unattributed)}</p>}
          <div aria-live="polite">
            {selected && series.length > 0 && (
              <ChartWithTable
                title={P.territorySeries(nameOf(selected))}
                categoryLabel={L.year}
                categories={series.map((r) => String(r.year))}
                unit="share"
                series={[
                  { key: 'social', label: L.organisation.seriesSocial, color: chartColors[0]!, values: series.map((r) => r.socialShare) },
                  { key: 'env', label: L.organisation.seriesEnvironmental, color: chartColors[1]!, values: series.map((r) => r.environmentalShare) },
                ]}
                targets={pnadTargetLines}
              />
            )}
          </div>
          <Downloads table={level === 'region' ? 'regions' : 'departements'} />
        </>
      )}
    </section>
  );
}

const verdictSeverity = { concerned: 'warning', likely_concerned: 'warning', uncertain: 'info', likely_not_concerned: 'success', not_concerned: 'success' } as const;

function Buyers() {
  const [sp, setSp] = useSearchParams();
  const page = pageParam(sp.get('page'));
  const status = ['likely_above', 'uncertain'].includes(sp.get('estimation') ?? '') ? sp.get('estimation')! : 'both';
  const yearParam = Number(sp.get('annee'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : null;
  const q = useBuyers({ year, status, page });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(sp);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setSp(next, { replace: true, preventScrollReset: true });
  };
  const d = q.data;
  return (
    <section aria-labelledby="buyers-title" className="fr-mb-6w">
      <h2 id="buyers-title">{P.buyersTitle}</h2>
      {d && <p>{P.buyersLead(formatEuros(d.threshold))}</p>}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField id="buyers-status" label={P.filter} value={status} onChange={(v) => set('estimation', v === 'both' ? '' : v)} options={['both', 'likely_above', 'uncertain'].map((k) => ({ value: k, label: P.statuses[k]! }))} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField id="buyers-year" label={L.year} value={d?.year ? String(d.year) : ''} onChange={(v) => set('annee', v)} options={(d?.years ?? []).map((y) => ({ value: String(y), label: String(y) }))} />
        </div>
      </div>
      {q.isPending && <Loading />}
      {q.isError && <FocusedAlert severity="error" as="h3" title={q.error.message} />}
      {d && (
        <>
          <ResultsStatus text={d.year === null ? P.noData : P.counts(d.counts.likely_above, d.counts.uncertain)} />
          {d.items.length > 0 ? (
            <Table
              caption={P.buyersCaption(d.year)}
              headers={[P.colBuyer, P.colSiren, P.status, P.colNotified, P.colAnnualised, P.colSpaser]}
              data={d.items.map((b) => [
                b.organisationId ? (
                  <Link key="n" to={paths.organisation(b.organisationId)}>
                    {b.name}
                  </Link>
                ) : (
                  P.unnamed(formatSiren(b.siren))
                ),
                formatSiren(b.siren),
                <Badge key="s" as="span" small severity={verdictSeverity[b.verdict]}>
                  {verdictStatusLabels[b.verdict]}
                </Badge>,
                formatEuros(b.notifiedAmount),
                formatEuros(b.annualisedAmount),
                b.spaserStatus === null ? (
                  P.notReferenced
                ) : b.spaserUrl ? (
                  <span key="sp">
                    {organisationsLabels.spaserStatus[b.spaserStatus]}
                    {b.spaserAdoptedOn ? ` (${formatCalendarDate(b.spaserAdoptedOn)})` : ''} —{' '}
                    <a href={b.spaserUrl} target="_blank" rel="noreferrer" title={`${P.spaserLink} ${de(b.name ?? b.siren)} — nouvelle fenêtre`}>
                      {P.spaserLink}
                    </a>
                  </span>
                ) : (
                  organisationsLabels.spaserStatus[b.spaserStatus]
                ),
              ])}
            />
          ) : (
            d.year !== null && <p>{P.empty}</p>
          )}
          <PageLinks page={d.page} total={d.total} pageSize={d.pageSize} />
          {d.year !== null && <Downloads table="buyers" params={{ year: d.year, status }} />}
        </>
      )}
    </section>
  );
}
