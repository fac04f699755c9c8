import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { actorDetail, actorKindLabels, actorSummary, type ActorDetail } from '../../server/actors/actors.contract';
import { themes } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { FocusedAlert, useFormErrors } from '../platform/forms';
import { formatDateTime } from '../platform/format';
import { TextField } from '../platform/fields';
import { useSession } from '../platform/session';
import { ActorForm, formValuesOf, type ActorFormValues } from './ActorForm';
import { coverage } from './ActorsView';
import { actorsLabels } from './labels';

const D = actorsLabels.detail;
const C = actorsLabels.card;
const fieldLabels: Record<string, string> = {
  name: actorsLabels.form.name,
  kind: actorsLabels.form.kind,
  national: actorsLabels.form.national,
  regionCodes: actorsLabels.form.regions,
  themes: 'Thèmes',
  description: actorsLabels.form.description,
  website: C.website,
  contact: C.contact,
  sources: C.sources,
};

/** The server's field keys (« proposed.sources », « sources.0 ») as the form's fields. */
const formFields = (fields: Record<string, string>) => {
  const out: Record<string, string> = {};
  for (const [k, m] of Object.entries(fields)) out[k.replace(/^proposed\./, '').split('.')[0]!] ??= m;
  return out;
};

/** /acteurs/:id: an actor's page; facilitators edit, archive and decide corrections; members propose one. */
export function ActorPage() {
  const { id = '' } = useParams();
  const key = ['actor', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get(`/api/actors/${id}`, actorDetail) });
  const session = useSession();
  if (q.isPending) return <Page title={D.loading} breadcrumb={[{ label: actorsLabels.directory.title, to: paths.actors() }]}><p role="status">{D.loading}</p></Page>;
  if (q.isError) {
    return (
      <Page title={actorsLabels.directory.title} breadcrumb={[{ label: actorsLabels.directory.title, to: paths.actors() }]}>
        <Alert severity="error" small description={q.error.message} />
        <p className="fr-mt-2w">
          <Link to={paths.actors()}>{D.back}</Link>
        </p>
      </Page>
    );
  }
  return <ActorContent detail={q.data} loggedIn={!!session.user} />;
}

function ActorContent({ detail, loggedIn }: { detail: ActorDetail; loggedIn: boolean }) {
  const { actor, can } = detail;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'view' | 'edit' | 'propose'>('view');
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors();
  const refresh = () => qc.invalidateQueries({ queryKey: ['actor', actor.id] }).then(() => qc.invalidateQueries({ queryKey: ['actors'] }));
  const fail = (e: unknown) => (isApiError(e) ? errors.show(e.message, formFields(e.fields)) : errors.fail(e));
  const save = useMutation({
    mutationFn: (input: unknown) => api.put(`/api/actors/${actor.id}`, input, actorSummary),
    onSuccess: async () => {
      setMode('view');
      setDone(D.saved);
      await refresh();
    },
    onError: fail,
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) => api.post(`/api/actors/${actor.id}/${archived ? 'archive' : 'restore'}`, {}, actorSummary),
    onSuccess: async (_r, archived) => {
      setDone(archived ? D.archivedDone : D.restoredDone);
      await refresh();
    },
  });
  const [comment, setComment] = useState('');
  const propose = useMutation({
    mutationFn: (input: unknown) => api.post(`/api/actors/${actor.id}/corrections`, { proposed: input, comment }),
    onSuccess: () => {
      setMode('view');
      setComment('');
      setDone(D.sent);
    },
    onError: fail,
  });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: ({ correctionId, decision }: { correctionId: string; decision: 'accept' | 'refuse' }) =>
      api.post(`/api/actors/${actor.id}/corrections/${correctionId}/decision`, { decision, note: notes[correctionId] ?? '' }),
    onSuccess: async (_r, v) => {
      setDone(D.decided(v.decision === 'accept'));
      await refresh();
    },
  });
  const start = (m: 'edit' | 'propose') => {
    errors.clear();
    setDone(null);
    setMode(m);
  };

  return (
    <Page title={actor.name} breadcrumb={[{ label: actorsLabels.directory.title, to: paths.actors() }]} lead={<p className="fr-text--lead">{actorsLabels.directory.lead.split('.')[0]}.</p>}>
      {done && <FocusedAlert severity="success" title={done} as="h2" focusKey={done} />}
      {actor.archived && <Alert severity="warning" small description={D.archivedNotice} className="fr-mb-3w" />}
      {mode === 'view' && (
        <>
          <dl className="entraide-actor">
            <dt className="fr-text--bold">{actorsLabels.form.kind}</dt>
            <dd className="fr-mb-2w">{actorKindLabels[actor.kind]}</dd>
            <dt className="fr-text--bold">{C.coverage}</dt>
            <dd className="fr-mb-2w">{coverage(actor)}</dd>
            <dt className="fr-text--bold">{C.themes}</dt>
            <dd className="fr-mb-2w">{actor.themes.map((t) => themes[t as keyof typeof themes] ?? t).join(', ')}</dd>
            <dt className="fr-text--bold">{actorsLabels.form.description}</dt>
            <dd className="fr-mb-2w">{actor.description}</dd>
            <dt className="fr-text--bold">{C.website}</dt>
            <dd className="fr-mb-2w">
              {actor.website ? (
                <a href={actor.website} target="_blank" rel="noopener" title={`${actor.website} — nouvelle fenêtre`}>
                  {actor.website}
                </a>
              ) : (
                D.noWebsite
              )}
            </dd>
            <dt className="fr-text--bold">{C.contact}</dt>
            <dd className="fr-mb-2w">{actor.contact ?? D.noContact}</dd>
            <dt className="fr-text--bold">{C.sources}</dt>
            <dd className="fr-mb-2w">
              <ul>
                {actor.sources.map((s, i) => (
                  <li key={s}>
                    <a href={s} target="_blank" rel="noopener" title={`${C.source(i + 1)} — nouvelle fenêtre`}>
                      {s}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            {can.edit && !actor.archived && (
              <li>
                <Button iconId="fr-icon-edit-line" iconPosition="left" onClick={() => start('edit')}>
                  {D.edit}
                </Button>
              </li>
            )}
            {can.edit && (
              <li>
                <Button priority="secondary" iconId={actor.archived ? 'fr-icon-refresh-line' : 'fr-icon-archive-line'} iconPosition="left" disabled={archive.isPending} onClick={() => archive.mutate(!actor.archived)}>
                  {actor.archived ? D.restore : D.archive}
                </Button>
              </li>
            )}
            {can.proposeCorrection && !can.edit && (
              <li>
                <Button priority="secondary" iconId="fr-icon-feedback-line" iconPosition="left" onClick={() => start('propose')}>
                  {D.proposeOpen}
                </Button>
              </li>
            )}
          </ul>
          {!loggedIn && (
            <p className="fr-text--sm">
              <Link to={paths.logIn(paths.actor(actor.id))}>{D.logInToPropose}</Link>
            </p>
          )}
        </>
      )}
      {mode === 'edit' && (
        <section aria-labelledby="actor-edit">
          <h2 id="actor-edit">{actorsLabels.form.editTitle(actor.name)}</h2>
          <ActorForm idPrefix="actor" initial={formValuesOf(actor)} errors={errors} submitLabel={actorsLabels.form.save} pending={save.isPending} onSubmit={(input) => save.mutate(input)} onCancel={() => setMode('view')} />
        </section>
      )}
      {mode === 'propose' && (
        <section aria-labelledby="actor-propose">
          <h2 id="actor-propose">{D.proposeTitle}</h2>
          <p>{D.proposeLead}</p>
          <ActorForm
            idPrefix="correction"
            initial={formValuesOf(actor) as ActorFormValues}
            errors={errors}
            submitLabel={D.send}
            pending={propose.isPending}
            onSubmit={(input) => propose.mutate(input)}
            onCancel={() => setMode('view')}
            before={<TextField id="correction-comment" label={D.comment} textArea rows={3} value={comment} onChange={setComment} error={errors.error('comment')} maxLength={2000} />}
          />
        </section>
      )}

      {detail.corrections && (
        <section aria-labelledby="actor-corrections" className="fr-mt-6w">
          <h2 id="actor-corrections">{D.correctionsTitle}</h2>
          {detail.corrections.length === 0 && <p>{D.correctionsEmpty}</p>}
          {detail.corrections.map((c) => (
            <div key={c.id} className="fr-card fr-mb-3w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">{D.correctionBy(c.proposedBy, formatDateTime(c.proposedAt))}</h3>
                  <div className="fr-card__desc">
                    <p>{c.comment}</p>
                    <p className="fr-text--sm">{D.correctionFields(c.changed.map((f) => fieldLabels[f] ?? f).join(', '))}</p>
                    <ul className="fr-text--sm">
                      {c.changed.map((f) => (
                        <li key={f}>
                          {fieldLabels[f] ?? f} : {shown(f, c.proposed[f])}
                        </li>
                      ))}
                    </ul>
                    <TextField id={`note-${c.id}`} label={D.note} value={notes[c.id] ?? ''} onChange={(x) => setNotes((n) => ({ ...n, [c.id]: x }))} optional maxLength={1000} />
                    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
                      <li>
                        <Button iconId="fr-icon-check-line" iconPosition="left" disabled={decide.isPending} onClick={() => decide.mutate({ correctionId: c.id, decision: 'accept' })}>
                          {D.accept}
                        </Button>
                      </li>
                      <li>
                        <Button priority="secondary" iconId="fr-icon-close-line" iconPosition="left" disabled={decide.isPending} onClick={() => decide.mutate({ correctionId: c.id, decision: 'refuse' })}>
                          {D.refuse}
                        </Button>
                      </li>
                    </ul>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </section>
      )}

      {detail.history && (
        <section aria-labelledby="actor-history" className="fr-mt-6w">
          <h2 id="actor-history">{D.historyTitle}</h2>
          {detail.history.length === 0 ? (
            <p>{D.historyEmpty}</p>
          ) : (
            <Table
              caption={D.historyTitle}
              noCaption
              headers={[D.historyAt, D.historyBy, D.historyChange]}
              data={detail.history.map((h) => [formatDateTime(h.at), h.by ?? '—', h.changed.length ? `${D.changes[h.change]} : ${h.changed.map((f) => fieldLabels[f] ?? f).join(', ')}` : D.changes[h.change]!])}
            />
          )}
        </section>
      )}
      <p className="fr-mt-4w">
        <Button priority="tertiary" iconId="fr-icon-arrow-left-line" iconPosition="left" onClick={() => navigate(paths.actors())}>
          {D.back}
        </Button>
      </p>
    </Page>
  );
}

const shown = (field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'kind') return actorKindLabels[value as keyof typeof actorKindLabels] ?? String(value);
  if (field === 'national') return value ? 'oui' : 'non';
  if (field === 'themes' && Array.isArray(value)) return value.map((t) => themes[t as keyof typeof themes] ?? t).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
};
