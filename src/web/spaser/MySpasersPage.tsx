import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { createSpaserBody } from '../../server/spaser/spaser.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { useMySpasers } from './api';
import { spaserLabels } from './labels';

const L = spaserLabels.list;
const C = spaserLabels.create;

/** « Mes SPASER »: the schémas of the person's organisations, and the form that starts one. */
export function MySpasersPage() {
  const { user } = useSession();
  const organisations = (user?.memberships ?? []).filter((m) => m.status === 'verified');
  const list = useMySpasers(organisations.length > 0);
  return (
    <Page title={L.title} lead={L.lead}>
      {organisations.length === 0 ? (
        <Alert
          severity="info"
          small
          className="fr-mb-4w"
          description={
            <>
              {L.notVerified} <Link to={paths.myOrganisation()}>{L.goVerify}</Link>
            </>
          }
        />
      ) : (
        <>
          {list.isPending ? (
            <p role="status">{platformLabels.loading}</p>
          ) : list.data && list.data.items.length > 0 ? (
            <div className="fr-mb-6w">
              <Table
                caption={L.caption}
                headers={[L.colTitle, L.colBuyers, L.colPeriod, L.colStatus]}
                data={list.data.items.map((s) => [
                  <Link key={s.id} to={paths.spaser(s.id)}>
                    {s.title}
                  </Link>,
                  s.buyers.join(', '),
                  L.period(s.periodStart, s.periodEnd),
                  spaserLabels.statuses[s.status],
                ])}
              />
            </div>
          ) : (
            <p className="fr-mb-4w">{L.empty}</p>
          )}
          <CreateForm organisations={organisations.map((m) => ({ id: m.organisationId, name: m.organisationName }))} userId={user!.id} />
        </>
      )}
    </Page>
  );
}

type Form = { organisationId: string; title: string; periodStart: string; periodEnd: string };

function CreateForm({ organisations, userId }: { organisations: { id: string; name: string }[]; userId: string }) {
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  const initial: Form = { organisationId: organisations.length === 1 ? organisations[0]!.id : '', title: '', periodStart: String(year), periodEnd: String(year + 2) };
  const draft = useDraft<Form>(`spaser.nouveau.${userId}`, initial);
  const form = draft.value;
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (body: z.output<typeof createSpaserBody>) => api.post('/api/spasers', body, z.object({ id: z.string() })),
    onSuccess: (r) => {
      draft.clearDraft();
      void navigate(paths.spaser(r.id));
    },
    onError: errors.fail,
  });
  const set = (patch: Partial<Form>) => draft.setValue({ ...form, ...patch });
  return (
    <section aria-labelledby="spaser-create-title">
      <h2 id="spaser-create-title">{C.title}</h2>
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          organisationId: { label: C.organisation, id: 'spaser-org' },
          title: { label: C.titleField, id: 'spaser-title' },
          periodStart: { label: C.periodStart, id: 'spaser-start' },
          periodEnd: { label: C.periodEnd, id: 'spaser-end' },
        }}
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(createSpaserBody, { ...form, periodEnd: form.periodEnd.trim() === '' ? null : form.periodEnd });
          if (body) create.mutate(body);
        }}
      >
        <SelectField id="spaser-org" label={C.organisation} value={form.organisationId} onChange={(organisationId) => set({ organisationId })} emptyOption="" options={organisations.map((o) => ({ value: o.id, label: o.name }))} error={errors.error('organisationId')} />
        <TextField id="spaser-title" label={C.titleField} hint={C.titleHint} value={form.title} onChange={(title) => set({ title })} error={errors.error('title')} maxLength={200} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <TextField id="spaser-start" label={C.periodStart} inputMode="numeric" value={form.periodStart} onChange={(periodStart) => set({ periodStart })} error={errors.error('periodStart')} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField id="spaser-end" label={C.periodEnd} hint={C.periodEndHint} optional inputMode="numeric" value={form.periodEnd} onChange={(periodEnd) => set({ periodEnd })} error={errors.error('periodEnd')} />
          </div>
        </div>
        <Button type="submit" disabled={create.isPending}>
          {C.submit}
        </Button>
      </form>
    </section>
  );
}
