import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { adoptBody, sectionSaved, spaserDetail, type SpaserDetail, type SpaserSectionKey } from '../../server/spaser/spaser.contract';
import { indicatorCategories, indicatorUnits, objectiveTags, type SpaserContent } from '../../server/spaser/spaser.content';
import { okResponse } from '../../server/accounts/accounts.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { formatDate, formatNumber } from '../platform/format';
import { useSession } from '../platform/session';
import { spaserKey, useSpaser } from './api';
import { spaserLabels as L } from './labels';

type Content = SpaserContent;
const crumbs = [{ label: L.list.title, to: paths.spasers() }];
let nextId = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;

/** The SPASER builder: every section saved on its own, the legal check beside them, adoption. */
export function SpaserPage() {
  const { id = '' } = useParams();
  const q = useSpaser(id);
  if (q.isPending) return <PageLoading title={L.list.title} breadcrumb={crumbs} />;
  if (!q.data)
    return (
      <Page title={L.list.title} breadcrumb={crumbs}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? ''} />
      </Page>
    );
  return <Builder spaser={q.data} />;
}

function Builder({ spaser }: { spaser: SpaserDetail }) {
  const accepted = spaser.buyers.filter((b) => b.status === 'accepted');
  const section = <K extends SpaserSectionKey>(key: K) => spaser.sections[key] as { body: Content[K & keyof Content]; version: number };
  return (
    <Page title={spaser.title} breadcrumb={crumbs} lead={L.builder.lead(accepted.map((b) => b.name).join(', '))}>
      <p>
        <Badge small noIcon severity={spaser.status === 'adopted' || spaser.status === 'published' ? 'success' : 'info'}>
          {L.statuses[spaser.status]}
        </Badge>{' '}
        {L.list.period(spaser.periodStart, spaser.periodEnd)}
      </p>
      {!spaser.canEdit && <Alert severity="info" small className="fr-mb-4w" description={L.builder.readOnly} />}
      <div className="fr-grid-row fr-grid-row--gutters entraide-spaser">
        <div className="fr-col-12 fr-col-lg-8">
          <SectionForm spaser={spaser} sectionKey="preamble" initial={section('preamble')}>
            {(value, set) => <TextField id="spaser-preamble" label={L.builder.preambleField} hint={L.builder.preambleHint} textArea rows={6} value={value} onChange={set} optional />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="axes" initial={section('axes')}>
            {(value, set, error) => <AxesEditor value={value} set={set} error={error} />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="indicators" initial={section('indicators')}>
            {(value, set, error) => <IndicatorsEditor value={value} set={set} error={error} buyers={accepted} />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="governance" initial={section('governance')}>
            {(value, set) => (
              <>
                <TextField id="spaser-gov-steering" label={L.governance.steeringCommittee} textArea rows={3} optional value={value.steeringCommittee} onChange={(steeringCommittee) => set({ ...value, steeringCommittee })} />
                <NumberField id="spaser-gov-cadence" label={L.governance.reviewCadenceMonths} hint={L.governance.reviewHint} value={value.reviewCadenceMonths} onChange={(reviewCadenceMonths) => set({ ...value, reviewCadenceMonths })} />
                <TextField id="spaser-gov-monitoring" label={L.governance.monitoring} textArea rows={4} optional value={value.monitoring} onChange={(monitoring) => set({ ...value, monitoring })} />
                <TextField id="spaser-gov-reporting" label={L.governance.reportingLine} textArea rows={3} optional value={value.reportingLine} onChange={(reportingLine) => set({ ...value, reportingLine })} />
              </>
            )}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="stakeholders" initial={section('stakeholders')}>
            {(value, set) => (
              <>
                {value.map((s, i) => (
                  <fieldset key={i} className="fr-fieldset entraide-spaser-item">
                    <legend className="fr-fieldset__legend">{L.stakeholders.item(i + 1)}</legend>
                    <TextField id={`spaser-sh-${i}-who`} label={L.stakeholders.who} value={s.who} onChange={(who) => set(value.map((x, j) => (j === i ? { ...x, who } : x)))} />
                    <TextField id={`spaser-sh-${i}-how`} label={L.stakeholders.how} optional value={s.how} onChange={(how) => set(value.map((x, j) => (j === i ? { ...x, how } : x)))} />
                    <Button type="button" priority="tertiary" size="small" onClick={() => set(value.filter((_, j) => j !== i))}>
                      {L.axes.remove(L.stakeholders.item(i + 1).toLowerCase())}
                    </Button>
                  </fieldset>
                ))}
                <Button type="button" priority="secondary" size="small" onClick={() => set([...value, { who: '', how: '' }])}>
                  {L.stakeholders.add}
                </Button>
              </>
            )}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="publication" initial={section('publication')}>
            {(value, set, error) => (
              <>
                <TextField id="spaser-pub-url" label={L.publication.url} type="url" optional value={value.url ?? ''} onChange={(url) => set({ ...value, url: url.trim() === '' ? null : url })} error={error('url')} />
                <NumberField id="spaser-pub-every" label={L.publication.indicatorsEveryMonths} hint={L.publication.indicatorsHint} value={value.indicatorsEveryMonths} onChange={(indicatorsEveryMonths) => set({ ...value, indicatorsEveryMonths })} />
              </>
            )}
          </SectionForm>
          {spaser.canEdit && spaser.status !== 'adopted' && spaser.status !== 'published' && <AdoptForm spaser={spaser} />}
          {spaser.adoptedOn && <Alert severity="success" small className="fr-mb-4w" description={L.adopt.done(formatDate(spaser.adoptedOn), spaser.adoptionReference ?? '')} />}
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <LegalCheck spaser={spaser} />
        </div>
      </div>
    </Page>
  );
}

/** A number typed in a text box (keeps what is typed; null when empty). */
function NumberField(props: { id: string; label: string; hint?: string; value: number | null; onChange: (v: number | null) => void; error?: string }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  return (
    <TextField
      id={props.id}
      label={props.label}
      hint={props.hint}
      optional
      inputMode="numeric"
      value={text}
      error={props.error}
      onChange={(t) => {
        setText(t);
        const n = Number(t.replace(',', '.').replace(/\s/g, ''));
        props.onChange(t.trim() === '' || !Number.isFinite(n) ? null : n);
      }}
    />
  );
}

type ErrorAt = (path: string) => string | undefined;

/**
 * One section: its form, kept as a draft in this browser until saved (a reload loses nothing), saved
 * with the version it started from; when another editor saved meanwhile, their version is shown beside
 * the person's own, which stays in the form.
 */
function SectionForm<K extends SpaserSectionKey & keyof Content>(props: {
  spaser: SpaserDetail;
  sectionKey: K;
  initial: { body: Content[K]; version: number };
  children: (value: Content[K], set: (v: Content[K]) => void, error: ErrorAt) => ReactNode;
}) {
  const { spaser, sectionKey, initial } = props;
  const { user } = useSession();
  const qc = useQueryClient();
  const [base, setBase] = useState(initial.version);
  const draft = useDraft<Content[K]>(user ? `spaser.${spaser.id}.${sectionKey}.${user.id}` : null, initial.body);
  const errors = useFormErrors();
  const [saved, setSaved] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ body: unknown; version: number } | null>(null);
  const title = L.builder.sections[sectionKey]!;
  const save = useMutation({
    mutationFn: (version: number) => api.put(`/api/spasers/${spaser.id}/sections/${sectionKey}`, { version, body: draft.value }, sectionSaved),
    onSuccess: (r) => {
      setBase(r.version);
      setConflict(null);
      draft.clearDraft();
      errors.clear();
      setSaved(new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' }).format(new Date(r.updatedAt)));
      void qc.invalidateQueries({ queryKey: spaserKey(spaser.id) });
    },
    onError: async (e) => {
      setSaved(null);
      if (isApiError(e) && e.code === 'SPASER_SECTION_CONFLICT') {
        const fresh = await qc.fetchQuery({ queryKey: spaserKey(spaser.id), queryFn: () => api.get(`/api/spasers/${spaser.id}`, spaserDetail) });
        setConflict(fresh.sections[sectionKey] ?? null);
      }
      errors.fail(e);
    },
  });
  const error: ErrorAt = (path) => errors.feedback.fields[path];
  return (
    <section id={`partie-${sectionKey}`} aria-labelledby={`partie-${sectionKey}-titre`} className="fr-mb-6w entraide-focus-target" tabIndex={-1}>
      <h2 id={`partie-${sectionKey}-titre`}>{title}</h2>
      <ErrorSummary feedback={errors.feedback} fields={{}} as="h3" />
      {conflict && (
        <div className="fr-callout fr-mb-3w">
          <h3 className="fr-callout__title">{L.builder.conflictTitle}</h3>
          <p className="fr-callout__text">{L.builder.conflictTheirs} :</p>
          <pre className="entraide-spaser-theirs">{typeof conflict.body === 'string' ? conflict.body : JSON.stringify(conflict.body, null, 2)}</pre>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="button" onClick={() => save.mutate(conflict.version)}>
                {L.builder.keepMine}
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={() => {
                  draft.setValue(conflict.body as Content[K]);
                  setBase(conflict.version);
                  setConflict(null);
                  errors.clear();
                }}
              >
                {L.builder.takeTheirs}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(base);
        }}
      >
        <fieldset className="fr-fieldset" disabled={!spaser.canEdit} aria-label={title}>
          <div className="fr-fieldset__content" style={{ width: '100%' }}>
            {props.children(draft.value, draft.setValue, error)}
          </div>
        </fieldset>
        {spaser.canEdit && (
          <div className="fr-mt-2w">
            <Button type="submit" disabled={save.isPending}>
              {L.builder.saveSection}
            </Button>
            {draft.restored && !saved && <p className="fr-hint-text fr-mt-1w">{L.builder.draftKept}</p>}
          </div>
        )}
        <p role="status" className="fr-mt-1w fr-text--sm">
          {saved ? L.builder.saved(saved) : ''}
        </p>
      </form>
    </section>
  );
}

/** Moves item `i` of a list by `by` (keyboard and mouse: « Monter » / « Descendre » buttons). */
const move = <T,>(list: T[], i: number, by: -1 | 1): T[] => {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
};

function ItemButtons(props: { what: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mt-1w">
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-up-line" disabled={props.index === 0} onClick={() => props.onMove(-1)}>
          {L.axes.up(props.what)}
        </Button>
      </li>
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-arrow-down-line" disabled={props.index === props.count - 1} onClick={() => props.onMove(1)}>
          {L.axes.down(props.what)}
        </Button>
      </li>
      <li>
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={props.onRemove}>
          {L.axes.remove(props.what)}
        </Button>
      </li>
    </ul>
  );
}

function Tags(props: { id: string; legend: string; value: string[]; onChange: (v: Content['axes'][number]['objectives'][number]['tags']) => void }) {
  return (
    <Checkbox
      legend={props.legend}
      small
      orientation="horizontal"
      options={objectiveTags.map((t) => ({
        label: L.tags[t]!,
        // No id of ours: the DSFR component ties each label to the id it generates.
        nativeInputProps: {
          name: `${props.id}-${t}`,
          checked: props.value.includes(t),
          onChange: (e) => props.onChange((e.target.checked ? [...props.value, t] : props.value.filter((x) => x !== t)) as typeof objectiveTags[number][]),
        },
      }))}
    />
  );
}

function AxesEditor({ value, set, error }: { value: Content['axes']; set: (v: Content['axes']) => void; error: ErrorAt }) {
  const setAxis = (i: number, axis: Content['axes'][number]) => set(value.map((a, j) => (j === i ? axis : a)));
  return (
    <>
      {value.map((axis, i) => {
        const axisName = L.axes.axis(i + 1);
        return (
          <fieldset key={axis.id} className="fr-fieldset entraide-spaser-item">
            <legend className="fr-fieldset__legend">{axisName}</legend>
            <TextField id={`axe-${i}-titre`} label={L.axes.axisTitle} value={axis.title} onChange={(title) => setAxis(i, { ...axis, title })} error={error(`${i}.title`)} />
            {axis.objectives.map((o, k) => {
              const setObjective = (next: typeof o) => setAxis(i, { ...axis, objectives: axis.objectives.map((x, m) => (m === k ? next : x)) });
              const objectiveName = `${L.axes.objective(k + 1).toLowerCase()} de l’axe ${i + 1}`;
              return (
                <fieldset key={o.id} className="fr-fieldset entraide-spaser-item">
                  <legend className="fr-fieldset__legend">{`${axisName} — ${L.axes.objective(k + 1)}`}</legend>
                  <TextField id={`axe-${i}-objectif-${k}-titre`} label={L.axes.objectiveTitle} value={o.title} onChange={(title) => setObjective({ ...o, title })} error={error(`${i}.objectives.${k}.title`)} />
                  <Tags id={`axe-${i}-objectif-${k}-categories`} legend={L.axes.tags} value={o.tags} onChange={(tags) => setObjective({ ...o, tags })} />
                  {o.actions.map((a, n) => {
                    const setAction = (next: typeof a) => setObjective({ ...o, actions: o.actions.map((x, m) => (m === n ? next : x)) });
                    const prefix = `axe-${i}-objectif-${k}-action-${n}`;
                    return (
                      <fieldset key={a.id} className="fr-fieldset entraide-spaser-item">
                        <legend className="fr-fieldset__legend">{`${L.axes.objective(k + 1)} — ${L.axes.action(n + 1)}`}</legend>
                        <TextField id={`${prefix}-titre`} label={L.axes.actionTitle} value={a.title} onChange={(title) => setAction({ ...a, title })} error={error(`${i}.objectives.${k}.actions.${n}.title`)} />
                        <div className="fr-grid-row fr-grid-row--gutters">
                          <div className="fr-col-12 fr-col-md-6">
                            <TextField id={`${prefix}-pilote`} label={L.axes.owner} optional value={a.owner} onChange={(owner) => setAction({ ...a, owner })} />
                          </div>
                          <div className="fr-col-12 fr-col-md-6">
                            <TextField id={`${prefix}-echeance`} label={L.axes.deadline} type="date" optional value={a.deadline ?? ''} onChange={(d) => setAction({ ...a, deadline: d || null })} error={error(`${i}.objectives.${k}.actions.${n}.deadline`)} />
                          </div>
                        </div>
                        <Tags id={`${prefix}-categories`} legend={L.axes.actionTags} value={a.tags} onChange={(tags) => setAction({ ...a, tags })} />
                        <ItemButtons what={`${L.axes.action(n + 1).toLowerCase()}`} index={n} count={o.actions.length} onMove={(by) => setObjective({ ...o, actions: move(o.actions, n, by) })} onRemove={() => setObjective({ ...o, actions: o.actions.filter((_, m) => m !== n) })} />
                      </fieldset>
                    );
                  })}
                  <Button type="button" priority="secondary" size="small" className="fr-mt-1w" onClick={() => setObjective({ ...o, actions: [...o.actions, { id: newId('action'), title: '', owner: '', deadline: null, status: 'planned', families: [], tags: [] }] })}>
                    {L.axes.addAction}
                  </Button>
                  <ItemButtons what={objectiveName} index={k} count={axis.objectives.length} onMove={(by) => setAxis(i, { ...axis, objectives: move(axis.objectives, k, by) })} onRemove={() => setAxis(i, { ...axis, objectives: axis.objectives.filter((_, m) => m !== k) })} />
                </fieldset>
              );
            })}
            <Button type="button" priority="secondary" size="small" className="fr-mt-1w" onClick={() => setAxis(i, { ...axis, objectives: [...axis.objectives, { id: newId('objectif'), title: '', tags: [], actions: [] }] })}>
              {L.axes.addObjective}
            </Button>
            <ItemButtons what={axisName.toLowerCase()} index={i} count={value.length} onMove={(by) => set(move(value, i, by))} onRemove={() => set(value.filter((_, j) => j !== i))} />
          </fieldset>
        );
      })}
      <Button type="button" priority="secondary" onClick={() => set([...value, { id: newId('axe'), title: '', objectives: [] }])}>
        {L.axes.addAxis}
      </Button>
    </>
  );
}

/**
 * Every buyer's figures for one indicator, side by side and never added up (a joint schéma keeps them per
 * buyer, L2111-3): reference, targets and the values followed year after year.
 */
function BuyerFiguresTable({ indicator, buyers }: { indicator: Content['indicators'][number]; buyers: SpaserDetail['buyers'] }) {
  const rows = buyers.map((b) => ({ b, f: indicator.perBuyer.find((p) => p.organisationId === b.organisationId) }));
  if (!rows.some((r) => r.f && (r.f.baseline || r.f.targets.length || r.f.values.length))) return null;
  const yv = (x: { year: number; value: number }) => L.indicators.yearValue(x.year, formatNumber(x.value));
  return (
    // Zero width, stretched to the row: a fieldset sizes to its content's minimum, so a wide table would
    // widen the page at 375 px instead of scrolling inside its wrapper.
    <div className="fr-table fr-table--no-caption-top fr-mb-2w" style={{ width: 0, minWidth: '100%' }}>
      <div className="fr-table__wrapper">
        {/* Scrolls sideways on a narrow screen: reachable by keyboard, named for screen readers. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={L.indicators.perBuyerTable(indicator.name || L.indicators.name)}>
          <div className="fr-table__content">
            <table>
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
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function IndicatorsEditor({ value, set, error, buyers }: { value: Content['indicators']; set: (v: Content['indicators']) => void; error: ErrorAt; buyers: SpaserDetail['buyers'] }) {
  const setIndicator = (i: number, next: Content['indicators'][number]) => set(value.map((x, j) => (j === i ? next : x)));
  return (
    <>
      <p className="fr-text--sm">{L.indicators.pnad}</p>
      {value.map((ind, i) => {
        const name = L.indicators.indicator(i + 1);
        return (
          <fieldset key={ind.id} className="fr-fieldset entraide-spaser-item">
            <legend className="fr-fieldset__legend">{name}</legend>
            <TextField id={`indicateur-${i}-nom`} label={L.indicators.name} value={ind.name} onChange={(n) => setIndicator(i, { ...ind, name: n })} error={error(`${i}.name`)} />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`indicateur-${i}-categorie`} label={L.indicators.category} value={ind.category} onChange={(c) => setIndicator(i, { ...ind, category: c as typeof ind.category })} options={indicatorCategories.map((c) => ({ value: c, label: L.categories[c]! }))} error={error(`${i}.category`)} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <SelectField id={`indicateur-${i}-unite`} label={L.indicators.unit} value={ind.unit} onChange={(u) => setIndicator(i, { ...ind, unit: u as typeof ind.unit })} options={indicatorUnits.map((u) => ({ value: u, label: L.units[u]! }))} error={error(`${i}.unit`)} />
              </div>
            </div>
            <TextField id={`indicateur-${i}-definition`} label={L.indicators.definition} textArea rows={2} optional value={ind.definition} onChange={(definition) => setIndicator(i, { ...ind, definition })} />
            {buyers.map((b) => {
              const k = ind.perBuyer.findIndex((p) => p.organisationId === b.organisationId);
              const figures = k >= 0 ? ind.perBuyer[k]! : { organisationId: b.organisationId, baseline: null, targets: [], values: [] };
              const at = k >= 0 ? k : ind.perBuyer.length;
              const setFigures = (next: typeof figures) => setIndicator(i, { ...ind, perBuyer: k >= 0 ? ind.perBuyer.map((p, m) => (m === k ? next : p)) : [...ind.perBuyer, next] });
              const target = figures.targets[0] ?? null;
              const prefix = `indicateur-${i}-acheteur-${b.organisationId}`;
              return (
                <fieldset key={b.organisationId} className="fr-fieldset entraide-spaser-item">
                  <legend className="fr-fieldset__legend">{L.indicators.buyerFigures(b.name)}</legend>
                  <div className="fr-grid-row fr-grid-row--gutters">
                    <div className="fr-col-6 fr-col-md-3">
                      <NumberField id={`${prefix}-ref-annee`} label={L.indicators.baselineYear} value={figures.baseline?.year ?? null} error={error(`${i}.perBuyer.${at}.baseline.year`)} onChange={(year) => setFigures({ ...figures, baseline: year === null ? null : { year, value: figures.baseline?.value ?? 0 } })} />
                    </div>
                    <div className="fr-col-6 fr-col-md-3">
                      <NumberField id={`${prefix}-ref-valeur`} label={L.indicators.baselineValue} value={figures.baseline?.value ?? null} error={error(`${i}.perBuyer.${at}.baseline.value`)} onChange={(v) => setFigures({ ...figures, baseline: v === null ? null : { year: figures.baseline?.year ?? new Date().getFullYear(), value: v } })} />
                    </div>
                    <div className="fr-col-6 fr-col-md-3">
                      <NumberField id={`${prefix}-cible-annee`} label={L.indicators.targetYear} value={target?.year ?? null} error={error(`${i}.perBuyer.${at}.targets.0.year`)} onChange={(year) => setFigures({ ...figures, targets: year === null ? figures.targets.slice(1) : [{ year, value: target?.value ?? 0 }, ...figures.targets.slice(1)] })} />
                    </div>
                    <div className="fr-col-6 fr-col-md-3">
                      <NumberField id={`${prefix}-cible-valeur`} label={L.indicators.targetValue} value={target?.value ?? null} error={error(`${i}.perBuyer.${at}.targets.0.value`)} onChange={(v) => setFigures({ ...figures, targets: v === null ? figures.targets.slice(1) : [{ year: target?.year ?? new Date().getFullYear(), value: v }, ...figures.targets.slice(1)] })} />
                    </div>
                  </div>
                </fieldset>
              );
            })}
            <BuyerFiguresTable indicator={ind} buyers={buyers} />
            <ItemButtons what={name.toLowerCase()} index={i} count={value.length} onMove={(by) => set(move(value, i, by))} onRemove={() => set(value.filter((_, j) => j !== i))} />
          </fieldset>
        );
      })}
      <Button type="button" priority="secondary" onClick={() => set([...value, { id: newId('indicateur'), name: '', category: 'other', unit: 'pct_contracts', definition: '', objectiveId: null, perBuyer: buyers.map((b) => ({ organisationId: b.organisationId, baseline: null, targets: [], values: [] })) }])}>
        {L.indicators.add}
      </Button>
    </>
  );
}

function LegalCheck({ spaser }: { spaser: SpaserDetail }) {
  const c = spaser.check;
  const statusLabel = { met: L.check.met, missing: L.check.missing, not_applicable: L.check.notApplicable } as const;
  const severity = { met: 'success', missing: 'warning', not_applicable: 'info' } as const;
  return (
    <section aria-labelledby="verification-titre" className="fr-p-3w entraide-spaser-check">
      <h2 id="verification-titre" className="fr-h4">
        {L.check.title}
      </h2>
      <p className="fr-text--lead fr-mb-1w">{L.check.score(c.met, c.applicable)}</p>
      <p className="fr-text--sm">
        {L.check.at(formatDate(c.at))} {L.check.never}
      </p>
      <ul className="fr-raw-list">
        {c.items.map((item) => (
          <li key={item.id} className="fr-mb-2w">
            <h3 className="fr-text--md fr-mb-1v">{item.title}</h3>
            <Badge small severity={severity[item.status]}>
              {statusLabel[item.status]}
            </Badge>
            <p className="fr-text--sm fr-mb-1v">{item.basis}</p>
            {item.detail && <p className="fr-text--sm fr-mb-1v">{item.detail}</p>}
            {item.unverified && (
              <p className="fr-text--xs fr-mb-1v">
                {L.check.unverified} : {item.unverified}
              </p>
            )}
            {item.status === 'missing' && spaser.canEdit && (
              <a className="fr-link fr-text--sm" href={`#partie-${item.section}`}>
                {L.check.fill} : {L.builder.sections[item.section]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AdoptForm({ spaser }: { spaser: SpaserDetail }) {
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({ adoptedOn: '', reference: '' });
  const adopt = useMutation({
    mutationFn: (body: typeof form) => api.post(`/api/spasers/${spaser.id}/adoption`, body, okResponse),
    onSuccess: () => void qc.invalidateQueries({ queryKey: spaserKey(spaser.id) }),
    onError: errors.fail,
  });
  return (
    <section aria-labelledby="adoption-titre" className="fr-mb-6w">
      <h2 id="adoption-titre">{L.adopt.title}</h2>
      <ErrorSummary feedback={errors.feedback} fields={{ adoptedOn: { label: L.adopt.adoptedOn, id: 'adoption-date' }, reference: { label: L.adopt.reference, id: 'adoption-reference' } }} as="h3" />
      {adopt.isSuccess && <FocusedAlert severity="success" title={L.adopt.title} as="h3" />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(adoptBody, form);
          if (body) adopt.mutate(body);
        }}
      >
        <TextField id="adoption-date" label={L.adopt.adoptedOn} type="date" value={form.adoptedOn} onChange={(adoptedOn) => setForm({ ...form, adoptedOn })} error={errors.error('adoptedOn')} />
        <TextField id="adoption-reference" label={L.adopt.reference} value={form.reference} onChange={(reference) => setForm({ ...form, reference })} error={errors.error('reference')} maxLength={200} />
        <Button type="submit" disabled={adopt.isPending}>
          {L.adopt.submit}
        </Button>
      </form>
    </section>
  );
}
