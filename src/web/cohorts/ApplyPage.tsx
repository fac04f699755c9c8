import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { applyBody, createdResponse, spaserStageValues } from '../../server/cohorts/cohorts.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey, useCohort } from './api';
import { cohortLabels } from './labels';

const L = cohortLabels.apply;
type Form = { organisationId: string; jobRole: string; spaserStage: string; expectations: string; availability: string };
const ids = { organisationId: 'apply-organisation', jobRole: 'apply-job', spaserStage: 'apply-stage', expectations: 'apply-expectations', availability: 'apply-availability' } as const;

export function ApplyPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const q = useCohort(id);
  const orgs = user?.memberships.filter((m) => m.status === 'verified') ?? [];
  const initial: Form = { organisationId: orgs.length === 1 ? orgs[0]!.organisationId : '', jobRole: user?.jobTitle ?? '', spaserStage: '', expectations: '', availability: '' };
  // Saved in this browser at each keystroke, per person and cohort, until sent.
  const draft = useDraft<Form>(user ? `candidature.${id}.${user.id}` : null, initial);
  const form = draft.value;
  const set = (k: keyof Form) => (v: string) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const send = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/${encodeURIComponent(id)}/applications`, body, createdResponse),
    onSuccess: async () => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: cohortsKey });
      navigate(paths.cohort(id));
    },
    onError: errors.fail,
  });
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(q.data ? [{ label: q.data.name, to: paths.cohort(id) }] : [])];
  if (q.isPending) return <PageLoading title={cohortLabels.page.apply} breadcrumb={breadcrumb} />;
  if (!q.data) return <Page title={cohortLabels.page.apply} breadcrumb={breadcrumb}><Alert severity="error" title={(q.error as Error)?.message ?? ''} /></Page>;
  const title = L.title(q.data.name);
  if (!q.data.can.apply) {
    return (
      <Page title={title} breadcrumb={breadcrumb}>
        <Alert severity="info" title={q.data.myApplication ? cohortLabels.page.applicationSent : L.notOpen} />
      </Page>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(applyBody, form);
    if (body) send.mutate(body);
  };
  return (
    <Page title={title} breadcrumb={breadcrumb} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          organisationId: { label: L.organisation, id: ids.organisationId },
          jobRole: { label: L.jobRole, id: ids.jobRole },
          spaserStage: { label: L.stage, id: ids.spaserStage },
          expectations: { label: L.expectations, id: ids.expectations },
          availability: { label: L.availability, id: ids.availability },
        }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        <SelectField
          id={ids.organisationId}
          label={L.organisation}
          hint={L.organisationHint}
          value={form.organisationId}
          onChange={set('organisationId')}
          error={errors.error('organisationId')}
          emptyOption={L.organisationEmpty}
          options={orgs.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
        />
        <TextField id={ids.jobRole} label={L.jobRole} hint={L.jobRoleHint} value={form.jobRole} onChange={set('jobRole')} error={errors.error('jobRole')} maxLength={150} />
        <SelectField
          id={ids.spaserStage}
          label={L.stage}
          value={form.spaserStage}
          onChange={set('spaserStage')}
          error={errors.error('spaserStage')}
          emptyOption={L.stageEmpty}
          options={spaserStageValues.map((v) => ({ value: v, label: cohortLabels.spaserStage[v] }))}
        />
        <TextField id={ids.expectations} label={L.expectations} textArea rows={6} value={form.expectations} onChange={set('expectations')} error={errors.error('expectations')} />
        <TextField id={ids.availability} label={L.availability} hint={L.availabilityHint} textArea rows={3} value={form.availability} onChange={set('availability')} error={errors.error('availability')} />
        <Button type="submit" disabled={send.isPending}>
          {L.submit}
        </Button>
      </form>
    </Page>
  );
}
