import { ScrollTable } from '../platform/ScrollTable';
import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { pnadTargets } from '../../shared/pnad';
import { catalogueEntry, indicatorCatalogue, type DecpMeasure } from '../../server/spaser/indicator-catalogue';
import { decpFiguresResponse, evidenceFile, prefillResponse, type DecpFiguresResponse, type EvidenceFile, type SpaserDetail } from '../../server/spaser/spaser.contract';
import { indicatorCategories, indicatorUnits, type SpaserContent } from '../../server/spaser/spaser.content';
import { api, isApiError } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { formatSize, formatDate, formatEuros, formatNumber } from '../platform/format';
import { spaserLabels as L } from './labels';
import { ItemButtons, move, NumberField, type ErrorAt } from './parts';

type Indicators = SpaserContent['indicators'];
type Indicator = Indicators[number];
type Figures = Indicator['perBuyer'][number];
type Entry = NonNullable<Figures['baseline']>;
type BuyerDecp = DecpFiguresResponse['buyers'][number];

let nextId = 0;
const newId = () => `indicateur-${Date.now().toString(36)}-${(nextId++).toString(36)}`;
/**
 * A value field left empty: NaN, which JSON sends as null, so saving says « Indiquez une valeur
 * numérique. » on that field instead of storing a 0 nobody typed.
 */
const emptied = (v: number | null) => v ?? Number.NaN;

/** The DECP figure of a buyer for a year and measure, with the files and import date of that year. */
function figureOf(decp: BuyerDecp | undefined, year: number, measure: DecpMeasure) {
  const y = decp?.years.find((x) => x.year === year);
  const m = y?.measures[measure];
  return y && m ? { ...m, sourceFiles: y.sourceFiles, importedAt: y.importedAt } : null;
}

/**
 * The indicators section (issue 17, item 4): pick one from the catalogue — DECP-computable ones come
 * pre-filled for every buyer, their numerator, denominator, files and import date beside each figure
 * and the PNAD 2022-2025 target beside them as the national plan's — or write one freely; targets
 * per year; yearly values with source and evidence; a value that replaces the DECP one needs a reason.
 */
export function IndicatorsEditor(props: { value: Indicators; set: (v: Indicators) => void; error: ErrorAt; buyers: SpaserDetail['buyers']; spaser: SpaserDetail }) {
  const { value, set, error, buyers, spaser } = props;
  const [picked, setPicked] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  // Files uploaded since the page loaded: the schéma's detail is not refetched (it would reset the draft).
  const [uploaded, setUploaded] = useState<EvidenceFile[]>([]);
  const evidence: Evidence = { spaserId: spaser.id, files: [...spaser.evidenceFiles, ...uploaded], added: (f) => setUploaded((u) => [...u, f]) };
  const figures = useQuery({ queryKey: ['spaser', spaser.id, 'decp-figures'], queryFn: () => api.get(`/api/spasers/${spaser.id}/decp-figures`, decpFiguresResponse) });
  const prefill = useMutation({
    mutationFn: (catalogueKey: string) => api.post(`/api/spasers/${spaser.id}/indicators/prefill`, { catalogueKey }, prefillResponse),
    onSuccess: (r) => {
      set([...value, r.indicator]);
      setPicked('');
      setPickError(null);
    },
    onError: (e) => setPickError((e as Error).message),
  });
  const objectives = ((spaser.sections.axes?.body ?? []) as SpaserContent['axes']).flatMap((a) => a.objectives.map((o) => ({ value: o.id, label: `${a.title} — ${o.title}` })));
  const setIndicator = (i: number, next: Indicator) => set(value.map((x, j) => (j === i ? next : x)));
  const unitOptions = indicatorUnits.map((u) => ({ value: u, label: L.units[u]! }));
  const selected = catalogueEntry(picked);
  return (
    <>
      <p className="fr-text--sm">{L.indicators.pnad}</p>
      {value.map((ind, i) => {
        const name = L.indicators.indicator(i + 1);
        const entry = catalogueEntry(ind.catalogueKey);
        return (
          <fieldset key={ind.id} className="fr-fieldset entraide-spaser-item">
            <legend className="fr-fieldset__legend">{name}</legend>
            {entry && <p className="fr-text--sm fr-mb-1w">{entry.decp ? L.indicators.fromDecp : L.indicators.fromCatalogue}</p>}
            {entry?.pnad && <p className="fr-text--sm fr-mb-2w">{L.indicators.pnadBeside(pnadTargets[entry.pnad].label)}</p>}
            <TextField id={`indicateur-${i}-nom`} label={L.indicators.name} value={ind.name} onChange={(n) => setIndicator(i, { ...ind, name: n })} error={error(`${i}.name`)} />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`indicateur-${i}-categorie`} label={L.indicators.category} value={ind.category} onChange={(c) => setIndicator(i, { ...ind, category: c as Indicator['category'] })} options={indicatorCategories.map((c) => ({ value: c, label: L.categories[c]! }))} error={error(`${i}.category`)} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`indicateur-${i}-unite`} label={L.indicators.unit} value={ind.unit} onChange={(u) => setIndicator(i, { ...ind, unit: u as Indicator['unit'] })} options={unitOptions} error={error(`${i}.unit`)} />
              </div>
            </div>
            <TextField id={`indicateur-${i}-definition`} label={L.indicators.definition} textArea rows={2} optional value={ind.definition} onChange={(definition) => setIndicator(i, { ...ind, definition })} />
            <SelectField id={`indicateur-${i}-objectif`} label={L.indicators.objective} optional value={ind.objectiveId ?? ''} emptyOption={L.indicators.noObjective} options={objectives} onChange={(o) => setIndicator(i, { ...ind, objectiveId: o || null })} />
            {error(`${i}.catalogueKey`) && <Alert severity="error" small description={error(`${i}.catalogueKey`)!} className="fr-mb-2w" />}
            {buyers.map((b) => {
              const k = ind.perBuyer.findIndex((p) => p.organisationId === b.organisationId);
              const mine: Figures = k >= 0 ? ind.perBuyer[k]! : { organisationId: b.organisationId, baseline: null, targets: [], values: [] };
              const at = `${i}.perBuyer.${k >= 0 ? k : ind.perBuyer.length}`;
              const setFigures = (next: Figures) => setIndicator(i, { ...ind, perBuyer: k >= 0 ? ind.perBuyer.map((p, m) => (m === k ? next : p)) : [...ind.perBuyer, next] });
              const decp = figures.data?.buyers.find((f) => f.organisationId === b.organisationId);
              return (
                <BuyerFigures
                  key={b.organisationId}
                  prefix={`indicateur-${i}-acheteur-${b.organisationId}`}
                  buyerName={b.name}
                  figures={mine}
                  setFigures={setFigures}
                  measure={entry?.decp ?? null}
                  unit={ind.unit}
                  decp={decp}
                  evidence={evidence}
                  error={(path) => error(`${at}.${path}`)}
                />
              );
            })}
            <BuyerFiguresTable indicator={ind} buyers={buyers} />
            <ItemButtons what={name.toLowerCase()} index={i} count={value.length} onMove={(by) => set(move(value, i, by))} onRemove={() => set(value.filter((_, j) => j !== i))} />
          </fieldset>
        );
      })}
      <div className="fr-mb-3w">
        <SelectField
          id="indicateur-catalogue"
          label={L.indicators.catalogue}
          hint={selected ? selected.definition : L.indicators.catalogueHint}
          value={picked}
          emptyOption={L.indicators.catalogueEmpty}
          error={pickError ?? undefined}
          options={indicatorCatalogue.map((e) => ({ value: e.key, label: L.indicators.catalogueOption(e.name, L.units[e.unit]!, e.decp !== null) }))}
          onChange={(k) => {
            setPicked(k);
            setPickError(null);
          }}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="button" priority="secondary" disabled={prefill.isPending} onClick={() => (picked ? prefill.mutate(picked) : setPickError(L.indicators.catalogueRequired))}>
              {L.indicators.addFromCatalogue}
            </Button>
          </li>
          <li>
            <Button
              type="button"
              priority="tertiary"
              onClick={() => set([...value, { id: newId(), name: '', category: 'other', unit: 'pct_contracts', definition: '', objectiveId: null, catalogueKey: null, perBuyer: buyers.map((b) => ({ organisationId: b.organisationId, baseline: null, targets: [], values: [] })) }])}
            >
              {L.indicators.add}
            </Button>
          </li>
        </ul>
      </div>
    </>
  );
}

const emptyEntry = (year: number): Entry => ({ year, value: 0, source: '', evidence: '', evidenceFileId: null, overrideReason: null, decp: null });

/** One buyer's baseline, targets and yearly values for an indicator. */
function BuyerFigures(props: {
  prefix: string;
  buyerName: string;
  figures: Figures;
  setFigures: (f: Figures) => void;
  measure: DecpMeasure | null;
  unit: Indicator['unit'];
  decp: BuyerDecp | undefined;
  evidence: Evidence;
  error: ErrorAt;
}) {
  const { prefix, figures, setFigures, measure, error } = props;
  const thisYear = new Date().getFullYear();
  const decimal = props.unit !== 'contracts';
  // A year typed for a DECP-computable indicator takes the data's value for that year, as pre-filled.
  const atYear = (e: Entry, year: number): Entry => {
    const f = measure ? figureOf(props.decp, year, measure) : null;
    return f ? { ...e, year, value: f.value, source: 'DECP, data.gouv.fr', overrideReason: null } : { ...e, year };
  };
  const entryFields = (e: Entry, id: string, path: string, set: (e: Entry) => void) => {
    const f = measure ? figureOf(props.decp, e.year, measure) : null;
    const differs = f !== null && Number.isFinite(e.value) && Math.abs(f.value - e.value) > 0.005;
    return (
      <>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-6 fr-col-md-3">
            <NumberField id={`${id}-annee`} label={L.indicators.valueYear} value={e.year} error={error(`${path}.year`)} onChange={(year) => year !== null && set(atYear(e, year))} />
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <NumberField key={`${e.year}-${f?.value ?? ''}`} id={`${id}-valeur`} label={L.indicators.value} decimal={decimal} value={e.value} error={error(`${path}.value`)} onChange={(v) => set({ ...e, value: emptied(v) })} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField id={`${id}-source`} label={L.indicators.source} optional value={e.source} onChange={(source) => set({ ...e, source })} error={error(`${path}.source`)} />
          </div>
        </div>
        {measure && <DecpNote figure={f} year={e.year} measure={measure} />}
        {differs && (
          <>
            <p className="fr-mb-1w">
              <Badge small severity="warning">
                {L.indicators.overridden}
              </Badge>
            </p>
            <TextField id={`${id}-raison`} label={L.indicators.overrideReason} hint={L.indicators.overrideHint} value={e.overrideReason ?? ''} onChange={(r) => set({ ...e, overrideReason: r })} error={error(`${path}.overrideReason`)} />
          </>
        )}
        <TextField id={`${id}-piece`} label={L.indicators.evidence} optional value={e.evidence} onChange={(evidence) => set({ ...e, evidence })} error={error(`${path}.evidence`)} />
        <EvidenceFileField id={`${id}-fichier`} evidence={props.evidence} fileId={e.evidenceFileId} onChange={(evidenceFileId) => set({ ...e, evidenceFileId })} error={error(`${path}.evidenceFileId`)} />
      </>
    );
  };
  return (
    <fieldset className="fr-fieldset entraide-spaser-item">
      <legend className="fr-fieldset__legend">{L.indicators.buyerFigures(props.buyerName)}</legend>
      <h3 className="fr-text--md fr-mb-1w">{L.indicators.baseline}</h3>
      {figures.baseline ? (
        <>
          {entryFields(figures.baseline, `${prefix}-ref`, 'baseline', (baseline) => setFigures({ ...figures, baseline }))}
          <Button type="button" priority="tertiary" size="small" className="fr-mb-2w" onClick={() => setFigures({ ...figures, baseline: null })}>
            {L.indicators.removeBaseline}
          </Button>
        </>
      ) : (
        <Button type="button" priority="tertiary" size="small" className="fr-mb-2w" onClick={() => setFigures({ ...figures, baseline: atYear(emptyEntry(thisYear - 1), thisYear - 1) })}>
          {L.indicators.addBaseline}
        </Button>
      )}
      <h3 className="fr-text--md fr-mb-1w">{L.indicators.targets}</h3>
      {figures.targets.map((t, k) => (
        <div key={k} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-6 fr-col-md-3">
            <NumberField id={`${prefix}-cible-${k}-annee`} label={L.indicators.targetYear} value={t.year} error={error(`targets.${k}.year`)} onChange={(year) => setFigures({ ...figures, targets: figures.targets.map((x, m) => (m === k ? { ...x, year: year ?? x.year } : x)) })} />
          </div>
          <div className="fr-col-6 fr-col-md-3">
            <NumberField id={`${prefix}-cible-${k}-valeur`} label={L.indicators.targetValue} decimal={decimal} value={t.value} error={error(`targets.${k}.value`)} onChange={(v) => setFigures({ ...figures, targets: figures.targets.map((x, m) => (m === k ? { ...x, value: emptied(v) } : x)) })} />
          </div>
          <div className="fr-col-12 fr-col-md-6 fr-mb-3w">
            <Button type="button" priority="tertiary" size="small" onClick={() => setFigures({ ...figures, targets: figures.targets.filter((_, m) => m !== k) })}>
              {L.indicators.removeTarget(k + 1)}
            </Button>
          </div>
        </div>
      ))}
      <Button type="button" priority="secondary" size="small" className="fr-mb-2w" onClick={() => setFigures({ ...figures, targets: [...figures.targets, { year: (figures.targets.at(-1)?.year ?? thisYear) + 1, value: 0 }] })}>
        {L.indicators.addTarget}
      </Button>
      <h3 className="fr-text--md fr-mb-1w">{L.indicators.values}</h3>
      {figures.values.map((v, k) => (
        <div key={k} className="entraide-spaser-item fr-mb-2w">
          {entryFields(v, `${prefix}-valeur-${k}`, `values.${k}`, (next) => setFigures({ ...figures, values: figures.values.map((x, m) => (m === k ? next : x)) }))}
          <Button type="button" priority="tertiary" size="small" onClick={() => setFigures({ ...figures, values: figures.values.filter((_, m) => m !== k) })}>
            {L.indicators.removeValue(k + 1)}
          </Button>
        </div>
      ))}
      <Button type="button" priority="secondary" size="small" onClick={() => setFigures({ ...figures, values: [...figures.values, atYear(emptyEntry(thisYear), thisYear)] })}>
        {L.indicators.addValue}
      </Button>
    </fieldset>
  );
}

/** The schéma's evidence files and how to add one (IndicatorsEditor keeps those uploaded since loading). */
type Evidence = { spaserId: string; files: EvidenceFile[]; added: (f: EvidenceFile) => void };

/**
 * The evidence file of a figure: a link to the one it cites and a button to stop citing it, or a file
 * input that uploads at once (the figure then cites it; the section saves as any other change).
 */
function EvidenceFileField(props: { id: string; evidence: Evidence; fileId: string | null; onChange: (id: string | null) => void; error: string | undefined }) {
  const { id, evidence, fileId, onChange } = props;
  const [uploadError, setUploadError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (form: FormData) => api.post(`/api/spasers/${evidence.spaserId}/evidence`, form, evidenceFile),
    onSuccess: (f) => {
      evidence.added(f);
      setUploadError(null);
      onChange(f.id);
    },
    onError: (e) => setUploadError(isApiError(e) ? (e.fields.file ?? e.message) : (e as Error).message),
  });
  if (fileId) {
    const file = evidence.files.find((f) => f.id === fileId);
    return (
      <div className="fr-mb-2w">
        <p className="fr-text--sm fr-mb-1w">
          {L.indicators.evidenceFile}{' '}
          {file ? (
            <a className="fr-link fr-link--sm" href={file.downloadUrl} download>
              {file.fileName} ({file.kind.toUpperCase()}, {formatSize(file.size)})
            </a>
          ) : (
            L.indicators.evidenceFileUnknown
          )}
        </p>
        {props.error && <p className="fr-error-text fr-mt-0 fr-mb-1w">{props.error}</p>}
        <Button type="button" priority="tertiary" size="small" onClick={() => onChange(null)}>
          {L.indicators.evidenceFileRemove}
        </Button>
      </div>
    );
  }
  const message = uploadError ?? props.error ?? null;
  return (
    <Upload
      className="fr-mb-2w"
      label={L.indicators.evidenceFileAdd}
      hint={send.isPending ? L.indicators.evidenceFileSending : L.indicators.evidenceFileHint}
      state={message ? 'error' : 'default'}
      stateRelatedMessage={message}
      nativeInputProps={{
        id,
        accept: '.pdf,.docx,.xlsx,.odt',
        'aria-invalid': message ? true : undefined,
        onChange: (ev) => {
          const file = ev.currentTarget.files?.[0];
          if (!file) return;
          const form = new FormData();
          form.append('file', file);
          send.mutate(form);
          ev.currentTarget.value = '';
        },
      }}
    />
  );
}

/** Where a DECP figure comes from: numerator, denominator, share, files and import date. */
function DecpNote({ figure, year, measure }: { figure: ReturnType<typeof figureOf>; year: number; measure: DecpMeasure }) {
  if (!figure) return <p className="fr-text--sm fr-mb-1w">{L.indicators.decpNone(year)}</p>;
  const share = formatNumber(figure.value);
  const text = measure.endsWith('_value')
    ? L.indicators.decpValue(formatEuros(figure.numerator), formatEuros(figure.denominator), share)
    : L.indicators.decpNumber(formatNumber(figure.numerator), formatNumber(figure.denominator), share);
  return (
    <p className="fr-text--sm fr-mb-1w entraide-spaser-decp">
      {text} — {L.indicators.decpFrom(figure.sourceFiles.join(', '), figure.importedAt ? formatDate(figure.importedAt) : null)}
    </p>
  );
}

/**
 * Every buyer's figures for one indicator, side by side and never added up (a joint schéma keeps them per
 * buyer, L2111-3): reference, targets and the values followed year after year.
 */
function BuyerFiguresTable({ indicator, buyers }: { indicator: Indicator; buyers: SpaserDetail['buyers'] }) {
  const rows = buyers.map((b) => ({ b, f: indicator.perBuyer.find((p) => p.organisationId === b.organisationId) }));
  if (!rows.some((r) => r.f && (r.f.baseline || r.f.targets.length || r.f.values.length))) return null;
  const yv = (x: { year: number; value: number }) => L.indicators.yearValue(x.year, formatNumber(x.value));
  return (
    // Zero width, stretched to the row: a fieldset sizes to its content's minimum, so a wide table would
    // widen the page at 375 px instead of scrolling inside its wrapper.
    <ScrollTable className="fr-table--no-caption-top fr-mb-2w" style={{ width: 0, minWidth: '100%' }} label={L.indicators.perBuyerTable(indicator.name || L.indicators.name)}>
      <caption>{L.indicators.perBuyerTable(indicator.name || L.indicators.name)}</caption>
      <thead>
        <tr>
          <th scope="col">{L.indicators.buyer}</th>
          <th scope="col">{L.indicators.baselineValue}</th>
          <th scope="col">{L.indicators.targets}</th>
          <th scope="col">{L.indicators.values}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ b, f }) => (
          <tr key={b.organisationId}>
            <th scope="row">{b.name}</th>
            <td>{f?.baseline ? yv(f.baseline) : L.indicators.none}</td>
            <td>{f?.targets.length ? f.targets.map(yv).join(' ; ') : L.indicators.none}</td>
            <td>{f?.values.length ? f.values.map((v) => yv(v) + (v.source ? ` (${v.source})` : '')).join(' ; ') : L.indicators.none}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
