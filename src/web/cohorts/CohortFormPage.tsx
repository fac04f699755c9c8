import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { directoryResponse } from '../../server/accounts/accounts.contract';
import { cohortStatusValues, createCohortBody, createdResponse, okResponse, updateCohortBody } from '../../server/cohorts/cohorts.contract';
import { sponsorSuggestions } from '../../server/peers/peers.contract';
import { MarkdownHelp } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { ResultsStatus } from '../platform/results';
import { useSession } from '../platform/session';
import { cohortsKey, useCohort, useCohorts } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.form;
type Person = { id: string; firstName: string; lastName: string };
type Status = (typeof cohortStatusValues)[number];
type Form = {
  name: string;
  edition: string;
  startsOn: string;
  endsOn: string;
  capacity: string;
  description: string;
  status: Status | '';
  sponsors: Person[];
  facilitators: Person[];
};
const ids = {
  name: 'cohort-name',
  edition: 'cohort-edition',
  startsOn: 'cohort-starts',
  endsOn: 'cohort-ends',
  capacity: 'cohort-capacity',
  description: 'cohort-description',
  status: 'cohort-status',
  sponsorIds: 'cohort-sponsors-q',
  facilitatorIds: 'cohort-facilitators-q',
} as const;

/**
 * Chosen people and a search in the member directory (GET /api/members, the help space's member
 * picker does the same) to add more. The search is not a nested form: Enter in its field searches.
 */
function PeoplePicker(props: {
  id: string;
  legend: string;
  hint: string;
  people: Person[];
  onChange: (people: Person[]) => void;
  error?: string;
  /** Shown between the chosen people and the search (the sponsors' suggestions). */
  children?: ReactNode;
}) {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['members', { q: searched }],
    queryFn: () => api.get(`/api/members${query({ q: searched })}`, directoryResponse),
    enabled: searched !== null,
    placeholderData: keepPreviousData,
  });
  const chosen = new Set(props.people.map((p) => p.id));
  const search = () => setSearched(q.trim());
  const full = (p: Person) => `${p.firstName} ${p.lastName}`;
  return (
    <fieldset className={`fr-fieldset${props.error ? ' fr-fieldset--error' : ''}`} aria-labelledby={`${props.id}-legend`}>
      <legend className="fr-fieldset__legend" id={`${props.id}-legend`}>
        {props.legend}
        <span className="fr-hint-text">{props.hint}</span>
      </legend>
      <div className="fr-fieldset__element">
        {props.people.length === 0 ? (
          <p className="fr-mb-1w">{L.none}</p>
        ) : (
          <ul className="entraide-plain-list">
            {props.people.map((p) => (
              <li key={p.id} className="fr-mb-1w">
                {full(p)}{' '}
                <Button type="button" size="small" priority="tertiary" onClick={() => props.onChange(props.people.filter((x) => x.id !== p.id))}>
                  {L.remove}
                  <span className="fr-sr-only"> {full(p)} ({props.legend})</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {props.children}
      <div className="fr-fieldset__element">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${props.id}-q`}>
            {L.search(props.legend.toLowerCase())}
            <span className="fr-hint-text">{L.searchHint}</span>
          </label>
          <input
            className="fr-input"
            type="search"
            id={`${props.id}-q`}
            value={q}
            maxLength={100}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${props.id}-error` : undefined}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
          />
        </div>
        <Button type="button" priority="secondary" size="small" onClick={search}>
          {L.searchButton}
          <span className="fr-sr-only"> ({props.legend})</span>
        </Button>
        <ResultsStatus text={found.data ? L.results(found.data.items.length) : ''} />
        {found.data && (
          <ul className="entraide-plain-list fr-mt-1w">
            {found.data.items
              .filter((m) => !chosen.has(m.id))
              .map((m) => (
                <li key={m.id} className="fr-mb-1w">
                  {full(m)} {m.organisations[0] ? `(${m.organisations[0].name})` : ''}{' '}
                  <Button type="button" size="small" priority="secondary" onClick={() => props.onChange([...props.people, { id: m.id, firstName: m.firstName, lastName: m.lastName }])}>
                    {L.add}
                    <span className="fr-sr-only"> {full(m)} ({props.legend})</span>
                  </Button>
                </li>
              ))}
          </ul>
        )}
      </div>
      {props.error && (
        <div className="fr-messages-group" id={`${props.id}-error`}>
          <p className="fr-message fr-message--error">{props.error}</p>
        </div>
      )}
    </fieldset>
  );
}

/**
 * Sponsors suggested for the cohort (issue 20, item 6): ranked for its organisations as peers are, each
 * with the reason; « Ajouter » puts them among the chosen sponsors (saved with the form).
 */
function SponsorSuggestions({ cohortId, chosen, onAdd }: { cohortId: string; chosen: Person[]; onAdd: (p: Person) => void }) {
  const suggestions = useQuery({
    queryKey: [...cohortsKey, cohortId, 'sponsor-suggestions'],
    queryFn: () => api.get(`/api/cohorts/${encodeURIComponent(cohortId)}/sponsor-suggestions`, sponsorSuggestions),
  });
  const taken = new Set(chosen.map((p) => p.id));
  const data = suggestions.data;
  const items = data?.items.filter((m) => !taken.has(m.id)) ?? [];
  return (
    <div className="fr-fieldset__element">
      <p className="fr-text--bold fr-mb-1v" id="cohort-sponsor-suggestions">
        {L.suggestionsTitle}
      </p>
      {suggestions.isPending && <p>{L.suggestionsLoading}</p>}
      {suggestions.isError && <p>{L.suggestionsError}</p>}
      {data && data.basis === 'none' && <p>{L.suggestionsNone}</p>}
      {data && data.basis !== 'none' && (
        <>
          <p className="fr-hint-text">{L.suggestionsBasis(data.basis, data.organisationCount)}</p>
          {items.length === 0 ? (
            <p>{L.suggestionsEmpty}</p>
          ) : (
            <ol className="entraide-plain-list" aria-labelledby="cohort-sponsor-suggestions">
              {items.map((m) => {
                const name = `${m.firstName} ${m.lastName}`;
                return (
                  <li key={m.id} className="fr-mb-2w">
                    <Link to={paths.member(m.id)}>{name}</Link> — {m.organisation.name}
                    <br />
                    <span className="fr-text--sm">
                      <strong>{L.why}</strong> {m.explanation}
                    </span>
                    <br />
                    <Button type="button" size="small" priority="secondary" onClick={() => onAdd({ id: m.id, firstName: m.firstName, lastName: m.lastName })}>
                      {L.add}
                      <span className="fr-sr-only"> {L.addSuggested(name)}</span>
                    </Button>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

/** Creating a cohort (staff) or editing one (staff and its facilitators): `/promotions/nouvelle`, `/promotions/:id/modifier`. */
export function CohortFormPage() {
  const { id } = useParams();
  return id ? <EditCohort id={id} /> : <NewCohort />;
}

function NewCohort() {
  const { user } = useSession();
  const list = useCohorts();
  const me: Person[] = user ? [{ id: user.id, firstName: user.firstName, lastName: user.lastName }] : [];
  // The creator is proposed as a facilitator: staff run the cohorts they open (they may remove themselves).
  const initial: Form = { name: '', edition: '1', startsOn: '', endsOn: '', capacity: '30', description: '', status: '', sponsors: [], facilitators: me };
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }];
  if (list.isPending) return <PageLoading title={L.newTitle} breadcrumb={breadcrumb} />;
  if (!list.data?.can.create)
    return (
      <Page title={L.newTitle} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={L.forbiddenCreate} />
      </Page>
    );
  return <CohortForm title={L.newTitle} breadcrumb={breadcrumb} draftKey={user ? `promotion.nouvelle.${user.id}` : null} initial={initial} />;
}

function EditCohort({ id }: { id: string }) {
  const { user } = useSession();
  const q = useCohort(id);
  const c = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(c ? [{ label: c.name, to: paths.cohort(id) }] : [])];
  if (q.isPending) return <PageLoading title={L.edit} breadcrumb={breadcrumb} />;
  if (!c?.can.manage)
    return (
      <Page title={L.edit} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={c ? L.forbidden : ((q.error as Error)?.message ?? '')} />
      </Page>
    );
  const initial: Form = {
    name: c.name,
    edition: String(c.edition),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    capacity: String(c.capacity),
    description: c.description,
    status: c.status,
    sponsors: c.sponsors,
    facilitators: c.facilitators,
  };
  return (
    <CohortForm
      title={L.editTitle(c.name)}
      breadcrumb={breadcrumb}
      draftKey={user ? `promotion.${id}.${user.id}` : null}
      initial={initial}
      edit={{ id, status: c.status, nextStatuses: c.nextStatuses }}
    />
  );
}

function CohortForm(props: {
  title: string;
  breadcrumb: { label: string; to: string }[];
  draftKey: string | null;
  initial: Form;
  edit?: { id: string; status: Status; nextStatuses: Status[] };
}) {
  const draft = useDraft<Form>(props.draftKey, props.initial);
  const form = draft.value;
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const edit = props.edit;
  const save = useMutation({
    mutationFn: (body: unknown) =>
      edit ? api.patch(`/api/cohorts/${encodeURIComponent(edit.id)}`, body, okResponse).then(() => edit.id) : api.post('/api/cohorts', body, createdResponse).then((r) => r.id),
    onSuccess: async (cohortId) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: cohortsKey });
      navigate(paths.cohort(cohortId), { state: { flash: edit ? L.saved : L.created } });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty number is "missing", not 0 (z.coerce would read '' as 0).
    const num = (v: string) => (v.trim() === '' ? undefined : v.trim());
    const body = {
      name: form.name,
      edition: num(form.edition),
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      capacity: num(form.capacity),
      description: form.description,
      sponsorIds: form.sponsors.map((p) => p.id),
      facilitatorIds: form.facilitators.map((p) => p.id),
      ...(edit && form.status && form.status !== edit.status ? { status: form.status } : {}),
    };
    const parsed = errors.validate(edit ? updateCohortBody : createCohortBody, body);
    if (parsed) save.mutate(parsed);
  };
  const statusOptions = edit ? [edit.status, ...edit.nextStatuses] : [];
  return (
    <Page title={props.title} breadcrumb={props.breadcrumb} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          name: { label: L.name, id: ids.name },
          edition: { label: L.edition, id: ids.edition },
          startsOn: { label: L.startsOn, id: ids.startsOn },
          endsOn: { label: L.endsOn, id: ids.endsOn },
          capacity: { label: L.capacity, id: ids.capacity },
          description: { label: L.description, id: ids.description },
          status: { label: L.status, id: ids.status },
          sponsorIds: { label: L.sponsors, id: ids.sponsorIds },
          facilitatorIds: { label: L.facilitators, id: ids.facilitatorIds },
        }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        <TextField id={ids.name} label={L.name} hint={L.nameHint} value={form.name} onChange={set('name')} error={errors.error('name')} maxLength={120} />
        <TextField id={ids.edition} label={L.edition} inputMode="numeric" value={form.edition} onChange={set('edition')} error={errors.error('edition')} />
        <TextField id={ids.startsOn} label={L.startsOn} type="date" value={form.startsOn} onChange={set('startsOn')} error={errors.error('startsOn')} />
        <TextField id={ids.endsOn} label={L.endsOn} type="date" value={form.endsOn} onChange={set('endsOn')} error={errors.error('endsOn')} />
        <TextField id={ids.capacity} label={L.capacity} inputMode="numeric" value={form.capacity} onChange={set('capacity')} error={errors.error('capacity')} />
        <TextField id={ids.description} label={L.description} hint={L.descriptionHint} optional textArea rows={8} value={form.description} onChange={set('description')} error={errors.error('description')} />
        <MarkdownHelp />
        {edit && (
          <SelectField
            id={ids.status}
            label={L.status}
            hint={L.statusHint}
            value={form.status}
            onChange={(v) => set('status')(v as Status)}
            error={errors.error('status')}
            options={statusOptions.map((s) => ({ value: s, label: s === edit.status ? L.statusCurrent(cohortLabels.status[s]) : cohortLabels.status[s] }))}
          />
        )}
        <PeoplePicker id="cohort-sponsors" legend={L.sponsors} hint={L.sponsorsHint} people={form.sponsors} onChange={set('sponsors')} error={errors.error('sponsorIds')}>
          {edit && <SponsorSuggestions cohortId={edit.id} chosen={form.sponsors} onAdd={(p) => set('sponsors')([...form.sponsors, p])} />}
        </PeoplePicker>
        <PeoplePicker id="cohort-facilitators" legend={L.facilitators} hint={L.facilitatorsHint} people={form.facilitators} onChange={set('facilitators')} error={errors.error('facilitatorIds')} />
        <Button type="submit" disabled={save.isPending}>
          {edit ? L.submitEdit : L.submitCreate}
        </Button>
      </form>
    </Page>
  );
}
