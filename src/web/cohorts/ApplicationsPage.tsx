import { spaserStatusLabels } from '../../server/spaser/spaser-status.contract';
import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { decideBody, type applicationItem } from '../../server/cohorts/cohorts.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatDateTime } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { TextField } from '../platform/fields';
import { cohortsKey, useApplications, useCohort } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.review;
type Item = z.infer<typeof applicationItem>;
type Decision = 'accepted' | 'refused' | 'waitlisted';

function DecisionForm({ item }: { item: Item }) {
  const [decision, setDecision] = useState<Decision | ''>('');
  const [message, setMessage] = useState('');
  const errors = useFormErrors();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/applications/${item.id}/decision`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: cohortsKey }),
    onError: errors.fail,
  });
  const choose = (d: Decision) => {
    setDecision(d);
    if (!message || Object.values(L.defaultMessage).includes(message)) setMessage(L.defaultMessage[d]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(decideBody, { decision, message });
    if (body) send.mutate(body);
  };
  const base = `decision-${item.id}`;
  return (
    <form onSubmit={submit} noValidate className="fr-mt-2w">
      <ErrorSummary as="h4" feedback={errors.feedback} fields={{ decision: { label: L.decision, id: `${base}-accepted` }, message: { label: L.message, id: `${base}-message` } }} />
      <fieldset className="fr-fieldset" aria-labelledby={`${base}-legend`}>
        <legend className="fr-fieldset__legend fr-text--regular" id={`${base}-legend`}>
          {L.decision} — {item.applicant.firstName} {item.applicant.lastName}
        </legend>
        {(['accepted', 'waitlisted', 'refused'] as const).map((d) => (
          <div className="fr-fieldset__element fr-fieldset__element--inline" key={d}>
            <div className="fr-radio-group">
              <input type="radio" id={`${base}-${d}`} name={base} checked={decision === d} onChange={() => choose(d)} />
              <label className="fr-label" htmlFor={`${base}-${d}`}>
                {d === 'accepted' ? L.accept : d === 'refused' ? L.refuse : L.waitlist}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <TextField id={`${base}-message`} label={L.message} textArea rows={3} value={message} onChange={setMessage} error={errors.error('message')} />
      {send.isSuccess && <FocusedAlert severity="success" title={L.done} as="h4" />}
      <Button type="submit" size="small" disabled={send.isPending}>
        {L.send}
      </Button>
    </form>
  );
}

export function ApplicationsPage() {
  const { id = '' } = useParams();
  const cohort = useCohort(id);
  const q = useApplications(id);
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(cohort.data ? [{ label: cohort.data.name, to: paths.cohort(id) }] : [])];
  const title = L.title(cohort.data?.name ?? '');
  if (q.isPending || cohort.isPending) return <PageLoading title={cohortLabels.page.review} breadcrumb={breadcrumb} />;
  if (!q.data) return <Page title={cohortLabels.page.review} breadcrumb={breadcrumb}><Alert severity="error" title={(q.error as Error)?.message ?? ''} /></Page>;
  return (
    <Page title={title} breadcrumb={breadcrumb}>
      <p>{L.counts(q.data.counts, q.data.capacity)}</p>
      {q.data.items.length === 0 && <p>{L.empty}</p>}
      {q.data.items.map((a) => (
        <section key={a.id} aria-labelledby={`app-${a.id}`} className="fr-mb-4w fr-p-2w" style={{ border: '1px solid var(--border-default-grey)' }}>
          <h2 id={`app-${a.id}`} className="fr-h5">
            {a.applicant.firstName} {a.applicant.lastName} — {a.organisation.name}{' '}
            <Badge as="span" small noIcon severity={a.status === 'accepted' ? 'success' : a.status === 'refused' ? 'error' : a.status === 'waitlisted' ? 'warning' : 'info'}>
              {cohortLabels.applicationStatus[a.status]}
            </Badge>
          </h2>
          <dl>
            <dt className="fr-text--bold">{L.jobRole}</dt>
            <dd>{a.jobRole}</dd>
            <dt className="fr-text--bold">{L.organisationSpaser}</dt>
            <dd>{spaserStatusLabels[a.organisation.spaserStatus]}</dd>
            <dt className="fr-text--bold">{L.stage}</dt>
            <dd>{cohortLabels.spaserStage[a.spaserStage]}</dd>
            <dt className="fr-text--bold">{L.expectations}</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{a.expectations}</dd>
            <dt className="fr-text--bold">{L.availability}</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{a.availability}</dd>
          </dl>
          <p className="fr-text--sm">Reçue le {formatDateTime(a.createdAt)}</p>
          {a.decisionMessage && <p className="fr-text--sm">{L.message} : {a.decisionMessage}</p>}
          {(a.status === 'pending' || a.status === 'waitlisted') && <DecisionForm item={a} />}
        </section>
      ))}
    </Page>
  );
}
