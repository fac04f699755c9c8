import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import RadioButtons from '@codegouvfr/react-dsfr/RadioButtons';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { okResponse } from '../../server/accounts/accounts.contract';
import { createSpaserBody, type SpaserModels } from '../../server/spaser/spaser.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { spasersKey, useMySpasers, useSpaserModels } from './api';
import { spaserLabels } from './labels';
import { MyReviews } from './ReviewPanel';

const L = spaserLabels.list;
const C = spaserLabels.create;

/** « Mes SPASER »: the schémas of the person's organisations, and the form that starts one. */
export function MySpasersPage() {
  const { user } = useSession();
  const organisations = (user?.memberships ?? []).filter((m) => m.status === 'verified');
  const list = useMySpasers(organisations.length > 0);
  // « Mettre en pratique » from a lesson (issue 22): /spaser?partie=<section> opens that part of the
  // person's schéma when they have one; with several, the list says to choose.
  const [search] = useSearchParams();
  const part = search.get('partie');
  const partName = part ? spaserLabels.builder.sections[part] : undefined;
  const navigate = useNavigate();
  const only = list.data?.items.length === 1 ? list.data.items[0]! : null;
  useEffect(() => {
    if (partName && only) navigate(paths.spaserSection(only.id, part!), { replace: true });
  }, [partName, only, part, navigate]);
  return (
    <Page title={L.title} lead={L.lead}>
      {partName && list.data && !only && <Alert severity="info" small className="fr-mb-4w" description={list.data.items.length ? L.choosePart(partName) : L.createFirst(partName)} />}
      <MyReviews />
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
          {list.data && <Invitations items={list.data.items} />}
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

/** The invitations of the person's organisations to join a joint schéma, each accepted in one step. */
function Invitations({ items }: { items: { id: string; title: string; invitedAs: { organisationId: string; name: string }[] }[] }) {
  const I = spaserLabels.invitations;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const accept = useMutation({
    mutationFn: (v: { spaserId: string; organisationId: string }) => api.post(`/api/spasers/${v.spaserId}/buyers/${v.organisationId}/accept`, {}, okResponse),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: spasersKey });
      void navigate(paths.spaser(v.spaserId));
    },
    onError: errors.fail,
  });
  const [declined, setDeclined] = useState<string | null>(null);
  const decline = useMutation({
    mutationFn: (v: { spaserId: string; title: string; organisationId: string; name: string }) => api.post(`/api/spasers/${v.spaserId}/buyers/${v.organisationId}/decline`, {}, okResponse),
    onSuccess: (_r, v) => {
      setDeclined(I.declined(v.title, v.name));
      void qc.invalidateQueries({ queryKey: spasersKey });
    },
    onError: errors.fail,
  });
  const pending = items.flatMap((s) => s.invitedAs.map((o) => ({ spaser: s, organisation: o })));
  if (!pending.length) return declined ? <FocusedAlert severity="success" as="h2" title={declined} /> : null;
  return (
    <section aria-labelledby="spaser-invitations-title" className="fr-mb-6w">
      <h2 id="spaser-invitations-title">{I.title}</h2>
      {declined && <FocusedAlert severity="success" as="h3" title={declined} />}
      <ErrorSummary feedback={errors.feedback} fields={{}} as="h3" />
      <ul className="fr-raw-list">
        {pending.map(({ spaser, organisation }) => (
          <li key={`${spaser.id}-${organisation.organisationId}`} className="fr-mb-3w">
            <p className="fr-mb-1w">{I.text(spaser.title, organisation.name)}</p>
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="button" disabled={accept.isPending} onClick={() => accept.mutate({ spaserId: spaser.id, organisationId: organisation.organisationId })}>
                  {I.accept(organisation.name)}
                </Button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--secondary" to={paths.spaser(spaser.id)}>
                  {I.read}
                </Link>
              </li>
              <li>
                <Button type="button" priority="tertiary" disabled={decline.isPending} onClick={() => decline.mutate({ spaserId: spaser.id, title: spaser.title, organisationId: organisation.organisationId, name: organisation.name })}>
                  {I.decline(organisation.name)}
                </Button>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Form = { organisationId: string; title: string; periodStart: string; periodEnd: string; model?: string };

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
          model: { label: C.startFrom, id: 'spaser-modele' },
        }}
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(createSpaserBody, { ...form, periodEnd: form.periodEnd.trim() === '' ? null : form.periodEnd, model: form.model || null });
          if (body) create.mutate(body);
        }}
      >
        <SelectField id="spaser-org" label={C.organisation} value={form.organisationId} onChange={(organisationId) => set({ organisationId, model: '' })} emptyOption="" options={organisations.map((o) => ({ value: o.id, label: o.name }))} error={errors.error('organisationId')} />
        <TextField id="spaser-title" label={C.titleField} hint={C.titleHint} value={form.title} onChange={(title) => set({ title })} error={errors.error('title')} maxLength={200} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <TextField id="spaser-start" label={C.periodStart} inputMode="numeric" value={form.periodStart} onChange={(periodStart) => set({ periodStart })} error={errors.error('periodStart')} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField id="spaser-end" label={C.periodEnd} hint={C.periodEndHint} optional inputMode="numeric" value={form.periodEnd} onChange={(periodEnd) => set({ periodEnd })} error={errors.error('periodEnd')} />
          </div>
        </div>
        <StartFrom organisationId={form.organisationId} value={form.model ?? ''} onChange={(model) => set({ model })} error={errors.error('model')} />
        <Button type="submit" disabled={create.isPending}>
          {C.submit}
        </Button>
      </form>
    </section>
  );
}

/**
 * « Partir d'un modèle » (item 6): no structure, the blank template, or one of the adopted schémas of
 * similar organisations, each with the reason it is offered.
 */
function StartFrom(props: { organisationId: string; value: string; onChange: (v: string) => void; error?: string }) {
  const models = useSpaserModels(props.organisationId);
  const data: SpaserModels | undefined = models.data;
  const option = (value: string, label: string, hintText?: string) => ({
    label,
    hintText,
    nativeInputProps: { value, checked: props.value === value, onChange: () => props.onChange(value) },
  });
  return (
    <div id="spaser-modele" tabIndex={-1}>
      {props.organisationId === '' ? (
        <p className="fr-hint-text">{C.chooseOrganisation}</p>
      ) : models.isPending ? (
        <p role="status">{C.loadingModels}</p>
      ) : (
        <>
          {data?.noSuggestion && <p className="fr-text--sm">{C.noSuggestion[data.noSuggestion]}</p>}
          <RadioButtons
            legend={C.startFrom}
            hintText={C.startFromHint}
            name="spaser-modele"
            state={props.error ? 'error' : 'default'}
            stateRelatedMessage={props.error}
            options={[
              option('', C.none),
              option('blank', C.blank, data ? C.blankHint(data.blank.axes.map((a) => a.title).join(', ')) : undefined),
              ...(data?.items ?? []).map((m) => option(m.id, C.model(m.title, m.organisationName), `${m.reason} ${C.counts(m.counts)}`)),
            ]}
          />
          {data?.year && data.band && (
            <p className="fr-text--xs">
              {C.similarOn(data.year, data.band)} {data.definition}
            </p>
          )}
        </>
      )}
    </div>
  );
}
