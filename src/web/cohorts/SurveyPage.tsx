import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatDateTime } from '../platform/format';
import { useDraft } from '../platform/draft';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey, useSurvey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.survey;
type Answer = { choices?: number[]; scale?: number; text?: string };

export function SurveyPage() {
  const { id = '', surveyId = '' } = useParams();
  const q = useSurvey(surveyId);
  const { user } = useSession();
  // Kept in this browser at each change until sent: a reload or a network error loses nothing.
  const draft = useDraft<Record<string, Answer>>(user ? `reponses.${surveyId}.${user.id}` : null, {});
  const answers = draft.value;
  const setAnswers = draft.setValue;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/surveys/${encodeURIComponent(surveyId)}/responses`, body),
    onSuccess: () => {
      draft.clearDraft();
      return qc.invalidateQueries({ queryKey: cohortsKey });
    },
    onError: errors.fail,
  });
  const s = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, { label: s?.cohortName ?? '…', to: paths.cohort(id) }];
  if (q.isPending) return <PageLoading title={cohortLabels.page.surveys} breadcrumb={breadcrumb} />;
  if (!s) return <Page title={cohortLabels.page.surveys} breadcrumb={breadcrumb}><Alert severity="error" title={(q.error as Error)?.message ?? ''} /></Page>;

  const set = (qid: string, a: Answer) => setAnswers((all) => ({ ...all, [qid]: a }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    send.mutate({ answers });
  };
  const fieldId = (qid: string) => `q-${qid}`;
  const showForm = s.can.answer && !send.isSuccess;

  return (
    <Page title={s.title} breadcrumb={breadcrumb} lead={s.intro || undefined}>
      <p>
        {cohortLabels.surveyState[s.state]} — {cohortLabels.page.closes(formatDateTime(s.closesAt))}
        {s.can.edit && (
          <>
            {' '}— <Link to={paths.cohortSurveyEdit(id, s.id)}>{cohortLabels.builder.edit}</Link>
          </>
        )}
        {s.can.seeResults && (
          <>
            {' '}— <Link to={paths.cohortSurveyResults(id, s.id)}>{cohortLabels.page.results}</Link>
          </>
        )}
      </p>
      {send.isSuccess && <FocusedAlert severity="success" title={L.thanks} />}
      {!showForm && !send.isSuccess && s.myResponse && <Alert severity="info" title={cohortLabels.page.answered} small description={formatDateTime(s.myResponse.submittedAt)} />}
      {!showForm && !s.myResponse && !send.isSuccess && (
        <Alert severity="info" small description={s.state === 'a_venir' ? L.notOpen : s.state === 'clos' ? L.closed : L.notParticipant} />
      )}
      {showForm && (
        <>
          <ErrorSummary feedback={errors.feedback} fields={Object.fromEntries(s.questions.map((qq) => [`answers.${qq.id}`, { label: qq.label, id: fieldId(qq.id) }]))} />
          {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
          <p className="fr-text--sm">{L.required}</p>
          <form onSubmit={submit} noValidate>
            {s.questions.map((qq) => {
              const err = errors.error(`answers.${qq.id}`);
              const a = answers[qq.id] ?? {};
              const legend = `${qq.position}. ${qq.label}${qq.required ? ' *' : ''}`;
              if (qq.kind === 'text') {
                return (
                  <div key={qq.id} className={`fr-input-group${err ? ' fr-input-group--error' : ''}`}>
                    <label className="fr-label" htmlFor={fieldId(qq.id)}>
                      {legend}
                    </label>
                    <textarea className="fr-input" id={fieldId(qq.id)} rows={4} value={a.text ?? ''} aria-invalid={err ? true : undefined} aria-describedby={err ? `${fieldId(qq.id)}-err` : undefined} onChange={(e) => set(qq.id, { text: e.target.value })} />
                    {err && <p className="fr-error-text" id={`${fieldId(qq.id)}-err`}>{err}</p>}
                  </div>
                );
              }
              const options = qq.kind === 'scale' ? ['1', '2', '3', '4', '5'] : qq.options;
              const multiple = qq.kind === 'multiple';
              return (
                <fieldset key={qq.id} className={`fr-fieldset${err ? ' fr-fieldset--error' : ''}`} aria-labelledby={`${fieldId(qq.id)}-legend`} id={fieldId(qq.id)} tabIndex={-1}>
                  <legend className="fr-fieldset__legend" id={`${fieldId(qq.id)}-legend`}>
                    {legend}
                    {qq.kind === 'scale' && <span className="fr-hint-text">{L.scaleHint}</span>}
                  </legend>
                  {options.map((label, i) => {
                    const value = qq.kind === 'scale' ? i + 1 : i;
                    const checked = qq.kind === 'scale' ? a.scale === value : (a.choices ?? []).includes(value);
                    const oid = `${fieldId(qq.id)}-${i}`;
                    return (
                      <div key={oid} className={`fr-fieldset__element${qq.kind === 'scale' ? ' fr-fieldset__element--inline' : ''}`}>
                        <div className={multiple ? 'fr-checkbox-group' : 'fr-radio-group'}>
                          <input
                            type={multiple ? 'checkbox' : 'radio'}
                            id={oid}
                            name={fieldId(qq.id)}
                            checked={checked}
                            onChange={(e) => {
                              if (qq.kind === 'scale') set(qq.id, { scale: value });
                              else if (!multiple) set(qq.id, { choices: [value] });
                              else set(qq.id, { choices: e.target.checked ? [...(a.choices ?? []), value] : (a.choices ?? []).filter((c) => c !== value) });
                            }}
                          />
                          <label className="fr-label" htmlFor={oid}>
                            {label}
                          </label>
                        </div>
                      </div>
                    );
                  })}
                  {err && (
                    <div className="fr-messages-group">
                      <p className="fr-message fr-message--error">{err}</p>
                    </div>
                  )}
                </fieldset>
              );
            })}
            <Button type="submit" disabled={send.isPending}>
              {L.submit}
            </Button>
          </form>
        </>
      )}
      {s.myResponse && !send.isSuccess && (
        <section aria-labelledby="my-answers" className="fr-mt-4w">
          <h2 id="my-answers">{L.myAnswers}</h2>
          <dl>
            {s.questions.map((qq) => {
              const a = s.myResponse!.answers.find((x) => x.questionId === qq.id);
              const text = !a ? L.noAnswer : qq.kind === 'scale' ? `${a.scale} / 5` : qq.kind === 'text' ? a.text : a.choices.map((c) => qq.options[c]).join(', ');
              return (
                <div key={qq.id}>
                  <dt className="fr-text--bold">{qq.label}</dt>
                  <dd>{text}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}
    </Page>
  );
}
