import Accordion from '@codegouvfr/react-dsfr/Accordion';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  spaserDeclarationBody,
  spaserDeclarationResponse,
  type BreakdownRowDto,
  type IndicatorRowDto,
  type OrganisationIndicators as Data,
} from '../../server/observatory/observatory.contract';
import { pnadTargets } from '../../shared/pnad';
import { Loading } from '../layout/Page';
import { api } from '../platform/api';
import { chartColors, ChartWithTable, formatValue } from '../platform/charts';
import { SelectField, TextField } from '../platform/fields';
import { formatDate, formatEuros, formatNumber } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { missingYears, yearCells, type YearCell } from '../platform/years';
import { organisationKey } from '../organisations/api';
import { indicatorsKey, useOrganisationIndicators } from './api';
import { observatoryLabels as L } from './labels';

const O = L.organisation;
const kinds = ['marche', 'concession'] as const;
const share = (v: number | null) => formatValue(v, 'share');

/** PNAD targets as lines on the share charts, with their source under them. */
export const pnadTargetLines = [
  { value: pnadTargets.social.share, label: L.targets.social },
  { value: pnadTargets.environmental.share, label: L.targets.environmental },
];
export function PnadNote() {
  return (
    <p className="fr-text--sm">
      {L.targets.note}{' '}
      <a href={pnadTargets.sourceUrl} target="_blank" rel="noreferrer" title={`${L.targets.sourceLink} — nouvelle fenêtre`}>
        {L.targets.sourceLink}
      </a>
    </p>
  );
}

/** An organisation's DECP indicators: shares by year against the PNAD targets, detail, breakdowns, peers. */
export function OrganisationIndicatorsSection({ organisationId }: { organisationId: string }) {
  // null: the latest year with contracts, as the server chooses it.
  const [year, setYear] = useState<number | null>(null);
  const q = useOrganisationIndicators(organisationId, year);
  return (
    <section aria-labelledby="decp-title" className="fr-mb-6w">
      <h2 id="decp-title">{O.title}</h2>
      {q.isPending && <Loading />}
      {q.isError && <FocusedAlert severity="error" as="h3" title={q.error.message} />}
      {q.data && <IndicatorsView data={q.data} year={year ?? q.data.breakdownYear} onYear={setYear} loadingYear={q.isPlaceholderData} />}
    </section>
  );
}

/** The years an organisation has dated contracts in (of either kind), ascending. */
const yearsOf = (data: Data) => [...new Set(data.rows.filter((r) => r.year !== null).map((r) => r.year!))].sort((a, b) => a - b);

const C = platformLabels.chart;
const listYears = (years: number[]) => (years.length === 1 ? String(years[0]) : `${years.slice(0, -1).join(', ')} et ${years[years.length - 1]}`);

/** A chart series from year cells: the value, or the words that say why there is none. */
function fromCells(cells: YearCell[]) {
  return {
    values: cells.map((c) => (c.kind === 'value' ? c.value : null)),
    notes: cells.map((c) => (c.kind === 'missing' ? C.missing : c.kind === 'notInformed' ? C.notInformed : null)),
  };
}

/** The gaps of a continuous range of years, for the chart and the sentence under it. */
function GapsNote({ years }: { years: number[] }) {
  return years.length ? <p className="fr-text--sm">{C.gapsNote(listYears(years))}</p> : null;
}

/** Shares by year against the PNAD targets: every year between the first and the last, gaps marked. */
function SharesChart({ kind, rows }: { kind: 'marche' | 'concession'; rows: IndicatorRowDto[] }) {
  const social = yearCells(rows, (r) => r.year, (r) => ({ value: r.shares.social.ofAll, completeness: r.shares.social.completeness }));
  const env = yearCells(rows, (r) => r.year, (r) => ({ value: r.shares.environmental.ofAll, completeness: r.shares.environmental.completeness }));
  if (!social.length) return null;
  const gaps = missingYears(social);
  return (
    <ChartWithTable
      as="h4"
      title={O.sharesTitle(L.kinds[kind])}
      categoryLabel={L.year}
      categories={social.map((c) => String(c.year))}
      gaps={social.map((c) => (c.kind === 'missing' ? C.missing : null))}
      unit="share"
      series={[
        { key: 'social', label: O.seriesSocial, color: chartColors[0]!, ...fromCells(social) },
        { key: 'env', label: O.seriesEnvironmental, color: chartColors[1]!, ...fromCells(env) },
      ]}
      targets={kind === 'marche' ? pnadTargetLines : []}
      note={
        <>
          <GapsNote years={gaps} />
          {kind === 'marche' && <PnadNote />}
        </>
      }
    />
  );
}

function IndicatorsView({ data, year, onYear, loadingYear }: { data: Data; year: number | null; onYear: (year: number) => void; loadingYear: boolean }) {
  if (!data.siren) return <p>{O.noSiren}</p>;
  if (!data.rows.length) return <p>{O.noData}</p>;
  return (
    <>
      <p>{O.lead}</p>
      <p className="fr-text--sm">{L.source(data.importedAt ? formatDate(data.importedAt) : null)}</p>
      {/* Independent sections: a reader compares the evolution with the peers, both open. */}
      <div className="fr-accordions-group" data-fr-group="false">
        <Accordion titleAs="h3" label={O.evolutionTitle}>
          {kinds.map((kind) => {
            const list = data.rows.filter((r) => r.kind === kind);
            if (!list.length) return null;
            return (
              <div key={kind}>
                <SharesChart kind={kind} rows={list} />
                <DetailTable kind={kind} rows={list} />
              </div>
            );
          })}
        </Accordion>
        {data.breakdownYear !== null && data.breakdowns.length > 0 && (
          <Accordion titleAs="h3" label={O.breakdownTitle(data.breakdownYear)}>
            {yearsOf(data).length > 1 && (
              <SelectField
                id="decp-breakdown-year"
                label={O.breakdownYear}
                hint={O.breakdownYearHint}
                value={String(year ?? data.breakdownYear)}
                onChange={(v) => onYear(Number(v))}
                options={yearsOf(data).map((y) => ({ value: String(y), label: String(y) }))}
              />
            )}
            {loadingYear && <Loading />}
            {data.breakdowns.map((b) => (
              <div key={b.kind}>
                <ChartWithTable
                  as="h4"
                  title={O.byType(L.kinds[b.kind])}
                  categoryLabel={O.breakdownCols.key}
                  categories={b.purchaseType.map((r) => (r.key ? (O.typeLabels[r.key] ?? r.key) : O.noKey))}
                  unit="count"
                  series={[
                    { key: 'contracts', label: O.breakdownCols.contracts, color: chartColors[0]!, values: b.purchaseType.map((r) => r.contracts) },
                    { key: 'social', label: O.breakdownCols.social, color: chartColors[1]!, values: b.purchaseType.map((r) => r.socialPositive) },
                    { key: 'env', label: O.breakdownCols.environmental, color: chartColors[2]!, values: b.purchaseType.map((r) => r.environmentalPositive) },
                  ]}
                />
                <BreakdownTable title={O.byCpv(L.kinds[b.kind])} rows={b.cpvDivision} />
                <BreakdownTable title={O.byProcedure(L.kinds[b.kind])} rows={b.procedure} />
              </div>
            ))}
          </Accordion>
        )}
        <Accordion titleAs="h3" label={O.peersTitle}>
          <Peers data={data} />
        </Accordion>
      </div>
    </>
  );
}

function DetailTable({ kind, rows }: { kind: 'marche' | 'concession'; rows: IndicatorRowDto[] }) {
  const c = O.cols;
  const dash = platformLabels.chart.noValue;
  // Every year between the first and the last: a year without contracts is a row that says so.
  const years = yearCells(rows, (r) => r.year, () => ({ value: 0 }));
  const byYear = new Map(rows.filter((r) => r.year !== null).map((r) => [r.year!, r]));
  const ordered: (IndicatorRowDto | number)[] = [...years.map((y) => byYear.get(y.year) ?? y.year), ...rows.filter((r) => r.year === null)];
  const year = (r: IndicatorRowDto) => (r.year === null ? O.undated : String(r.year));
  const missing = (y: number, width: number) => [String(y), C.missing, ...Array.from({ length: width - 2 }, () => dash)];
  // A share the data cannot give (no contract informed the field) is « non renseigné », not 0 %.
  const shareOf = (r: IndicatorRowDto, p: 'social' | 'environmental', v: number | null) => (r.shares[p].completeness === 0 ? C.notInformed : share(v));
  const split = (p: 'social' | 'environmental', label: string) => (
    <Table
      caption={O.detailTitle(L.kinds[kind], label)}
      headers={[L.year, c.contracts, c.yes, c.no, c.unknown, c.ofAll, c.ofInformed, c.completeness, c.amountYes, c.valueShare]}
      data={ordered.map((r) =>
        typeof r === 'number'
          ? missing(r, 10)
          : [
              year(r), formatNumber(r.contracts), formatNumber(r[p].positive), formatNumber(r[p].negative), formatNumber(r[p].unknown),
              shareOf(r, p, r.shares[p].ofAll), shareOf(r, p, r.shares[p].ofInformed), share(r.shares[p].completeness),
              // In value (L2111-3: « nombre de contrats ou valeur »): the amounts of the contracts with it, over all amounts.
              formatNumber(r.amount[p].positive), r.shares.value[p].completeness === 0 ? C.notInformed : share(r.shares.value[p].ofAll),
            ],
      )}
      fixed
    />
  );
  return (
    <div className="fr-mb-4w">
      {split('social', L.social)}
      {split('environmental', L.environmental)}
      <Table
        caption={O.amountsTitle(L.kinds[kind])}
        headers={[L.year, c.contracts, c.amount, c.excluded]}
        data={ordered.map((r) => (typeof r === 'number' ? missing(r, 4) : [year(r), formatNumber(r.contracts), formatEuros(r.amount.total), formatNumber(r.amount.excluded)]))}
        fixed
      />
      <p className="fr-text--sm">{O.amountNote}</p>
    </div>
  );
}

function BreakdownTable({ title, rows }: { title: string; rows: BreakdownRowDto[] }) {
  const c = O.breakdownCols;
  return (
    <Table
      caption={title}
      headers={[c.key, c.contracts, c.social, c.environmental, c.amount, c.excluded]}
      data={rows.map((r) => [r.key ?? O.noKey, formatNumber(r.contracts), formatNumber(r.socialPositive), formatNumber(r.environmentalPositive), formatEuros(r.amount), formatNumber(r.excluded)])}
      fixed
    />
  );
}

function Peers({ data }: { data: Data }) {
  const mine = (y: number) => data.rows.find((r) => r.kind === 'marche' && r.year === y);
  const peerYears = yearCells(data.peers.years, (y) => y.year, () => ({ value: 0 }));
  const byYear = new Map(data.peers.years.map((y) => [y.year, y]));
  const mineCells = (p: 'social' | 'environmental'): YearCell[] =>
    peerYears.map(({ year }) => {
      const r = mine(year);
      if (!r) return { year, kind: 'missing' };
      return r.shares[p].ofAll === null || r.shares[p].completeness === 0 ? { year, kind: 'notInformed' } : { year, kind: 'value', value: r.shares[p].ofAll };
    });
  const peersCells = (p: 'socialShare' | 'environmentalShare'): YearCell[] =>
    peerYears.map(({ year }) => {
      const v = byYear.get(year)?.[p];
      return v === undefined ? { year, kind: 'missing' } : v === null ? { year, kind: 'notInformed' } : { year, kind: 'value', value: v };
    });
  return (
    <>
      <p className="fr-text--sm">{data.peers.definition}</p>
      {data.peers.years.some((y) => y.peers > 0) ? (
        <>
          <ChartWithTable
            as="h4"
            title={O.peersChart}
            categoryLabel={L.year}
            categories={peerYears.map((y) => String(y.year))}
            gaps={peerYears.map((y) => (y.kind === 'missing' ? C.missing : null))}
            unit="share"
            series={[
              { key: 'meS', label: O.seriesMeSocial, color: chartColors[0]!, ...fromCells(mineCells('social')) },
              { key: 'peersS', label: O.seriesPeersSocial, color: chartColors[4]!, ...fromCells(peersCells('socialShare')) },
              { key: 'meE', label: O.seriesMeEnv, color: chartColors[1]!, ...fromCells(mineCells('environmental')) },
              { key: 'peersE', label: O.seriesPeersEnv, color: chartColors[5]!, ...fromCells(peersCells('environmentalShare')) },
            ]}
            targets={pnadTargetLines}
            note={<GapsNote years={missingYears(peerYears)} />}
          />
          <Table
            caption={O.peersTitle}
            headers={[L.year, O.peersCols.band, O.peersCols.peers, O.peersCols.contracts]}
            data={data.peers.years.map((y) => [String(y.year), y.bandLabel, formatNumber(y.peers), formatNumber(y.contracts)])}
            fixed
          />
        </>
      ) : (
        <p>{O.noPeers}</p>
      )}
    </>
  );
}

/** Verified members and facilitators declare a SPASER adopted elsewhere (URL and adoption date), under the page's « SPASER » section. */
export function SpaserDeclarationSection({ organisationId }: { organisationId: string }) {
  const qc = useQueryClient();
  const D = L.declaration;
  const [values, setValues] = useState({ url: '', adoptedOn: '' });
  const [doneAt, setDoneAt] = useState(0);
  const errors = useFormErrors();
  const fields = { url: { label: D.url, id: 'declare-url' }, adoptedOn: { label: D.adoptedOn, id: 'declare-adopted-on' } };
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/organisations/${organisationId}/spaser-declaration`, body, spaserDeclarationResponse),
    onSuccess: () => {
      setDoneAt(Date.now());
      void qc.invalidateQueries({ queryKey: organisationKey(organisationId) });
      void qc.invalidateQueries({ queryKey: indicatorsKey(organisationId) });
      void qc.invalidateQueries({ queryKey: ['observatory'] });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDoneAt(0);
    const parsed = errors.validate(spaserDeclarationBody, { url: values.url.trim(), adoptedOn: values.adoptedOn });
    if (parsed) mutation.mutate(parsed);
  };
  return (
    <section aria-labelledby="declare-title" className="fr-mt-4w">
      <h3 id="declare-title" className="fr-h5">
        {D.title}
      </h3>
      <p>{D.lead}</p>
      {doneAt > 0 && <FocusedAlert severity="success" as="h4" title={D.done} focusKey={doneAt} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h4" />
      <form noValidate onSubmit={submit}>
        <TextField id={fields.url.id} type="url" label={D.url} hint={D.urlHint} value={values.url} onChange={(v) => setValues((s) => ({ ...s, url: v }))} error={errors.error('url')} autoComplete="url" spellCheck={false} />
        <TextField id={fields.adoptedOn.id} type="date" label={D.adoptedOn} hint={D.adoptedOnHint} value={values.adoptedOn} onChange={(v) => setValues((s) => ({ ...s, adoptedOn: v }))} error={errors.error('adoptedOn')} />
        <Button type="submit" disabled={mutation.isPending}>
          {D.submit}
        </Button>
      </form>
    </section>
  );
}

/** The declaration form, for those the server says may use it. */
export function SpaserDeclarationIfAllowed({ organisationId }: { organisationId: string }) {
  const q = useOrganisationIndicators(organisationId);
  return q.data?.can.declareSpaser ? <SpaserDeclarationSection organisationId={organisationId} /> : null;
}
