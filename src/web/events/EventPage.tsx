import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { cancelRegistrationResponse, okResponse, registrationResponse, replayBody, replayResponse } from '../../server/events/events.contract';
import { PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { eventIcsUrl, eventsKey, useEvent, type EventDetail } from './api';
import { EventBadges, whenText } from './components';
import { ThemeTags } from '../themes/components';
import { eventLabels } from './labels';
import { Trombinoscope } from '../cohorts/Trombinoscope';

const L = eventLabels.event;
const crumbs = [{ label: eventLabels.agenda.title, to: paths.agenda() }];

/** An event: details, registration (or the waitlist), add to calendar, facilitators' tools. */
export function EventPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  if (event.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (event.isError) {
    const notFound = isApiError(event.error) && event.error.status === 404;
    return (
      <Page title={notFound ? L.notFoundTitle : L.loadingTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={notFound ? L.notFoundText : event.error.message} />
      </Page>
    );
  }
  return <EventView e={event.data} />;
}

function EventView({ e }: { e: EventDetail }) {
  const places =
    e.capacity === null
      ? `${eventLabels.summary.unlimited} (${eventLabels.summary.registeredCount(e.registeredCount)})`
      : `${e.registeredCount} / ${e.capacity} — ${e.placesLeft === 0 ? eventLabels.summary.full : eventLabels.summary.placesLeft(e.placesLeft ?? 0)}${e.waitlistCount ? ` ; ${e.waitlistCount} en liste d'attente` : ''}`;
  return (
    <Page title={e.title} breadcrumb={crumbs}>
      <EventBadges e={e} />
      <ThemeTags themes={e.themes} className="fr-mb-2w" />
      {e.status === 'cancelled' && <Alert severity="error" small className="fr-mb-3w" description={L.cancelledNotice} />}
      {e.status === 'scheduled' && e.ended && <Alert severity="info" small className="fr-mb-3w" description={L.endedNotice} />}
      <dl className="entraide-facts fr-mb-4w">
        <dt>{L.when}</dt>
        <dd>{whenText(e.startsAt, e.endsAt)} (heure de Paris)</dd>
        <dt>{L.where}</dt>
        <dd>
          {e.place && (
            <>
              {L.place} {e.place}
              <br />
            </>
          )}
          {e.onlineUrl ? (
            <>
              {L.onlineLinkLabel} <a href={e.onlineUrl}>{e.onlineUrl}</a>
            </>
          ) : (
            e.online && `${L.online}. ${L.onlineForRegistered}`
          )}
        </dd>
        <dt>{L.capacity}</dt>
        <dd>{places}</dd>
        <dt>{L.audience}</dt>
        <dd>{eventLabels.visibilities[e.visibility]}</dd>
        {e.speakers.length > 0 && (
          <>
            <dt>{L.speakers}</dt>
            <dd>{e.speakers.join(', ')}</dd>
          </>
        )}
      </dl>

      <RegistrationSection e={e} />

      {e.kind === 'kickoff' && e.ownerKind === 'cohort' && e.ownerId && <Trombinoscope cohortId={e.ownerId} />}

      {e.descriptionHtml && (
        <section aria-labelledby="event-description" className="fr-mb-6w">
          <h2 id="event-description">{L.description}</h2>
          <PostBody html={e.descriptionHtml} />
        </section>
      )}

      {e.recordingUrl && (
        <section aria-labelledby="event-replay" className="fr-mb-6w">
          <h2 id="event-replay">{L.replayTitle}</h2>
          <ul>
            <li>
              <a href={e.recordingUrl}>{L.recording}</a>
            </li>
            {e.slidesUrl && (
              <li>
                <a href={e.slidesUrl}>{L.slides}</a>
              </li>
            )}
            {e.replayResourceId && (
              <li>
                <a href={`/bibliotheque/ressources/${e.replayResourceId}`}>{L.replayResource}</a>
              </li>
            )}
          </ul>
        </section>
      )}

      {(e.can.manageAttendees || e.can.edit || e.can.cancel) && <FacilitatorTools e={e} />}
    </Page>
  );
}

function RegistrationSection({ e }: { e: EventDetail }) {
  const { user } = useSession();
  const location = useLocation();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<{ severity: 'success' | 'info' | 'error'; text: string; key: number } | null>(null);
  const done = async (severity: 'success' | 'info', text: string) => {
    setNotice({ severity, text, key: Date.now() });
    await qc.invalidateQueries({ queryKey: eventsKey });
  };
  const onError = (err: unknown) => setNotice({ severity: 'error', text: err instanceof Error ? err.message : platformLabels.unexpectedError, key: Date.now() });
  const register = useMutation({
    mutationFn: () => api.put(`/api/events/${e.id}/registration`, {}, registrationResponse),
    onSuccess: (r) => done(r.status === 'registered' ? 'success' : 'info', r.message),
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => api.delete(`/api/events/${e.id}/registration`, cancelRegistrationResponse),
    onSuccess: (r) => done('success', r.message),
    onError,
  });
  const busy = register.isPending || cancel.isPending;
  const full = e.placesLeft === 0;

  return (
    <section aria-labelledby="event-registration" className="fr-mb-6w">
      <h2 id="event-registration">{L.registrationTitle}</h2>
      {notice && <FocusedAlert severity={notice.severity} as="h3" title={notice.text} focusKey={notice.key} />}
      {e.my?.status === 'registered' && <p>{L.registeredText}</p>}
      {/* The waitlist answer just given says the same words: the standing line would repeat it. */}
      {e.my?.status === 'waitlisted' && notice?.severity !== 'info' && <p>{L.waitlistedText(e.my.waitlistPosition)}</p>}
      {!user && e.status === 'scheduled' && !e.ended && (
        <p>
          <Link className="fr-btn" to={paths.logIn(location.pathname)}>
            {L.logInToRegister}
          </Link>
        </p>
      )}
      {e.can.register && (
        <>
          {full && <p className="fr-text--sm">{L.fullHint}</p>}
          <Button type="button" onClick={() => register.mutate()} disabled={busy}>
            {full ? L.joinWaitlist : L.register}
          </Button>
        </>
      )}
      {e.can.cancelRegistration && (
        <Button type="button" priority="secondary" onClick={() => cancel.mutate()} disabled={busy}>
          {e.my?.status === 'waitlisted' ? L.leaveWaitlist : L.cancelRegistration}
        </Button>
      )}
      {user && !e.can.register && !e.my && e.status === 'scheduled' && !e.ended && <p>{L.closed}</p>}
      <p className="fr-mt-3w fr-mb-1w">
        <a className="fr-link fr-icon-calendar-line fr-link--icon-left" href={eventIcsUrl(e.id)} download="evenement.ics">
          {L.addToCalendar}
        </a>
      </p>
      <p className="fr-text--sm">
        {L.addToCalendarHint} {user && <Link to={paths.myRegistrations()}>{L.myRegistrations}</Link>}
      </p>
    </section>
  );
}

function FacilitatorTools({ e }: { e: EventDetail }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string; key: number } | null>(null);
  const cancelEvent = useMutation({
    mutationFn: () => api.post(`/api/events/${e.id}/cancel`, {}, okResponse),
    onSuccess: async () => {
      setConfirming(false);
      setMessage({ severity: 'success', text: L.eventCancelled, key: Date.now() });
      await qc.invalidateQueries({ queryKey: eventsKey });
    },
    onError: (err) => setMessage({ severity: 'error', text: err instanceof Error ? err.message : platformLabels.unexpectedError, key: Date.now() }),
  });
  return (
    <section aria-labelledby="event-tools" className="fr-mb-6w">
      <h2 id="event-tools">{L.facilitatorTitle}</h2>
      {message && <FocusedAlert severity={message.severity} as="h3" title={message.text} focusKey={message.key} />}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {e.can.edit && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.eventEdit(e.id)}>
              {L.edit}
            </Link>
          </li>
        )}
        {e.can.manageAttendees && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.eventAttendees(e.id)}>
              {L.attendees}
            </Link>
          </li>
        )}
        {e.can.cancel && !confirming && (
          <li>
            <Button type="button" priority="tertiary" onClick={() => setConfirming(true)}>
              {L.cancelEvent}
            </Button>
          </li>
        )}
      </ul>
      {confirming && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="button" onClick={() => cancelEvent.mutate()} disabled={cancelEvent.isPending}>
              {L.confirmCancelEvent}
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
              {L.keepEvent}
            </Button>
          </li>
        </ul>
      )}
      {e.can.attachReplay && <ReplayForm e={e} />}
    </section>
  );
}

function ReplayForm({ e }: { e: EventDetail }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({ recordingUrl: e.recordingUrl ?? '', slidesUrl: e.slidesUrl ?? '' });
  const errors = useFormErrors();
  const [saved, setSaved] = useState(0);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/events/${e.id}/replay`, body, replayResponse),
    onSuccess: async () => {
      setSaved(Date.now());
      await qc.invalidateQueries({ queryKey: eventsKey });
    },
    onError: errors.fail,
  });
  const [removed, setRemoved] = useState(0);
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/events/${e.id}/replay`, okResponse),
    onSuccess: async () => {
      setSaved(0);
      setRemoved(Date.now());
      setForm({ recordingUrl: '', slidesUrl: '' });
      await qc.invalidateQueries({ queryKey: eventsKey });
    },
    onError: errors.fail,
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setRemoved(0);
    if (errors.validate(replayBody, form)) save.mutate(form);
  };
  return (
    <div className="fr-mt-4w">
      <h3>{L.replayFormTitle}</h3>
      <p className="fr-text--sm">{L.replayFormLead}</p>
      <ErrorSummary
        as="h4"
        feedback={errors.feedback}
        fields={{ recordingUrl: { label: L.recordingUrl, id: 'replay-recording' }, slidesUrl: { label: L.slidesUrl, id: 'replay-slides' } }}
      />
      {saved > 0 && <FocusedAlert severity="success" as="h4" title={L.replaySaved} focusKey={saved} />}
      {removed > 0 && <FocusedAlert severity="success" as="h4" title={L.replayRemoved} focusKey={removed} />}
      {e.recordingUrl && <p className="fr-text--sm">{L.replayCorrectHint}</p>}
      <form onSubmit={submit} noValidate>
        <TextField id="replay-recording" label={L.recordingUrl} type="url" value={form.recordingUrl} onChange={(v) => setForm((f) => ({ ...f, recordingUrl: v }))} error={errors.error('recordingUrl')} />
        <TextField id="replay-slides" label={L.slidesUrl} optional type="url" value={form.slidesUrl} onChange={(v) => setForm((f) => ({ ...f, slidesUrl: v }))} error={errors.error('slidesUrl')} />
        <Button type="submit" disabled={save.isPending}>
          {L.saveReplay}
        </Button>
      </form>
      {e.recordingUrl && (
        <div className="fr-mt-3w">
          <p className="fr-text--sm fr-mb-1w">{L.removeReplayHint}</p>
          <Button type="button" priority="secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {L.removeReplay}
          </Button>
        </div>
      )}
    </div>
  );
}
