import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { adoptBody, sectionSaved, spaserDetail, type SpaserDetail, type SpaserSectionKey } from '../../server/spaser/spaser.contract';
import { objectiveTags, type SpaserContent } from '../../server/spaser/spaser.content';
import { okResponse } from '../../server/accounts/accounts.contract';
import type { OrganisationSummary } from '../../server/organisations/organisations.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { formatDate, formatNumber } from '../platform/format';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { useOrganisationSearch } from '../organisations/api';
import { spasersKey, spaserKey, useSpaser } from './api';
import { DiagnosticEditor } from './DiagnosticEditor';
import { PublicationPanel } from './PublicationPanel';
import { Reviewers, SectionReview, useReview } from './ReviewPanel';
import { IndicatorsEditor } from './IndicatorsEditor';
import { ItemButtons, move, NumberField, type ErrorAt } from './parts';
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
  const review = useReview(spaser.id);
  return (
    <Page title={spaser.title} breadcrumb={crumbs} lead={L.builder.lead(accepted.map((b) => b.name).join(', '))}>
      <p>
        <Badge small noIcon severity={spaser.status === 'adopted' || spaser.status === 'published' ? 'success' : 'info'}>
          {L.statuses[spaser.status]}
        </Badge>{' '}
        {L.list.period(spaser.periodStart, spaser.periodEnd)}
      </p>
      <InvitationBanner spaser={spaser} />
      {review.data?.reviewing && !spaser.canEdit ? (
        <Alert severity="info" small className="fr-mb-4w" description={L.review.reviewerNote} />
      ) : (
        !spaser.canEdit && spaser.invitedAs.length === 0 && <Alert severity="info" small className="fr-mb-4w" description={L.builder.readOnly} />
      )}
      <div className="fr-grid-row fr-grid-row--gutters entraide-spaser">
        <div className="fr-col-12 fr-col-lg-8">
          <SectionForm spaser={spaser} sectionKey="preamble" initial={section('preamble')}>
            {(value, set) => <TextField id="spaser-preamble" label={L.builder.preambleField} hint={L.builder.preambleHint} textArea rows={6} value={value} onChange={set} optional />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="diagnostic" initial={section('diagnostic')}>
            {(value, set, error) => <DiagnosticEditor spaser={spaser} value={value} set={set} error={error} />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="axes" initial={section('axes')}>
            {(value, set, error) => <AxesEditor value={value} set={set} error={error} />}
          </SectionForm>
          <SectionForm spaser={spaser} sectionKey="indicators" initial={section('indicators')}>
            {(value, set, error) => <IndicatorsEditor value={value} set={set} error={error} buyers={accepted} spaser={spaser} />}
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
          <Team spaser={spaser} />
          {review.data && <Reviewers spaser={spaser} review={review.data} />}
          {spaser.canEdit && spaser.status !== 'adopted' && spaser.status !== 'published' && <AdoptForm spaser={spaser} />}
          {spaser.adoptedOn && <Alert severity="success" small className="fr-mb-4w" description={L.adopt.done(formatDate(spaser.adoptedOn), spaser.adoptionReference ?? '')} />}
          {spaser.canEdit && <PublicationPanel spaser={spaser} />}
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <LegalCheck spaser={spaser} />
        </div>
      </div>
    </Page>
  );
}

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
          <div className="entraide-spaser-theirs">
            <Outline value={conflict.body} />
          </div>
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
      <SectionReview spaserId={spaser.id} section={sectionKey} />
    </section>
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

/** A verified member of an invited buyer accepts here, for that buyer (and becomes an editor). */
function InvitationBanner({ spaser }: { spaser: SpaserDetail }) {
  const qc = useQueryClient();
  const errors = useFormErrors();
  const accept = useMutation({
    mutationFn: (organisationId: string) => api.post(`/api/spasers/${spaser.id}/buyers/${organisationId}/accept`, {}, okResponse),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: spaserKey(spaser.id) });
      void qc.invalidateQueries({ queryKey: spasersKey });
    },
    onError: errors.fail,
  });
  const navigate = useNavigate();
  const decline = useMutation({
    mutationFn: (o: { organisationId: string; name: string }) => api.post(`/api/spasers/${spaser.id}/buyers/${o.organisationId}/decline`, {}, okResponse),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: spasersKey });
      // The schéma is no longer this person's to read: back to « Mes SPASER ».
      void navigate(paths.spasers());
    },
    onError: errors.fail,
  });
  if (accept.isSuccess) return <FocusedAlert severity="success" title={L.invitations.accepted} as="h2" />;
  if (!spaser.invitedAs.length) return null;
  return (
    <section aria-labelledby="invitation-titre" className="fr-callout fr-mb-4w">
      <h2 id="invitation-titre" className="fr-callout__title">
        {L.invitations.title}
      </h2>
      <ErrorSummary feedback={errors.feedback} fields={{}} as="h3" />
      {spaser.invitedAs.map((o) => (
        <div key={o.organisationId} className="fr-mb-2w">
          <p className="fr-callout__text">{L.invitations.text(spaser.title, o.name)}</p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="button" disabled={accept.isPending} onClick={() => accept.mutate(o.organisationId)}>
                {L.invitations.accept(o.name)}
              </Button>
            </li>
            <li>
              <Button type="button" priority="tertiary" disabled={decline.isPending} onClick={() => decline.mutate(o)}>
                {L.invitations.decline(o.name)}
              </Button>
            </li>
          </ul>
        </div>
      ))}
    </section>
  );
}


/**
 * The schéma's buyers and editors. Editors invite another buyer (the organisation search of the
 * registry), add a verified member of an accepted buyer as editor, or remove one; readers only read.
 */
function Team({ spaser }: { spaser: SpaserDetail }) {
  const T = L.team;
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const [candidate, setCandidate] = useState('');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const results = useOrganisationSearch(searched === null ? null : { q: searched, page: 1 });
  const refresh = (message: string) => {
    errors.clear();
    setDone(message);
    void qc.invalidateQueries({ queryKey: spaserKey(spaser.id) });
  };
  const onError = (e: unknown) => {
    setDone(null);
    errors.fail(e);
  };
  const invite = useMutation({
    mutationFn: (o: { id: string; name: string }) => api.post(`/api/spasers/${spaser.id}/buyers`, { organisationId: o.id }, okResponse),
    onSuccess: (_r, o) => refresh(T.invitedDone(o.name)),
    onError,
  });
  const add = useMutation({
    mutationFn: (c: { userId: string; name: string }) => api.post(`/api/spasers/${spaser.id}/editors`, { userId: c.userId }, okResponse),
    onSuccess: (_r, c) => {
      setCandidate('');
      refresh(T.added(c.name));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (e: { userId: string; name: string }) => api.delete(`/api/spasers/${spaser.id}/editors/${e.userId}`, okResponse),
    onSuccess: (_r, e) => refresh(T.removed(e.name)),
    onError,
  });
  const found: OrganisationSummary[] = results.data?.items ?? [];
  return (
    <section id="equipe" aria-labelledby="equipe-titre" className="fr-mb-6w">
      <h2 id="equipe-titre">{T.title}</h2>
      <p className="fr-text--sm">{T.readersNote}</p>
      <ErrorSummary feedback={errors.feedback} fields={{ userId: { label: T.candidate, id: 'equipe-candidat' }, organisationId: { label: T.invite, id: 'equipe-recherche' } }} as="h3" />
      {done && <FocusedAlert severity="success" title={done} as="h3" focusKey={done} />}
      <h3 className="fr-h6">{T.buyers}</h3>
      <ul>
        {spaser.buyers.map((b) => (
          <li key={b.organisationId}>
            {b.name}
            {b.lead ? ` (${T.lead})` : ''}{' '}
            <Badge small noIcon severity={b.status === 'accepted' ? 'success' : 'new'}>
              {b.status === 'accepted' ? T.accepted : T.invited}
            </Badge>
          </li>
        ))}
      </ul>
      <h3 className="fr-h6">{T.editors}</h3>
      <ul>
        {spaser.editors.map((e) => (
          <li key={e.userId} className="fr-mb-1w">
            {e.name}{' '}
            {spaser.canEdit && (
              <Button type="button" priority="tertiary" size="small" disabled={remove.isPending} onClick={() => remove.mutate(e)}>
                {T.removeEditor(e.name)}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {spaser.canEdit && (
        <>
          <form
            noValidate
            className="fr-mb-4w"
            onSubmit={(ev) => {
              ev.preventDefault();
              const c = spaser.editorCandidates.find((x) => x.userId === candidate);
              if (!c) errors.show(platformLabels.invalidFieldsTitle, { userId: T.chooseCandidate });
              else add.mutate(c);
            }}
          >
            <h3 className="fr-h6">{T.addEditor}</h3>
            {spaser.editorCandidates.length === 0 ? (
              <p className="fr-text--sm">{T.noCandidate}</p>
            ) : (
              <>
                <SelectField id="equipe-candidat" label={T.candidate} value={candidate} onChange={setCandidate} emptyOption="" options={spaser.editorCandidates.map((c) => ({ value: c.userId, label: T.candidateOption(c.name, c.organisationName) }))} error={errors.error('userId')} />
                <Button type="submit" priority="secondary" disabled={add.isPending}>
                  {T.addEditorSubmit}
                </Button>
              </>
            )}
          </form>
          <form
            noValidate
            role="search"
            onSubmit={(ev) => {
              ev.preventDefault();
              setSearched(q.trim());
            }}
          >
            <h3 className="fr-h6">{T.invite}</h3>
            <TextField id="equipe-recherche" label={T.invite} hint={T.inviteHint} value={q} onChange={setQ} error={errors.error('organisationId')} maxLength={100} />
            <Button type="submit" priority="secondary">
              {T.search}
            </Button>
          </form>
          {searched !== null && results.data && (
            <div className="fr-mt-2w">
              {found.length === 0 ? (
                <p role="status">{T.noResult}</p>
              ) : (
                <ul aria-label={T.results} className="fr-raw-list">
                  {found.slice(0, 10).map((o) => (
                    <li key={o.id} className="fr-mb-1w">
                      <Link to={paths.organisation(o.id)}>{o.name}</Link>
                      {o.postcodes[0] ? ` (${o.postcodes[0]})` : ''}{' '}
                      <Button type="button" size="small" priority="secondary" disabled={invite.isPending} onClick={() => invite.mutate({ id: o.id, name: o.name })}>
                        {T.inviteOne(o.name)}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

// Keys of a section's content that say nothing to a reader (identifiers, links, data computed by the server).
const hiddenKeys = new Set(['id', 'objectiveId', 'catalogueKey', 'organisationId', 'decp', 'evidenceFileId', 'by']);
const enumLabel = (key: string, v: string) =>
  (key === 'unit' ? L.units[v] : key === 'category' ? L.categories[v] : key === 'tags' ? L.tags[v] : key === 'status' ? L.actionStatuses[v] : undefined) ?? v;

/**
 * Another editor's saved version of a section, written out as nested lists with the French name of
 * each field, so the person who hit the conflict reads it as text, beside their own version still in
 * the form below (issue 17: « a French conflict message showing both texts »).
 */
function Outline({ value, name = '' }: { value: unknown; name?: string }): ReactNode {
  if (value === null || value === undefined || value === '') return <em>{L.builder.conflictEmpty}</em>;
  if (typeof value === 'string') return <>{enumLabel(name, value)}</>;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  if (typeof value === 'boolean') return <>{value ? 'Oui' : 'Non'}</>;
  if (Array.isArray(value)) {
    if (!value.length) return <em>{L.builder.conflictEmpty}</em>;
    if (value.every((v) => typeof v === 'string')) return <>{value.map((v) => enumLabel(name, v as string)).join(' ; ')}</>;
    return (
      <ol className="fr-mb-0">
        {value.map((v, i) => (
          <li key={i}>
            <Outline value={v} name={name} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => !hiddenKeys.has(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
  if (!entries.length) return <em>{L.builder.conflictEmpty}</em>;
  return (
    <ul className="fr-mb-0">
      {entries.map(([k, v]) => (
        <li key={k}>
          {L.builder.outline[k] ?? k} : <Outline value={v} name={k} />
        </li>
      ))}
    </ul>
  );
}
