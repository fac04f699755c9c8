import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import ToggleSwitch from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { okResponse } from '../../server/codev/codev.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { whenText } from '../events/components';
import { codevKey, useCodevSession, type SessionDetail } from './api';
import { cohortLabels } from '../cohorts/labels';
import { codevLabels } from './labels';
import { ErrorSummary, useFormErrors } from '../platform/forms';
import { ThemeLinks, ThemePicker } from '../themes/components';

const L = codevLabels.session;
const name = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

/** Promotions › the cohort › Codéveloppement (› the session): where a session sits in the site. */
export const sessionCrumbs = (s: Pick<SessionDetail, 'cohort' | 'id' | 'title'>, withSession = true) => [
  ...codevCrumbs(s.cohort),
  { label: codevLabels.cohort.title, to: paths.codevCohort(s.cohort.id) },
  ...(withSession ? [{ label: L.title(s.title), to: paths.codevSession(s.id) }] : []),
];

/** Promotions › the cohort: the ancestors of a cohort's co-development page. */
export const codevCrumbs = (cohort: { id: string; name: string }) => [
  { label: cohortLabels.list.title, to: paths.cohorts() },
  { label: cohort.name, to: paths.cohort(cohort.id) },
];

/** Shown when the session cannot be loaded (unknown, or not the user's group). */
export function SessionError({ error }: { error: Error }) {
  const notFound = isApiError(error) && error.status === 404;
  return (
    <Page title={notFound ? L.notFoundTitle : L.loadingTitle}>
      <Alert severity="error" small description={error.message} />
    </Page>
  );
}

/** A session: who plays which role, when, its status, and links to the screen and the sheet. */
export function SessionPage() {
  const { id = '' } = useParams();
  const q = useCodevSession(id);
  const qc = useQueryClient();
  const [saved, setSaved] = useState(false);
  const toggle = useMutation({
    mutationFn: (reviewRequired: boolean) => api.patch(`/api/codev/sessions/${id}`, { reviewRequired }, okResponse),
    onSuccess: () => {
      setSaved(true);
      return qc.invalidateQueries({ queryKey: [...codevKey, 'session', id] });
    },
  });
  if (q.isPending) return <PageLoading title={L.loadingTitle} />;
  if (q.isError) return <SessionError error={q.error} />;
  const s = q.data;
  return (
    <Page title={L.title(s.title)} breadcrumb={sessionCrumbs(s, false)}>
      <h2>{L.details}</h2>
      <dl className="entraide-facts">
        <dt>{L.date}</dt>
        <dd>{whenText(s.event.startsAt, s.event.endsAt)}</dd>
        {s.event.place && (
          <>
            <dt>{L.place}</dt>
            <dd>{s.event.place}</dd>
          </>
        )}
        {s.event.onlineUrl && (
          <>
            <dt>{L.onlineUrl}</dt>
            <dd>
              <a href={s.event.onlineUrl} rel="noopener noreferrer">
                {s.event.onlineUrl}
              </a>
            </dd>
          </>
        )}
        <dt>{L.cohort}</dt>
        <dd>{s.cohort.name}</dd>
        <dt>{L.group}</dt>
        <dd>{s.group.name}</dd>
        <dt>{L.caseOwner}</dt>
        <dd>{name(s.caseOwner)}</dd>
        <dt>{L.consultants}</dt>
        <dd>{s.consultants.map(name).join(', ')}</dd>
        <dt>{L.facilitator}</dt>
        <dd>{name(s.facilitator)}</dd>
        <dt>{L.status}</dt>
        <dd>{codevLabels.status[s.status]}</dd>
        <dt>{L.themes}</dt>
        <dd>{s.themes.length ? <ThemeLinks themes={s.themes} /> : L.noThemes}</dd>
      </dl>
      {s.can.facilitate && <ThemesEditor s={s} />}
      {s.status === 'cancelled' && <Alert severity="warning" small description={L.cancelled} className="fr-mt-2w" />}
      <h2 className="fr-mt-4w">{L.agendaLinks}</h2>
      <ul className="fr-links-group">
        <li>
          <a className="fr-link fr-icon-calendar-line fr-link--icon-left" href={s.event.calendarUrl} download="seance.ics">
            {L.addToCalendar}
          </a>
        </li>
        <li>
          <Link className="fr-link" to={paths.event(s.event.id)}>
            {L.eventPage}
          </Link>
        </li>
        {s.can.editEvent && (
          <li>
            <Link className="fr-link" to={paths.eventEdit(s.event.id)}>
              {L.editEvent}
            </Link>
          </li>
        )}
      </ul>
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline fr-mt-4w fr-btns-group--icon-left">
        <li>
          <Link className="fr-btn" to={paths.codevScreen(s.id)}>
            {L.screen}
          </Link>
        </li>
        {s.state.status === 'ended' && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.codevSummary(s.id)}>
              {L.summary}
            </Link>
          </li>
        )}
      </ul>
      <h2 className="fr-mt-4w">{L.reviewTitle}</h2>
      <p>{s.reviewRequired ? L.reviewOn : L.reviewOff}</p>
      {s.can.facilitate && s.state.status !== 'ended' && (
        <>
          <ToggleSwitch
            label={L.toggleReview}
            checked={s.reviewRequired}
            onChange={(checked) => toggle.mutate(checked)}
            labelPosition="left"
            inputTitle={L.toggleReview}
          />
          {saved && <p role="status">{L.saved}</p>}
        </>
      )}
    </Page>
  );
}

/** The case's themes, edited by the session's facilitator and staff (PATCH, as the review setting). */
function ThemesEditor({ s }: { s: SessionDetail }) {
  const [open, setOpen] = useState(false);
  const [themes, setThemes] = useState<string[]>(s.themes);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () => api.patch(`/api/codev/sessions/${s.id}`, { themes }, okResponse),
    onSuccess: async () => {
      errors.clear();
      setOpen(false);
      setSaved(true);
      await qc.invalidateQueries({ queryKey: [...codevKey, 'session', s.id] });
    },
    onError: errors.fail,
  });
  if (!open)
    return (
      <p className="fr-mt-2w">
        <Button size="small" priority="secondary" iconId="fr-icon-edit-line" iconPosition="left" onClick={() => { setThemes(s.themes); setSaved(false); setOpen(true); }}>
          {L.editThemes}
        </Button>
        {saved && <span role="status" className="fr-ml-2w fr-text--sm">{L.themesSaved}</span>}
      </p>
    );
  return (
    <form
      className="fr-mt-2w"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <ErrorSummary feedback={errors.feedback} as="h3" fields={{ themes: { label: L.themes, id: 'session-themes' } }} />
      <ThemePicker id="session-themes" legend={L.themes} value={themes} onChange={setThemes} error={errors.error('themes')} />
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
        <li>
          <Button type="submit" disabled={save.isPending}>
            {L.saveThemes}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => setOpen(false)}>
            {L.cancelThemes}
          </Button>
        </li>
      </ul>
    </form>
  );
}
