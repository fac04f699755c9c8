import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { okResponse } from '../../server/cohorts/cohorts.contract';
import {
  atterrissageResponse,
  lessonsBody,
  publishedResponse,
  retrospectiveBody,
  retrospectiveQuestions,
  RETRO_FIELD_MAX,
  type LessonsBody,
  type RetrospectiveBody,
} from '../../server/cohorts/programme/retrospective.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { formatDate, formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.atterrissage;
const key = (id: string) => [...cohortsKey, 'atterrissage', id];

/**
 * The atterrissage (issue 23, item 5): a participant writes their retrospective; facilitators read every
 * one and write « Enseignements de l'édition » — a public summary and private details — then publish it
 * (a public page and a library resource). Every text is kept as a draft in this browser until saved.
 */
export function AtterrissagePage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: key(id), queryFn: () => api.get(`/api/cohorts/${encodeURIComponent(id)}/atterrissage`, atterrissageResponse) });
  const d = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(d ? [{ label: d.cohort.name, to: paths.cohort(id) }] : [])];
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!d)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? ''} />
      </Page>
    );
  return (
    <Page title={`${L.title} — ${d.cohort.name}`} breadcrumb={breadcrumb} lead={L.lead}>
      <p>
        <Link to={paths.cohortLessons(id)}>{L.lessonsLink}</Link>
      </p>
      {d.can.write && <RetrospectiveForm cohortId={id} mine={d.mine} />}
      {!d.can.write && !d.can.manage && <p>{d.cohort.status === 'candidatures_ouvertes' ? L.notYet : L.participantsOnly}</p>}
      {d.can.manage && d.retrospectives && (
        <section aria-labelledby="retro-all" className="fr-mb-5w">
          <h2 id="retro-all">{L.all(d.retrospectives.length)}</h2>
          {d.retrospectives.length === 0 && <p>{L.noneYet}</p>}
          {d.retrospectives.map((r) => (
            <article key={r.name} className="fr-card fr-card--no-arrow fr-mb-2w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title fr-h6">{r.name}</h3>
                  <dl>
                    {(Object.keys(retrospectiveQuestions) as (keyof typeof retrospectiveQuestions)[]).map((k) => (
                      <div key={k}>
                        <dt className="fr-text--bold">{retrospectiveQuestions[k]}</dt>
                        <dd className="fr-ml-0 fr-mb-1w" style={{ whiteSpace: 'pre-line' }}>
                          {r[k]}
                        </dd>
                      </div>
                    ))}
                  </dl>
                  <p className="fr-card__detail">{L.updated(formatDateTime(r.updatedAt))}</p>
                </div>
              </div>
            </article>
          ))}
        </section>
      )}
      {d.can.manage && <LessonsEditor cohortId={id} lessons={d.lessons} />}
    </Page>
  );
}

function RetrospectiveForm({ cohortId, mine }: { cohortId: string; mine: RetrospectiveBody | null }) {
  const { user } = useSession();
  const initial: RetrospectiveBody = { worked: mine?.worked ?? '', change: mine?.change ?? '', lessons: mine?.lessons ?? '' };
  const draft = useDraft<RetrospectiveBody>(user ? `atterrissage.${cohortId}.${user.id}` : null, initial);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [saved, setSaved] = useState(0);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/cohorts/${encodeURIComponent(cohortId)}/atterrissage/retrospective`, body, okResponse),
    onSuccess: async () => {
      draft.clearDraft();
      setSaved((n) => n + 1);
      await qc.invalidateQueries({ queryKey: key(cohortId) });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(retrospectiveBody, draft.value);
    if (body) save.mutate(body);
  };
  const fields = Object.fromEntries((Object.keys(retrospectiveQuestions) as (keyof RetrospectiveBody)[]).map((k) => [k, { label: retrospectiveQuestions[k], id: `retro-${k}` }]));
  return (
    <section aria-labelledby="retro-mine" className="fr-mb-5w">
      <h2 id="retro-mine">{L.mine}</h2>
      <p>{L.mineHelp}</p>
      {saved > 0 && <FocusedAlert severity="success" title={L.saved} focusKey={saved} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        {(Object.keys(retrospectiveQuestions) as (keyof RetrospectiveBody)[]).map((k) => (
          <TextField
            key={k}
            id={`retro-${k}`}
            label={retrospectiveQuestions[k]}
            textArea
            rows={4}
            maxLength={RETRO_FIELD_MAX}
            value={draft.value[k]}
            onChange={(v) => draft.setValue((f) => ({ ...f, [k]: v }))}
            error={errors.error(k)}
          />
        ))}
        <Button type="submit" disabled={save.isPending}>
          {mine ? L.update : L.send}
        </Button>
      </form>
    </section>
  );
}

function LessonsEditor({ cohortId, lessons }: { cohortId: string; lessons: LessonsBody & { publishedAt: string | null; resourceId: string | null } }) {
  const { user } = useSession();
  const initial: LessonsBody = { publicSummary: lessons.publicSummary, privateDetails: lessons.privateDetails };
  const draft = useDraft<LessonsBody>(user ? `enseignements.${cohortId}.${user.id}` : null, initial);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [done, setDone] = useState<{ n: number; message: string } | null>(null);
  const enc = encodeURIComponent(cohortId);
  const save = useMutation({
    mutationFn: async ({ body, publish }: { body: LessonsBody; publish: boolean }) => {
      await api.put(`/api/cohorts/${enc}/lessons`, body, okResponse);
      if (publish) await api.post(`/api/cohorts/${enc}/lessons/publish`, {}, publishedResponse);
      return publish;
    },
    onSuccess: async (published) => {
      draft.clearDraft();
      setDone((d) => ({ n: (d?.n ?? 0) + 1, message: published ? L.published : L.lessonsSaved }));
      await qc.invalidateQueries({ queryKey: cohortsKey });
    },
    onError: errors.fail,
  });
  const run = (publish: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    const body = errors.validate(lessonsBody, draft.value);
    if (body) save.mutate({ body, publish });
  };
  return (
    <section aria-labelledby="retro-lessons" className="fr-mb-5w">
      <h2 id="retro-lessons">{L.lessons}</h2>
      <p>{lessons.publishedAt ? L.publishedOn(formatDate(lessons.publishedAt)) : L.notPublished}</p>
      {lessons.resourceId && (
        <p>
          <Link to={paths.libraryResource(lessons.resourceId)}>{L.resourceLink}</Link>
        </p>
      )}
      {done && <FocusedAlert severity="success" title={done.message} focusKey={done.n} />}
      <ErrorSummary
        feedback={errors.feedback}
        fields={{ publicSummary: { label: L.summary, id: 'lessons-summary' }, privateDetails: { label: L.details, id: 'lessons-details' } }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={run(false)} noValidate>
        <TextField id="lessons-summary" label={L.summary} hint={L.summaryHint} textArea rows={10} value={draft.value.publicSummary} onChange={(v) => draft.setValue((f) => ({ ...f, publicSummary: v }))} error={errors.error('publicSummary')} />
        <TextField id="lessons-details" label={L.details} hint={L.detailsHint} textArea rows={8} value={draft.value.privateDetails} onChange={(v) => draft.setValue((f) => ({ ...f, privateDetails: v }))} error={errors.error('privateDetails')} />
        <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md">
          <li>
            <Button type="submit" priority="secondary" disabled={save.isPending}>
              {L.saveLessons}
            </Button>
          </li>
          <li>
            <Button type="button" onClick={() => run(true)()} disabled={save.isPending}>
              {lessons.publishedAt ? L.republish : L.publish}
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
