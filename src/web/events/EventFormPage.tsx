import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { createdResponse, eventBody, eventKindValues, okResponse, TITLE_MAX } from '../../server/events/events.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, useFormErrors } from '../platform/forms';
import { eventsKey, useEvent, type EventDetail } from './api';
import { eventLabels } from './labels';
import { ThemePicker } from '../themes/components';

const L = eventLabels.form;
const crumbs = [{ label: eventLabels.agenda.title, to: paths.agenda() }];

type Form = {
  kind: string;
  title: string;
  description: string;
  speakers: string;
  startsAt: string;
  endsAt: string;
  onlineUrl: string;
  place: string;
  capacity: string;
  visibility: string;
  themes: string[];
};

const ids: Record<keyof Form, string> = {
  kind: 'event-kind',
  title: 'event-title',
  description: 'event-description',
  speakers: 'event-speakers',
  startsAt: 'event-starts',
  endsAt: 'event-ends',
  onlineUrl: 'event-online',
  place: 'event-place',
  capacity: 'event-capacity',
  visibility: 'event-visibility',
  themes: 'event-themes',
};

const empty: Form = { kind: 'webinar', title: '', description: '', speakers: '', startsAt: '', endsAt: '', onlineUrl: '', place: '', capacity: '', visibility: 'public', themes: [] };

const fromEvent = (e: EventDetail): Form => ({
  kind: e.kind,
  title: e.title,
  description: e.description,
  speakers: e.speakers.join('\n'),
  startsAt: e.startsAtParis,
  endsAt: e.endsAtParis,
  onlineUrl: e.onlineUrl ?? '',
  place: e.place ?? '',
  capacity: e.capacity === null ? '' : String(e.capacity),
  visibility: e.visibility,
  themes: e.themes,
});

/** Create an event (no id) or edit one (`/agenda/:id/modifier`). */
export function EventFormPage() {
  const { id } = useParams();
  const event = useEvent(id ?? '');
  if (!id) return <EventForm initial={empty} />;
  if (event.isPending) return <PageLoading title={eventLabels.event.loadingTitle} breadcrumb={crumbs} />;
  if (event.isError)
    return (
      <Page title={eventLabels.event.notFoundTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={event.error.message} />
      </Page>
    );
  if (!event.data.can.edit)
    return (
      <Page title={L.editTitle(event.data.title)} breadcrumb={crumbs}>
        <Alert severity="error" small description={L.notAllowed} />
      </Page>
    );
  return <EventForm initial={fromEvent(event.data)} event={event.data} />;
}

function EventForm({ initial, event }: { initial: Form; event?: EventDetail }) {
  const [form, setForm] = useState<Form>(initial);
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const body = () => ({
    ...form,
    speakers: form.speakers.split('\n').map((s) => s.trim()).filter(Boolean),
    capacity: form.capacity.trim() === '' ? null : form.capacity.trim(),
    ownerKind: event?.ownerKind ?? null,
    ownerId: event?.ownerId ?? null,
  });
  const save = useMutation({
    mutationFn: async (b: unknown) => (event ? (await api.put(`/api/events/${event.id}`, b, okResponse), event.id) : (await api.post('/api/events', b, createdResponse)).id),
    onSuccess: async (eventId) => {
      await qc.invalidateQueries({ queryKey: eventsKey });
      navigate(paths.event(eventId), { state: { flash: event ? L.saved : L.created } });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    // Checked with the API's own contract; the raw values are sent (the server converts Paris times).
    if (errors.validate(eventBody, b)) save.mutate(b);
  };
  const title = event ? L.editTitle(event.title) : L.createTitle;
  const fields = Object.fromEntries(
    (Object.keys(ids) as (keyof Form)[]).map((k) => [k, { label: { kind: L.kind, title: L.titleLabel, description: L.description, speakers: L.speakers, startsAt: L.startsAt, endsAt: L.endsAt, onlineUrl: L.onlineUrl, place: L.place, capacity: L.capacity, visibility: L.visibility, themes: L.themes }[k], id: ids[k] }]),
  );
  const visibilities = event?.visibility === 'restricted' ? (['restricted'] as const) : (['public', 'verified'] as const);

  return (
    <Page title={title} breadcrumb={event ? [...crumbs, { label: event.title, to: paths.event(event.id) }] : crumbs}>
      <ErrorSummary feedback={errors.feedback} fields={fields} />
      <p className="fr-text--sm">{L.required}</p>
      <form onSubmit={submit} noValidate>
        <SelectField id={ids.kind} label={L.kind} value={form.kind} onChange={set('kind')} error={errors.error('kind')} disabled={event?.kind === 'codev' && !!event.ownerKind} options={eventKindValues.map((k) => ({ value: k, label: eventLabels.kinds[k]! }))} />
        <TextField id={ids.title} label={L.titleLabel} value={form.title} onChange={set('title')} error={errors.error('title')} maxLength={TITLE_MAX} />
        <TextField id={ids.description} label={L.description} hint={L.descriptionHint} optional textArea rows={8} value={form.description} onChange={set('description')} error={errors.error('description')} />
        <TextField id={ids.speakers} label={L.speakers} hint={L.speakersHint} optional textArea rows={3} value={form.speakers} onChange={set('speakers')} error={errors.error('speakers')} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <TextField id={ids.startsAt} label={L.startsAt} hint={L.dateHint} type="datetime-local" value={form.startsAt} onChange={set('startsAt')} error={errors.error('startsAt')} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField id={ids.endsAt} label={L.endsAt} hint={L.dateHint} type="datetime-local" value={form.endsAt} onChange={set('endsAt')} error={errors.error('endsAt')} />
          </div>
        </div>
        <TextField id={ids.onlineUrl} label={L.onlineUrl} hint={L.onlineUrlHint} optional type="url" value={form.onlineUrl} onChange={set('onlineUrl')} error={errors.error('onlineUrl')} />
        <TextField id={ids.place} label={L.place} hint={L.placeHint} optional value={form.place} onChange={set('place')} error={errors.error('place')} />
        <TextField id={ids.capacity} label={L.capacity} hint={L.capacityHint} optional inputMode="numeric" value={form.capacity} onChange={set('capacity')} error={errors.error('capacity')} />
        <SelectField
          id={ids.visibility}
          label={L.visibility}
          value={form.visibility}
          onChange={set('visibility')}
          error={errors.error('visibility')}
          disabled={event?.visibility === 'restricted'}
          options={visibilities.map((v) => ({ value: v, label: eventLabels.visibilities[v]! }))}
        />
        <ThemePicker id={ids.themes} legend={L.themes} value={form.themes} onChange={(themes) => setForm((f) => ({ ...f, themes }))} error={errors.error('themes')} />
        <Button type="submit" disabled={save.isPending}>
          {event ? L.save : L.create}
        </Button>
      </form>
    </Page>
  );
}
