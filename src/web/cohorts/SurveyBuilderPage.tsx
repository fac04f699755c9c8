import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { createdResponse, questionKindValues, surveyBody, surveyPhaseValues } from '../../server/cohorts/cohorts.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, useFormErrors } from '../platform/forms';
import { cohortsKey, useCohort } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.builder;
type Q = { kind: string; label: string; options: string; required: boolean };
const emptyQuestion: Q = { kind: 'single', label: '', options: '', required: true };

/** The questionnaire builder: start or end questionnaire, dates, and questions of four kinds. */
export function SurveyBuilderPage() {
  const { id = '' } = useParams();
  const cohort = useCohort(id);
  const [form, setForm] = useState({ phase: '', title: '', intro: '', opensAt: '', closesAt: '' });
  const [questions, setQuestions] = useState<Q[]>([{ ...emptyQuestion }]);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/${encodeURIComponent(id)}/surveys`, body, createdResponse),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: cohortsKey });
      navigate(paths.cohortSurvey(id, r.id));
    },
    onError: errors.fail,
  });
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(cohort.data ? [{ label: cohort.data.name, to: paths.cohort(id) }] : [])];
  if (cohort.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  if (!cohort.data?.can.manage) return <Page title={L.title} breadcrumb={breadcrumb}><Alert severity="error" small description={L.forbidden} /></Page>;

  const setQ = (i: number, patch: Partial<Q>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const body = () => ({
    ...form,
    questions: questions.map((q) => ({ kind: q.kind, label: q.label, options: q.options.split('\n'), required: q.required })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = errors.validate(surveyBody, body());
    if (parsed) create.mutate(parsed);
  };
  const fields: Record<string, { label: string; id: string }> = {
    phase: { label: L.phase, id: 'survey-phase' },
    title: { label: L.titleLabel, id: 'survey-title' },
    opensAt: { label: L.opensAt, id: 'survey-opens' },
    closesAt: { label: L.closesAt, id: 'survey-closes' },
    questions: { label: L.questions, id: 'survey-q-0-label' },
  };
  questions.forEach((_, i) => {
    fields[`questions.${i}.kind`] = { label: L.kind(i + 1), id: `survey-q-${i}-kind` };
    fields[`questions.${i}.label`] = { label: L.label(i + 1), id: `survey-q-${i}-label` };
    fields[`questions.${i}.options`] = { label: L.options(i + 1), id: `survey-q-${i}-options` };
  });
  return (
    <Page title={L.title} breadcrumb={breadcrumb} lead={L.lead}>
      <ErrorSummary feedback={errors.feedback} fields={fields} />
      <form onSubmit={submit} noValidate>
        <SelectField id="survey-phase" label={L.phase} value={form.phase} onChange={(v) => setForm((f) => ({ ...f, phase: v }))} error={errors.error('phase')} emptyOption={L.phaseEmpty} options={surveyPhaseValues.map((v) => ({ value: v, label: cohortLabels.surveyPhase[v] }))} />
        <TextField id="survey-title" label={L.titleLabel} value={form.title} onChange={(v) => setForm((f) => ({ ...f, title: v }))} error={errors.error('title')} maxLength={150} />
        <TextField id="survey-intro" label={L.intro} optional textArea rows={3} value={form.intro} onChange={(v) => setForm((f) => ({ ...f, intro: v }))} error={errors.error('intro')} />
        <TextField id="survey-opens" label={L.opensAt} hint={L.dateHint} value={form.opensAt} onChange={(v) => setForm((f) => ({ ...f, opensAt: v }))} error={errors.error('opensAt')} />
        <TextField id="survey-closes" label={L.closesAt} hint={L.dateHint} value={form.closesAt} onChange={(v) => setForm((f) => ({ ...f, closesAt: v }))} error={errors.error('closesAt')} />
        <h2 className="fr-h4">{L.questions}</h2>
        {questions.map((q, i) => (
          <fieldset key={i} className="fr-fieldset fr-p-2w fr-mb-3w" style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby={`survey-q-${i}-legend`}>
            <legend className="fr-fieldset__legend" id={`survey-q-${i}-legend`}>
              {L.question(i + 1)}
            </legend>
            <div className="fr-fieldset__element">
              <SelectField id={`survey-q-${i}-kind`} label={L.kind(i + 1)} value={q.kind} onChange={(v) => setQ(i, { kind: v })} error={errors.error(`questions.${i}.kind`)} options={questionKindValues.map((k) => ({ value: k, label: cohortLabels.questionKind[k] }))} />
              <TextField id={`survey-q-${i}-label`} label={L.label(i + 1)} value={q.label} onChange={(v) => setQ(i, { label: v })} error={errors.error(`questions.${i}.label`)} maxLength={500} />
              {(q.kind === 'single' || q.kind === 'multiple') && (
                <TextField id={`survey-q-${i}-options`} label={L.options(i + 1)} hint={L.optionsHint} textArea rows={4} value={q.options} onChange={(v) => setQ(i, { options: v })} error={errors.error(`questions.${i}.options`)} />
              )}
              <div className="fr-checkbox-group fr-mb-2w">
                <input type="checkbox" id={`survey-q-${i}-required`} checked={q.required} onChange={(e) => setQ(i, { required: e.target.checked })} />
                <label className="fr-label" htmlFor={`survey-q-${i}-required`}>
                  {L.required(i + 1)}
                </label>
              </div>
              {questions.length > 1 && (
                <Button type="button" priority="tertiary" size="small" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                  {L.remove(i + 1)}
                </Button>
              )}
            </div>
          </fieldset>
        ))}
        <Button type="button" priority="secondary" className="fr-mb-4w" onClick={() => setQuestions((qs) => [...qs, { ...emptyQuestion }])}>
          {L.add}
        </Button>
        <div>
          <Button type="submit" disabled={create.isPending}>
            {L.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}
