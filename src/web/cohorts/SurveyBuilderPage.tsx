import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { createdResponse, okResponse, questionKindValues, surveyBody, surveyPhaseValues } from '../../server/cohorts/cohorts.contract';
import { Page, PageLoading, type Crumb } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey, useCohort, useSurvey } from './api';
import { cohortLabels } from './labels';
import { addDays, addMonthsToDate } from '../../shared/paris-time';

const L = cohortLabels.builder;
// `id`: the stored question being edited (absent for a new one), so its answers follow it.
type Q = { id?: string; kind: string; label: string; options: string; required: boolean };
type Draft = { phase: string; title: string; intro: string; opensAt: string; closesAt: string; questions: Q[] };
const emptyQuestion: Q = { kind: 'single', label: '', options: '', required: true };

/**
 * The questionnaire builder: `/questionnaires/nouveau` creates the start or end questionnaire;
 * `/questionnaires/:surveyId/modifier` edits one — everything until the first answer, the wording only
 * after (the server enforces it, ADR 0012). The typing is kept as a draft in this browser.
 */
export function SurveyBuilderPage() {
  const { id = '', surveyId } = useParams();
  return surveyId ? <EditSurvey cohortId={id} surveyId={surveyId} /> : <NewSurvey cohortId={id} />;
}

function NewSurvey({ cohortId }: { cohortId: string }) {
  const cohort = useCohort(cohortId);
  const [params] = useSearchParams();
  const { user } = useSession();
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(cohort.data ? [{ label: cohort.data.name, to: paths.cohort(cohortId) }] : [])];
  if (cohort.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!cohort.data?.can.manage)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={L.forbidden} />
      </Page>
    );
  const initial: Draft =
    params.get('etape') === 'suivi' ? followupTemplate(cohort.data.endsOn) : { phase: '', title: '', intro: '', opensAt: '', closesAt: '', questions: [{ ...emptyQuestion }] };
  return <Builder cohortId={cohortId} title={L.title} lead={L.lead} breadcrumb={breadcrumb} draftKey={user ? `questionnaire.nouveau.${cohortId}.${user.id}` : null} initial={initial} />;
}

/**
 * The six-month follow-up, ready to adjust: it opens six months after the end (the window of the
 * observed outcome, issue 23 item 7) for two weeks, and asks what happened rather than what is planned.
 */
function followupTemplate(endsOn: string): Draft {
  const opens = addMonthsToDate(endsOn, 6);
  const closes = addDays(opens, 14);
  const T = cohortLabels.followupTemplate;
  return {
    phase: 'followup',
    title: T.title,
    intro: T.intro,
    opensAt: `${opens}T09:00`,
    closesAt: `${closes}T18:00`,
    questions: T.questions.map((q) => ({ kind: q.kind, label: q.label, options: q.options.join('\n'), required: q.required })),
  };
}

function EditSurvey({ cohortId, surveyId }: { cohortId: string; surveyId: string }) {
  const q = useSurvey(surveyId);
  const { user } = useSession();
  const s = q.data;
  const breadcrumb = [
    { label: cohortLabels.list.title, to: paths.cohorts() },
    ...(s ? [{ label: s.cohortName, to: paths.cohort(cohortId) }, { label: s.title, to: paths.cohortSurvey(cohortId, surveyId) }] : []),
  ];
  if (q.isPending) return <PageLoading title={L.edit} breadcrumb={breadcrumb} />;
  if (!s?.can.edit)
    return (
      <Page title={L.edit} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={s ? L.editForbidden : ((q.error as Error)?.message ?? '')} />
      </Page>
    );
  const initial: Draft = {
    phase: s.phase,
    title: s.title,
    intro: s.intro,
    opensAt: s.opensAtParis,
    closesAt: s.closesAtParis,
    questions: s.questions.map((qq) => ({ id: qq.id, kind: qq.kind, label: qq.label, options: qq.options.join('\n'), required: qq.required })),
  };
  return (
    <Builder
      cohortId={cohortId}
      surveyId={surveyId}
      locked={!s.can.editStructure}
      title={L.editTitle(s.title)}
      lead={s.can.editStructure ? L.editLead : undefined}
      breadcrumb={breadcrumb}
      draftKey={user ? `questionnaire.${surveyId}.${user.id}` : null}
      initial={initial}
    />
  );
}

function Builder(props: { cohortId: string; surveyId?: string; locked?: boolean; title: string; lead?: string; breadcrumb: Crumb[]; draftKey: string | null; initial: Draft }) {
  const { cohortId, surveyId, locked = false } = props;
  const draft = useDraft<Draft>(props.draftKey, props.initial);
  const d = draft.value;
  const questions = d.questions;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const save = useMutation({
    mutationFn: (body: unknown) =>
      surveyId
        ? api.put(`/api/cohorts/surveys/${encodeURIComponent(surveyId)}`, body, okResponse).then(() => surveyId)
        : api.post(`/api/cohorts/${encodeURIComponent(cohortId)}/surveys`, body, createdResponse).then((r) => r.id),
    onSuccess: async (id) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: cohortsKey });
      navigate(paths.cohortSurvey(cohortId, id), surveyId ? { state: { flash: L.saved } } : undefined);
    },
    onError: errors.fail,
  });

  const setField = (k: Exclude<keyof Draft, 'questions'>) => (v: string) => draft.setValue((x) => ({ ...x, [k]: v }));
  const setQuestions = (f: (qs: Q[]) => Q[]) => draft.setValue((x) => ({ ...x, questions: f(x.questions) }));
  const setQ = (i: number, patch: Partial<Q>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      phase: d.phase,
      title: d.title,
      intro: d.intro,
      opensAt: d.opensAt,
      closesAt: d.closesAt,
      questions: questions.map((q) => ({ ...(q.id ? { id: q.id } : {}), kind: q.kind, label: q.label, options: q.options.split('\n'), required: q.required })),
    };
    const parsed = errors.validate(surveyBody, body);
    if (parsed) save.mutate(parsed);
  };
  const fields: Record<string, { label: string; id: string }> = {
    phase: { label: L.phase, id: 'survey-phase' },
    title: { label: L.titleLabel, id: 'survey-title' },
    intro: { label: L.intro, id: 'survey-intro' },
    opensAt: { label: L.opensAt, id: 'survey-opens' },
    closesAt: { label: L.closesAt, id: 'survey-closes' },
    questions: { label: L.questions, id: 'survey-q-0-label' },
  };
  questions.forEach((_, i) => {
    fields[`questions.${i}.kind`] = { label: L.kind(i + 1), id: `survey-q-${i}-kind` };
    fields[`questions.${i}.label`] = { label: L.label(i + 1), id: `survey-q-${i}-label` };
    fields[`questions.${i}.options`] = { label: L.options(i + 1), id: `survey-q-${i}-options` };
    fields[`questions.${i}.required`] = { label: L.required(i + 1), id: `survey-q-${i}-required` };
  });
  return (
    <Page title={props.title} breadcrumb={props.breadcrumb} lead={props.lead}>
      {locked && <Alert severity="warning" small description={L.locked} className="fr-mb-3w" />}
      <ErrorSummary feedback={errors.feedback} fields={fields} />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        <SelectField id="survey-phase" label={L.phase} value={d.phase} onChange={setField('phase')} error={errors.error('phase')} emptyOption={L.phaseEmpty} disabled={!!surveyId} options={surveyPhaseValues.map((v) => ({ value: v, label: cohortLabels.surveyPhase[v] }))} />
        <TextField id="survey-title" label={L.titleLabel} value={d.title} onChange={setField('title')} error={errors.error('title')} maxLength={150} />
        <TextField id="survey-intro" label={L.intro} optional textArea rows={3} value={d.intro} onChange={setField('intro')} error={errors.error('intro')} />
        <TextField id="survey-opens" label={L.opensAt} hint={L.dateHint} value={d.opensAt} onChange={setField('opensAt')} error={errors.error('opensAt')} disabled={locked} />
        <TextField id="survey-closes" label={L.closesAt} hint={L.dateHint} value={d.closesAt} onChange={setField('closesAt')} error={errors.error('closesAt')} disabled={locked} />
        <h2 className="fr-h4">{L.questions}</h2>
        {questions.map((q, i) => (
          <fieldset key={q.id ?? `new-${i}`} className="fr-fieldset fr-p-2w fr-mb-3w" style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby={`survey-q-${i}-legend`}>
            <legend className="fr-fieldset__legend" id={`survey-q-${i}-legend`}>
              {L.question(i + 1)}
            </legend>
            <div className="fr-fieldset__element">
              <SelectField id={`survey-q-${i}-kind`} label={L.kind(i + 1)} value={q.kind} onChange={(v) => setQ(i, { kind: v })} error={errors.error(`questions.${i}.kind`)} disabled={locked} options={questionKindValues.map((k) => ({ value: k, label: cohortLabels.questionKind[k] }))} />
              <TextField id={`survey-q-${i}-label`} label={L.label(i + 1)} value={q.label} onChange={(v) => setQ(i, { label: v })} error={errors.error(`questions.${i}.label`)} maxLength={500} />
              {(q.kind === 'single' || q.kind === 'multiple') && (
                <TextField id={`survey-q-${i}-options`} label={L.options(i + 1)} hint={L.optionsHint} textArea rows={4} value={q.options} onChange={(v) => setQ(i, { options: v })} error={errors.error(`questions.${i}.options`)} />
              )}
              <div className={`fr-checkbox-group fr-mb-2w${errors.error(`questions.${i}.required`) ? ' fr-checkbox-group--error' : ''}`}>
                <input type="checkbox" id={`survey-q-${i}-required`} checked={q.required} disabled={locked} onChange={(e) => setQ(i, { required: e.target.checked })} />
                <label className="fr-label" htmlFor={`survey-q-${i}-required`}>
                  {L.required(i + 1)}
                </label>
                {errors.error(`questions.${i}.required`) && <p className="fr-error-text">{errors.error(`questions.${i}.required`)}</p>}
              </div>
              {!locked && (
                <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
                  {i > 0 && (
                    <li>
                      <Button type="button" priority="tertiary" size="small" onClick={() => move(i, -1)}>
                        {L.up(i + 1)}
                      </Button>
                    </li>
                  )}
                  {i < questions.length - 1 && (
                    <li>
                      <Button type="button" priority="tertiary" size="small" onClick={() => move(i, 1)}>
                        {L.down(i + 1)}
                      </Button>
                    </li>
                  )}
                  {questions.length > 1 && (
                    <li>
                      <Button type="button" priority="tertiary" size="small" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                        {L.remove(i + 1)}
                      </Button>
                    </li>
                  )}
                </ul>
              )}
            </div>
          </fieldset>
        ))}
        {!locked && (
          <Button type="button" priority="secondary" className="fr-mb-4w" onClick={() => setQuestions((qs) => [...qs, { ...emptyQuestion }])}>
            {L.add}
          </Button>
        )}
        <div>
          <Button type="submit" disabled={save.isPending}>
            {surveyId ? L.save : L.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}
