import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { collectionInput, createdResponse, okResponse, reviewBody } from '../../server/library/library.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { TextField } from '../platform/fields';
import { formatDate } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { libraryKey, useProposals, useResources } from './api';
import { kindLabel } from './components';
import { libraryLabels } from './labels';

const L = libraryLabels.review;

/** Publish or reject a proposal, with a message e-mailed to the member. */
export function ReviewForm({ resourceId }: { resourceId: string }) {
  const [message, setMessage] = useState('');
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const decide = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/library/resources/${encodeURIComponent(resourceId)}/review`, body, okResponse),
    onSuccess: async () => {
      setDone(true);
      await qc.invalidateQueries({ queryKey: libraryKey });
    },
    onError: errors.fail,
  });
  const id = `review-message-${resourceId}`;
  const send = (decision: 'approve' | 'reject') => (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(reviewBody, { decision, message });
    if (body) decide.mutate(body);
  };
  if (done) return <FocusedAlert severity="success" as="h3" title={L.done} />;
  return (
    <form noValidate onSubmit={send('approve')}>
      <ErrorSummary as="h3" feedback={errors.feedback} fields={{ message: { label: L.message, id } }} />
      <TextField id={id} label={L.message} hint={L.messageHint} optional textArea rows={3} value={message} onChange={setMessage} error={errors.error('message')} maxLength={2000} />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" disabled={decide.isPending}>
            {L.approve}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" disabled={decide.isPending} onClick={send('reject')}>
            {L.reject}
          </Button>
        </li>
      </ul>
    </form>
  );
}

function NewCollectionForm() {
  const latest = useResources({ page: 1 });
  const [form, setForm] = useState({ title: '', description: '', resourceIds: [] as string[] });
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => api.post('/api/library/collections', body, createdResponse),
    onSuccess: async (r) => {
      setCreated(r.id);
      setForm({ title: '', description: '', resourceIds: [] });
      await qc.invalidateQueries({ queryKey: libraryKey });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(collectionInput, form);
    if (body) create.mutate(body);
  };
  const toggle = (id: string, on: boolean) => setForm((f) => ({ ...f, resourceIds: on ? [...f.resourceIds, id] : f.resourceIds.filter((x) => x !== id) }));
  return (
    <form noValidate onSubmit={submit}>
      {created && (
        <FocusedAlert severity="success" as="h3" title={libraryLabels.review.collectionSubmit} description={<Link to={paths.libraryCollection(created)}>{libraryLabels.home.collectionsTitle}</Link>} focusKey={created} />
      )}
      <ErrorSummary as="h3" feedback={errors.feedback} fields={{ title: { label: L.collectionName, id: 'collection-title' }, description: { label: L.collectionDescription, id: 'collection-description' } }} />
      <TextField id="collection-title" label={L.collectionName} value={form.title} onChange={(v) => setForm((f) => ({ ...f, title: v }))} error={errors.error('title')} maxLength={150} />
      <TextField id="collection-description" label={L.collectionDescription} optional textArea rows={2} value={form.description} onChange={(v) => setForm((f) => ({ ...f, description: v }))} error={errors.error('description')} />
      {latest.data && latest.data.items.length > 0 && (
        <Checkbox
          legend={L.collectionResources}
          small
          options={latest.data.items.map((r) => ({
            label: `${r.title} (${kindLabel(r.kind)})`,
            nativeInputProps: { checked: form.resourceIds.includes(r.id), onChange: (e) => toggle(r.id, e.target.checked) },
          }))}
        />
      )}
      <Button type="submit" disabled={create.isPending}>
        {L.collectionSubmit}
      </Button>
    </form>
  );
}

export function ReviewPage() {
  const proposals = useProposals();
  return (
    <Page title={L.title} breadcrumb={[{ label: libraryLabels.home.title, to: paths.library() }]} lead={L.lead}>
      <section aria-labelledby="review-list-title">
        <h2 id="review-list-title">{libraryLabels.home.review}</h2>
        {proposals.data?.items.length === 0 && <p>{L.empty}</p>}
        <ul className="entraide-plain-list">
          {proposals.data?.items.map((p) => (
            <li key={p.id} className="fr-py-3w entraide-question-item">
              <h3 className="fr-h6 fr-mb-1w">
                <Link to={paths.libraryResource(p.id)}>{p.title}</Link>
              </h3>
              <p className="fr-text--sm fr-mb-1w">
                {kindLabel(p.kind)} · {L.proposedBy(p.proposedBy?.displayName ?? '—', formatDate(p.createdAt))}
              </p>
              {p.summary && <p className="fr-text--sm">{p.summary}</p>}
              <ReviewForm resourceId={p.id} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="review-collection-title" className="fr-mt-6w">
        <h2 id="review-collection-title">{L.collectionTitle}</h2>
        <NewCollectionForm />
      </section>
    </Page>
  );
}
