import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { createdResponse, okResponse, suggestionResponse } from '../../server/codev/codev.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { hasDraft, useDraft } from '../platform/draft';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { whenText } from '../events/components';
import { eventLabels } from '../events/labels';
import { codevKey, useCohortCodev, type CohortCodev } from './api';
import { codevLabels } from './labels';
import { ThemePicker } from '../themes/components';
import { codevCrumbs } from './SessionPage';
import { cohortLabels } from '../cohorts/labels';

const L = codevLabels.cohort;
type Draft = { id?: string; name: string; memberIds: string[] };

/** The co-development of a cohort: the groups (formed by its facilitators) and their sessions. */
export function CohortCodevPage() {
  const { id = '' } = useParams();
  const q = useCohortCodev(id);
  const crumbs = [{ label: cohortLabels.list.title, to: paths.cohorts() }];
  if (q.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (q.isError)
    return (
      <Page title={L.loadingTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={q.error.message} />
      </Page>
    );
  const data = q.data;
  return (
    <Page title={`${L.title} — ${data.cohort.name}`} lead={L.lead} breadcrumb={codevCrumbs(data.cohort)}>
      {data.can.manage && data.participants && <GroupsForm data={data} />}
      <h2>{L.groupsTitle}</h2>
      {data.groups.length === 0 && <p>{L.noGroups}</p>}
      {data.groups.map((g) => (
        <section key={g.id} className="fr-mb-6w" aria-labelledby={`group-${g.id}`}>
          <h3 id={`group-${g.id}`}>{g.name}</h3>
          <p className="fr-mb-1w fr-text--bold">{L.members}</p>
          <ul>
            {g.members.map((m) => (
              <li key={m.id}>
                {m.firstName} {m.lastName}
                {m.organisationName ? ` — ${m.organisationName}` : ''}
              </li>
            ))}
          </ul>
          <h4 className="fr-h6">{L.sessions}</h4>
          {g.sessions.length === 0 ? (
            <p>{L.noSessions}</p>
          ) : (
            <ul>
              {g.sessions.map((s) => (
                <li key={s.id}>
                  <Link to={paths.codevSession(s.id)}>{s.title}</Link> — {whenText(s.startsAt, s.endsAt)} — {codevLabels.status[s.status]}
                </li>
              ))}
            </ul>
          )}
          {data.can.manage && <PlanSessionForm groupId={g.id} groupName={g.name} members={g.members} cohortId={id} />}
        </section>
      ))}
    </Page>
  );
}

function GroupsForm({ data }: { data: CohortCodev }) {
  const qc = useQueryClient();
  const participants = data.participants ?? [];
  const [groups, setGroups] = useState<Draft[]>(() => data.groups.map((g) => ({ id: g.id, name: g.name, memberIds: g.members.map((m) => m.id) })));
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors();
  const groupOf = (userId: string) => groups.findIndex((g) => g.memberIds.includes(userId));
  const move = (userId: string, to: number) =>
    setGroups((gs) => gs.map((g, i) => ({ ...g, memberIds: i === to ? [...g.memberIds.filter((x) => x !== userId), userId] : g.memberIds.filter((x) => x !== userId) })));
  const suggest = useMutation({
    mutationFn: () => api.post(`/api/codev/cohorts/${data.cohort.id}/suggestion`, {}, suggestionResponse),
    onSuccess: (r) => {
      errors.clear();
      // Keep the existing groups' ids (and their sessions) in order; new ones are created.
      setGroups(r.groups.map((g, i) => ({ id: data.groups[i]?.id, name: data.groups[i]?.name ?? g.name, memberIds: g.memberIds })));
      setNotice(L.suggested);
    },
    onError: (e) => {
      setNotice(null);
      if (isApiError(e) && e.fields.groups) errors.show(e.fields.groups);
      else errors.fail(e);
    },
  });
  const save = useMutation({
    mutationFn: () => api.put(`/api/codev/cohorts/${data.cohort.id}/groups`, { groups }, okResponse),
    onSuccess: () => {
      errors.clear();
      setNotice(L.saved);
      return qc.invalidateQueries({ queryKey: codevKey });
    },
    onError: (e) => {
      setNotice(null);
      errors.fail(e);
    },
  });
  const groupError = (i: number) => errors.error(`groups.${i}.memberIds`) ?? errors.error(`groups.${i}.name`);
  const fieldLinks = Object.fromEntries(groups.flatMap((g, i) => [[`groups.${i}.memberIds`, { label: g.name, id: `group-name-${i}` }], [`groups.${i}.name`, { label: g.name, id: `group-name-${i}` }]]));
  return (
    <section className="fr-mb-8w" aria-labelledby="groups-form-title">
      <h2 id="groups-form-title">{L.formTitle}</h2>
      <p>{L.formLead}</p>
      <ErrorSummary feedback={errors.feedback} fields={fieldLinks} as="h3" />
      {notice && <FocusedAlert severity="success" title={notice} as="h3" focusKey={notice} />}
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ul className="fr-btns-group fr-btns-group--inline fr-mb-3w fr-btns-group--icon-left">
          <li>
            <Button type="button" priority="secondary" onClick={() => suggest.mutate()} disabled={suggest.isPending}>
              {L.suggest}
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={() => setGroups((gs) => [...gs, { name: `Groupe ${gs.length + 1}`, memberIds: [] }])}>
              {L.addGroup}
            </Button>
          </li>
        </ul>
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
          {groups.map((g, i) => (
            <div className="fr-col-12 fr-col-md-4" key={g.id ?? `new-${i}`}>
              <TextField
                id={`group-name-${i}`}
                label={L.groupName(i + 1)}
                value={g.name}
                onChange={(v) => setGroups((gs) => gs.map((x, j) => (j === i ? { ...x, name: v } : x)))}
                error={groupError(i)}
                hint={`${g.memberIds.length} participant${g.memberIds.length > 1 ? 's' : ''}`}
              />
            </div>
          ))}
        </div>
        <div className="fr-table fr-table--no-caption-bottom">
          <table>
            <caption>{L.participantsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{L.colName}</th>
                <th scope="col">{L.colOrg}</th>
                <th scope="col">{L.colKind}</th>
                <th scope="col">{L.colGroup}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.firstName} {p.lastName}
                  </th>
                  <td>{p.organisationName ?? '—'}</td>
                  <td>{p.organisationKind ? (codevLabels.kind[p.organisationKind] ?? p.organisationKind) : '—'}</td>
                  <td>
                    <label className="fr-sr-only" htmlFor={`member-group-${p.id}`}>
                      {L.groupOf(`${p.firstName} ${p.lastName}`)}
                    </label>
                    <select
                      className="fr-select"
                      id={`member-group-${p.id}`}
                      value={String(groupOf(p.id))}
                      onChange={(e) => move(p.id, Number(e.target.value))}
                    >
                      <option value="-1">{L.noGroup}</option>
                      {groups.map((g, i) => (
                        <option key={i} value={String(i)}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Button type="submit" disabled={save.isPending}>
          {L.save}
        </Button>
      </form>
    </section>
  );
}

const emptyPlan = { title: '', themes: [] as string[], caseOwnerId: '', startsAt: '', endsAt: '', onlineUrl: '', place: '', reviewRequired: false };
const E = eventLabels.form;

/** Plans a session and its agenda entry: the times (Paris), link and place are the event form's fields. */
function PlanSessionForm({ groupId, groupName, members, cohortId }: { groupId: string; groupName: string; members: CohortCodev['groups'][number]['members']; cohortId: string }) {
  const qc = useQueryClient();
  const { user } = useSession();
  const key = user ? `codev.seance.${groupId}.${user.id}` : null;
  // A plan left unsaved (reload, network error) is kept in a draft and its form opens by itself.
  const [open] = useState(() => !!key && hasDraft(key));
  const draft = useDraft(key, emptyPlan);
  const values = draft.value;
  const setValues = draft.setValue;
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors();
  const plan = useMutation({
    // The raw Paris wall-clock values are sent: the server converts them, as for any event.
    mutationFn: () => api.post(`/api/codev/groups/${groupId}/sessions`, values, createdResponse),
    onSuccess: (r) => {
      errors.clear();
      setDone(r.id);
      draft.discard();
      return qc.invalidateQueries({ queryKey: [...codevKey, 'cohort', cohortId] });
    },
    onError: (e) => errors.fail(e),
  });
  const prefix = `plan-${groupId}`;
  const set = (k: Exclude<keyof typeof emptyPlan, 'themes' | 'reviewRequired'>) => (v: string) => setValues({ ...values, [k]: v });
  return (
    <details className="fr-mt-2w" open={open || undefined}>
      <summary>{L.planTitle(groupName)}</summary>
      <form
        noValidate
        className="fr-mt-2w"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          plan.mutate();
        }}
      >
        <ErrorSummary
          feedback={errors.feedback}
          as="h4"
          fields={{
            title: { label: L.subject, id: `${prefix}-title` },
            themes: { label: L.themes, id: `${prefix}-themes` },
            caseOwnerId: { label: L.caseOwner, id: `${prefix}-owner` },
            startsAt: { label: E.startsAt, id: `${prefix}-starts` },
            endsAt: { label: E.endsAt, id: `${prefix}-ends` },
            onlineUrl: { label: E.onlineUrl, id: `${prefix}-online` },
            place: { label: E.place, id: `${prefix}-place` },
          }}
        />
        {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
        {done && (
          <FocusedAlert severity="success" as="h4" title={L.planned} focusKey={done} description={<Link to={paths.codevSession(done)}>{L.open}</Link>} />
        )}
        <TextField id={`${prefix}-title`} label={L.subject} hint={L.subjectHint} value={values.title} onChange={set('title')} error={errors.error('title')} />
        <ThemePicker id={`${prefix}-themes`} legend={L.themes} value={values.themes ?? []} onChange={(themes) => setValues({ ...values, themes })} error={errors.error('themes')} />
        <SelectField
          id={`${prefix}-owner`}
          label={L.caseOwner}
          value={values.caseOwnerId}
          onChange={set('caseOwnerId')}
          error={errors.error('caseOwnerId')}
          emptyOption={L.chooseCaseOwner}
          options={members.map((m) => ({ value: m.id, label: `${m.firstName} ${m.lastName}` }))}
        />
        <p className="fr-text--sm fr-mb-2w">{L.agendaHint}</p>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <TextField id={`${prefix}-starts`} label={E.startsAt} hint={E.dateHint} type="datetime-local" value={values.startsAt} onChange={set('startsAt')} error={errors.error('startsAt')} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField id={`${prefix}-ends`} label={E.endsAt} hint={E.dateHint} type="datetime-local" value={values.endsAt} onChange={set('endsAt')} error={errors.error('endsAt')} />
          </div>
        </div>
        <TextField id={`${prefix}-online`} label={E.onlineUrl} hint={L.onlineUrlHint} optional type="url" value={values.onlineUrl} onChange={set('onlineUrl')} error={errors.error('onlineUrl')} />
        <TextField id={`${prefix}-place`} label={E.place} hint={E.placeHint} optional value={values.place} onChange={set('place')} error={errors.error('place')} />
        <Checkbox
          options={[
            {
              label: L.review,
              hintText: L.reviewHint,
              nativeInputProps: { name: `${prefix}-review`, checked: values.reviewRequired, onChange: (e) => setValues({ ...values, reviewRequired: e.target.checked }) },
            },
          ]}
        />
        <Button type="submit" disabled={plan.isPending}>
          {L.plan}
        </Button>
      </form>
    </details>
  );
}
