import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { copyCohortBody, copyCohortResponse, shiftParisDays } from '../../server/cohorts/programme/editions.contract';
import { addDays, daysBetween } from '../../shared/paris-time';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { formatCalendarDate, formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey, useCohort, useCohorts, useSchedule } from './api';
import { cohortLabels } from './labels';
import { editionLabels as L } from './editions.labels';

type Form = { name: string; edition: string; startsOn: string; capacity: string };
const ids = { name: 'edition-name', edition: 'edition-number', startsOn: 'edition-starts', capacity: 'edition-capacity' } as const;

/** `/promotions/:id/edition-suivante`: staff prepare the next edition, with the shifted schedule shown before creating it. */
export function CohortCopyPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const q = useCohort(id);
  const list = useCohorts();
  const c = q.data;
  const schedule = useSchedule(id, !!c?.members);
  const initial: Form = c ? { name: c.name, edition: String(c.edition + 1), startsOn: '', capacity: String(c.capacity) } : { name: '', edition: '', startsOn: '', capacity: '' };
  const draft = useDraft<Form>(user && c ? `edition-suivante.${id}.${user.id}` : null, initial);
  const form = draft.value;
  const set = (k: keyof Form) => (v: string) => draft.setValue((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/${encodeURIComponent(id)}/next-edition`, body, copyCohortResponse),
    onSuccess: async (r) => {
      draft.clearDraft();
      await qc.invalidateQueries({ queryKey: cohortsKey });
      const flash = [L.created(r.sessions, r.surveys, r.resources), r.resourcesNotCopied.length ? L.notCopied(r.resourcesNotCopied) : ''].join(' ').trim();
      navigate(paths.cohort(r.id), { state: { flash } });
    },
    onError: errors.fail,
  });
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }, ...(c ? [{ label: c.name, to: paths.cohort(id) }] : [])];
  if (q.isPending || list.isPending) return <PageLoading title={L.prepare} breadcrumb={breadcrumb} />;
  if (!c || !list.data?.can.create)
    return (
      <Page title={L.prepare} breadcrumb={breadcrumb}>
        <Alert severity="error" small description={c ? L.forbidden : ((q.error as Error)?.message ?? '')} />
      </Page>
    );
  const validStart = /^\d{4}-\d{2}-\d{2}$/.test(form.startsOn) && !Number.isNaN(Date.parse(form.startsOn));
  const shift = validStart ? daysBetween(c.startsOn, form.startsOn) : null;
  const sessions = schedule.data ? [...schedule.data.past].reverse().concat(schedule.data.upcoming).filter((s) => s.status !== 'cancelled') : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const num = (v: string) => (v.trim() === '' ? undefined : v.trim());
    const body = errors.validate(copyCohortBody, { name: form.name, edition: num(form.edition), startsOn: form.startsOn, capacity: num(form.capacity) });
    if (body) create.mutate(body);
  };
  return (
    <Page title={L.title(c.name)} breadcrumb={breadcrumb} lead={L.lead}>
      <ErrorSummary
        feedback={errors.feedback}
        fields={{
          name: { label: L.name, id: ids.name },
          edition: { label: L.edition, id: ids.edition },
          startsOn: { label: L.startsOn, id: ids.startsOn },
          capacity: { label: L.capacity, id: ids.capacity },
        }}
      />
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <form onSubmit={submit} noValidate>
        <TextField id={ids.name} label={L.name} value={form.name} onChange={set('name')} error={errors.error('name')} maxLength={120} />
        <TextField id={ids.edition} label={L.edition} inputMode="numeric" value={form.edition} onChange={set('edition')} error={errors.error('edition')} />
        <TextField id={ids.startsOn} label={L.startsOn} hint={L.startsOnHint} type="date" value={form.startsOn} onChange={set('startsOn')} error={errors.error('startsOn')} />
        <TextField id={ids.capacity} label={L.capacity} inputMode="numeric" value={form.capacity} onChange={set('capacity')} error={errors.error('capacity')} />
        {shift !== null && (
          <section aria-labelledby="edition-shift" className="fr-mb-3w">
            <h2 id="edition-shift" className="fr-h5">
              {L.shiftTitle}
            </h2>
            <p>
              {L.shift(shift)} {L.endsOn(formatCalendarDate(addDays(c.endsOn, shift)))}
            </p>
            {sessions.length === 0 ? (
              <p>{L.noSessions}</p>
            ) : (
              <div className="fr-table fr-table--sm">
                <table>
                  <caption>{L.sessionsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{L.colSession}</th>
                      <th scope="col">{L.colBefore}</th>
                      <th scope="col">{L.colAfter}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id}>
                        <td>{s.title}</td>
                        <td>{formatDateTime(s.startsAt)}</td>
                        <td>{formatDateTime(shiftParisDays(new Date(s.startsAt), shift).toISOString())}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )}
        <Button type="submit" disabled={create.isPending}>
          {L.submit}
        </Button>
      </form>
    </Page>
  );
}
