import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { headlineBody, type headlineFigure, type resultsResponse } from '../../server/cohorts/cohorts.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { cohortsKey, useResults, useSurvey } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.results;
type Results = z.infer<typeof resultsResponse>;
type Question = Results['questions'][number];
type Headline = z.infer<typeof headlineFigure>;
type Aggregate = Question['result'];

const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Horizontal bars, one group per answer (two bars when comparing before and after). Data table beside. */
function BarChart({ id, label, series }: { id: string; label: string; series: { name: string; color: string; data: Aggregate }[] }) {
  const options = series[0]!.data.options.map((o) => o.label);
  const barH = 18;
  const groupH = series.length * barH + 12;
  const labelW = 170;
  const chartW = 300;
  const height = options.length * groupH + 10;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${labelW + chartW + 60} ${height}`} width="100%" style={{ maxWidth: 560 }}>
          <title id={`${id}-title`}>{L.chartTitle(label)}</title>
          {options.map((opt, i) => (
            <g key={opt} transform={`translate(0, ${i * groupH + 5})`}>
              <text x={labelW - 8} y={(series.length * barH) / 2 + 4} textAnchor="end" fontSize="12" fill="#161616">
                {opt.length > 26 ? `${opt.slice(0, 25)}…` : opt}
              </text>
              {series.map((s, j) => {
                const o = s.data.options[i]!;
                return (
                  <g key={s.name}>
                    <rect x={labelW} y={j * barH} width={Math.max(1, o.share * chartW)} height={barH - 4} fill={s.color} />
                    <text x={labelW + Math.max(1, o.share * chartW) + 4} y={j * barH + barH - 7} fontSize="11" fill="#161616">
                      {pct.format(o.share)}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
        {series.length > 1 && (
          <p className="fr-text--xs">
            {series.map((s) => (
              <span key={s.name} className="fr-mr-2w">
                <span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: s.color, marginRight: 4 }} />
                {s.name}
              </span>
            ))}
          </p>
        )}
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <div className="fr-table fr-table--no-caption fr-mb-0">
          <table>
            <caption>{L.tableCaption(label)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.answer}</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {series.length > 1 ? `${s.name} : ` : ''}
                    {L.count} ({L.share})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {options.map((opt, i) => (
                <tr key={opt}>
                  <th scope="row">{opt}</th>
                  {series.map((s) => (
                    <td key={s.name}>
                      {s.data.options[i]!.count} ({pct.format(s.data.options[i]!.share)})
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

function QuestionResult({ q }: { q: Question }) {
  const id = `res-${q.id}`;
  return (
    <section aria-labelledby={`${id}-h`} className="fr-mb-5w">
      <h3 id={`${id}-h`} className="fr-h5">
        {q.position}. {q.label}
      </h3>
      <p className="fr-text--sm">
        {cohortLabels.questionKind[q.kind]} — {L.answered(q.result.answered)}
        {q.result.mean !== null && ` — ${L.mean(dec.format(q.result.mean))}`}
        {q.before?.mean != null && ` (${L.before.toLowerCase()} : ${dec.format(q.before.mean)})`}
      </p>
      {q.kind !== 'text' && (
        <BarChart
          id={id}
          label={q.label}
          series={q.before ? [{ name: L.before, color: '#929292', data: q.before }, { name: L.after, color: '#000091', data: q.result }] : [{ name: L.now, color: '#000091', data: q.result }]}
        />
      )}
      {q.kind === 'text' && (
        <>
          <h4 className="fr-text--md">{L.texts}</h4>
          <ul>
            {q.texts.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function HeadlineMapping({ cohortId, h, questions }: { cohortId: string; h: Headline; questions: { id: string; label: string; kind: string; options: string[]; survey: string }[] }) {
  const [questionId, setQuestionId] = useState(h.questionId ?? '');
  const [yes, setYes] = useState<number[]>(h.yesValues);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/cohorts/${cohortId}/headlines/${h.key}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: cohortsKey }),
    onError: errors.fail,
  });
  const q = questions.find((x) => x.id === questionId);
  const choices = q ? (q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.options) : [];
  const base = `map-${h.key}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(headlineBody, { questionId, yesValues: yes });
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate className="fr-mb-3w">
      <h4 className="fr-text--lg fr-mb-1w">{`« ${h.label} »`}</h4>
      <ErrorSummary as="h4" feedback={errors.feedback} fields={{ questionId: { label: L.question, id: `${base}-q` }, yesValues: { label: L.yesValues, id: `${base}-yes-0` } }} />
      <SelectField
        id={`${base}-q`}
        label={L.question}
        value={questionId}
        onChange={(v) => {
          setQuestionId(v);
          setYes([]);
        }}
        error={errors.error('questionId')}
        emptyOption={L.questionEmpty}
        options={questions.map((x) => ({ value: x.id, label: `${x.survey} — ${x.label}` }))}
      />
      {choices.length > 0 && (
        <fieldset className="fr-fieldset" aria-labelledby={`${base}-legend`}>
          <legend className="fr-fieldset__legend fr-text--regular" id={`${base}-legend`}>
            {L.yesValues}
          </legend>
          {choices.map((c, i) => {
            const v = q!.kind === 'scale' ? i + 1 : i;
            return (
              <div key={c} className="fr-fieldset__element fr-fieldset__element--inline">
                <div className="fr-checkbox-group">
                  <input type="checkbox" id={`${base}-yes-${i}`} checked={yes.includes(v)} onChange={(e) => setYes((y) => (e.target.checked ? [...y, v] : y.filter((x) => x !== v)))} />
                  <label className="fr-label" htmlFor={`${base}-yes-${i}`}>
                    {c}
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
      {save.isSuccess && <FocusedAlert severity="success" title={L.saved} as="h4" />}
      <Button type="submit" size="small" priority="secondary" disabled={save.isPending}>
        {L.save}
      </Button>
    </form>
  );
}

export function SurveyResultsPage() {
  const { id = '', surveyId = '' } = useParams();
  const q = useResults(surveyId);
  const survey = useSurvey(surveyId);
  const r = q.data;
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, { label: r?.survey.cohortName ?? '…', to: paths.cohort(id) }];
  if (q.isPending) return <PageLoading title={cohortLabels.page.results} breadcrumb={breadcrumb} />;
  if (!r) return <Page title={cohortLabels.page.results} breadcrumb={breadcrumb}><Alert severity="error" title={(q.error as Error)?.message ?? ''} /></Page>;
  // Questions of this survey that can give a percentage (the mapping may also point to the other survey's).
  const mappable: { id: string; label: string; kind: string; options: string[]; survey: string }[] = r.questions.filter((x) => x.kind !== 'text').map((x) => ({ id: x.id, label: x.label, kind: x.kind, options: x.options, survey: cohortLabels.surveyPhase[r.survey.phase] }));
  for (const h of r.headlines)
    if (h.questionId && !mappable.some((m) => m.id === h.questionId)) mappable.push({ id: h.questionId, label: h.questionLabel ?? '', kind: 'single', options: [], survey: '' });
  return (
    <Page title={L.title(r.survey.title)} breadcrumb={breadcrumb}>
      <p>{L.rate(r.respondents, r.invited, r.responseRate === null ? '—' : pct.format(r.responseRate))}</p>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/cohorts/surveys/${encodeURIComponent(surveyId)}/export.csv`} download>
          {L.export}
        </a>
      </p>
      <section aria-labelledby="headlines" className="fr-mb-5w">
        <h2 id="headlines">{L.headlines}</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {r.headlines.map((h) => (
            <div key={h.key} className="fr-col-12 fr-col-md-6">
              <div className="fr-callout">
                <p className="fr-callout__title" data-testid={`headline-${h.key}`}>
                  {h.share === null ? '—' : pct.format(h.share)} {h.label}
                </p>
                <p className="fr-callout__text fr-text--sm">{h.mapped ? L.headlineOf(h.yes, h.of, h.questionLabel ?? '') : L.headlineNotMapped}</p>
              </div>
            </div>
          ))}
        </div>
        <details className="fr-mt-2w">
          <summary>{L.mapping}</summary>
          <p className="fr-text--sm">{L.mappingHelp}</p>
          {survey.data && r.headlines.map((h) => <HeadlineMapping key={`${h.key}-${h.questionId}`} cohortId={id} h={h} questions={mappable} />)}
        </details>
      </section>
      <section aria-labelledby="per-question">
        <h2 id="per-question">Résultats par question</h2>
        {r.questions.map((x) => (
          <QuestionResult key={x.id} q={x} />
        ))}
      </section>
    </Page>
  );
}
