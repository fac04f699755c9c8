import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { spaserStageValues } from '../../server/cohorts/cohorts.contract';
import { CARD_ROLE_MAX, cardBody, type myCardResponse } from '../../server/cohorts/programme/participants.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';
import { useMyCard } from './participants.api';
import { participantsLabels } from './participants.labels';

const L = participantsLabels.card;
type Form = { jobRole: string; spaserStage: string; motivation: string; canBring: string; needs: string };
const ids = { jobRole: 'card-job', spaserStage: 'card-stage', motivation: 'card-motivation', canBring: 'card-can-bring', needs: 'card-needs' } as const;

/** The participant's « carte d'identité » of the décollage: filled once, editable, a draft kept in this browser. */
export function CohortCardPage() {
  const { id = '' } = useParams();
  const q = useMyCard(id);
  const crumbs = [{ label: cohortLabels.list.title, to: paths.cohorts() }, { label: q.data?.cohortName ?? cohortLabels.list.title, to: paths.cohort(id) }];
  if (q.isPending) return <PageLoading title={L.crumb} breadcrumb={crumbs} />;
  if (!q.data)
    return (
      <Page title={L.crumb} breadcrumb={crumbs}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? ''} />
        <p className="fr-mt-3w">
          <Link to={paths.cohort(id)}>{L.backToCohort}</Link>
        </p>
      </Page>
    );
  return <CardForm cohortId={id} data={q.data} crumbs={crumbs} />;
}

function CardForm({ cohortId, data, crumbs }: { cohortId: string; data: z.infer<typeof myCardResponse>; crumbs: { label: string; to: string }[] }) {
  const { user } = useSession();
  const start = data.card ?? data.prefill;
  const initial: Form = { jobRole: start.jobRole, spaserStage: start.spaserStage ?? '', motivation: start.motivation, canBring: start.canBring, needs: start.needs };
  // Kept in this browser at each keystroke, per person and cohort, until saved.
  const draft = useDraft<Form>(user ? `carte.${cohortId}.${user.id}` : null, initial);
  const form = draft.value;
  const set = (k: keyof Form) => (v: string) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [saved, setSaved] = useState(0);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/cohorts/${encodeURIComponent(cohortId)}/cards/mine`, body),
    onSuccess: async () => {
      draft.clearDraft();
      setSaved((n) => n + 1);
      await qc.invalidateQueries({ queryKey: cohortsKey });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(cardBody, form);
    if (body) save.mutate(body);
  };
  return (
    <Page title={L.title(data.cohortName)} breadcrumb={crumbs} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          jobRole: { label: L.jobRole, id: ids.jobRole },
          spaserStage: { label: L.stage, id: ids.spaserStage },
          motivation: { label: L.motivation, id: ids.motivation },
          canBring: { label: L.canBring, id: ids.canBring },
          needs: { label: L.needs, id: ids.needs },
        }}
      />
      {saved > 0 && <FocusedAlert severity="success" title={L.saved} focusKey={saved} />}
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      {!data.card && data.prefill.spaserStage && <p className="fr-text--sm">{L.prefilled}</p>}
      {data.card && <p className="fr-text--sm">{L.lastSaved(formatDateTime(data.card.updatedAt))}</p>}
      <dl className="entraide-facts fr-mb-3w">
        <dt>{L.organisation}</dt>
        <dd>{data.organisationName ?? '—'}</dd>
      </dl>
      <form onSubmit={submit} noValidate>
        <TextField id={ids.jobRole} label={L.jobRole} hint={L.jobRoleHint} value={form.jobRole} onChange={set('jobRole')} error={errors.error('jobRole')} maxLength={CARD_ROLE_MAX} />
        <SelectField
          id={ids.spaserStage}
          label={L.stage}
          value={form.spaserStage}
          onChange={set('spaserStage')}
          error={errors.error('spaserStage')}
          emptyOption={L.stageEmpty}
          options={spaserStageValues.map((v) => ({ value: v, label: cohortLabels.spaserStage[v] }))}
        />
        <TextField id={ids.motivation} label={L.motivation} hint={L.textHint} textArea rows={4} value={form.motivation} onChange={set('motivation')} error={errors.error('motivation')} />
        <TextField id={ids.canBring} label={L.canBring} hint={L.textHint} textArea rows={4} value={form.canBring} onChange={set('canBring')} error={errors.error('canBring')} />
        <TextField id={ids.needs} label={L.needs} hint={L.textHint} textArea rows={4} value={form.needs} onChange={set('needs')} error={errors.error('needs')} />
        <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
          <li>
            <Button type="submit" disabled={save.isPending}>
              {L.save}
            </Button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.cohort(cohortId)}>
              {L.backToCohort}
            </Link>
          </li>
        </ul>
      </form>
    </Page>
  );
}
