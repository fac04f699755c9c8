import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { attendanceResponse, calendarUrlResponse, type scheduleResponse } from '../../server/cohorts/cohorts.contract';
import { PostBody } from '../helpspace/components';
import { Loading, Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatCalendarDate, formatDateTime } from '../platform/format';
import { hasDraft, useDraft } from '../platform/draft';
import { DraftRestoredNotice, FocusedAlert } from '../platform/forms';
import { isStaffUser, useSession } from '../platform/session';
import { cohortsKey, useCohort, useSchedule, useSurveys } from './api';
import { StatusBadge } from './CohortsPage';
import { cohortLabels } from './labels';
import { AnnouncementsSection } from './AnnouncementsSection';
import { editionLabels } from './editions.labels';
import { CohortParticipantsPart } from './Trombinoscope';

const L = cohortLabels.page;
type Session = z.infer<typeof scheduleResponse>['upcoming'][number];

/** The draft of an attendance sheet: the boxes changed since it was loaded, kept until saved. */
const attendanceDraftKey = (eventId: string, userId: string | undefined) => (userId ? `presence.${eventId}.${userId}` : null);

function AttendanceForm({ cohortId, eventId }: { cohortId: string; eventId: string }) {
  const qc = useQueryClient();
  const { user } = useSession();
  const q = useQuery({ queryKey: [...cohortsKey, 'attendance', eventId], queryFn: () => api.get(`/api/cohorts/${cohortId}/sessions/${eventId}/attendance`, attendanceResponse) });
  const draft = useDraft<Record<string, boolean>>(attendanceDraftKey(eventId, user?.id), {});
  const marks = draft.value;
  const setMarks = draft.setValue;
  const save = useMutation({
    mutationFn: (entries: { userId: string; present: boolean }[]) => api.put(`/api/cohorts/${cohortId}/sessions/${eventId}/attendance`, { entries }),
    onSuccess: () => {
      draft.clearDraft();
      return qc.invalidateQueries({ queryKey: cohortsKey });
    },
  });
  if (!q.data) return <Loading />;
  const value = (userId: string, stored: boolean | null) => marks[userId] ?? stored ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(q.data.items.map((i) => ({ userId: i.userId, present: value(i.userId, i.present) })));
  };
  return (
    <form onSubmit={submit} noValidate>
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} className="fr-my-2w" />}
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">{L.markAttendance}</legend>
        {q.data.items.map((i) => (
          <div className="fr-fieldset__element" key={i.userId}>
            <div className="fr-checkbox-group">
              <input type="checkbox" id={`att-${eventId}-${i.userId}`} checked={value(i.userId, i.present)} onChange={(e) => setMarks((m) => ({ ...m, [i.userId]: e.target.checked }))} />
              <label className="fr-label" htmlFor={`att-${eventId}-${i.userId}`}>
                {i.firstName} {i.lastName}
                {i.organisationName ? ` (${i.organisationName})` : ''}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      {save.isError && <FocusedAlert severity="error" title={(save.error as Error).message} as="h4" />}
      {save.isSuccess && <p role="status">Présence enregistrée.</p>}
      <Button type="submit" size="small" disabled={save.isPending}>
        {cohortLabels.results.save}
      </Button>
    </form>
  );
}

function SessionItem({ s, cohortId, manage, past }: { s: Session; cohortId: string; manage: boolean; past: boolean }) {
  const { user } = useSession();
  const key = attendanceDraftKey(s.id, user?.id);
  // A sheet left unsaved (reload, network error) opens by itself, with its restored draft.
  const [open] = useState(() => !!key && hasDraft(key));
  return (
    <li className="fr-mb-2w">
      <p className="fr-mb-0">
        <strong>{cohortLabels.sessionKind[s.kind]}</strong> — <Link to={s.codevSessionId ? paths.codevSession(s.codevSessionId) : paths.event(s.id)}>{s.title}</Link>
        {s.status === 'cancelled' && ' (annulée)'}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        {formatDateTime(s.startsAt)}
        {s.place ? ` — ${s.place}` : s.online ? ' — en ligne' : ''}
        {past && manage && s.attendance.present !== null && ` — ${L.attendance(s.attendance.present, s.attendance.absent ?? 0)}`}
        {past && !manage && s.attendance.mine !== null && ` — ${L.mine[String(s.attendance.mine) as 'true' | 'false']}`}
      </p>
      {past && manage && s.kind !== 'office_hours' && (
        <details open={open || undefined}>
          <summary>{L.markAttendance}</summary>
          <AttendanceForm cohortId={cohortId} eventId={s.id} />
        </details>
      )}
    </li>
  );
}

function CalendarBox({ cohortId, url }: { cohortId: string; url: string }) {
  const qc = useQueryClient();
  const renew = useMutation({
    mutationFn: () => api.post(`/api/cohorts/${cohortId}/calendar-url`, {}, calendarUrlResponse),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...cohortsKey, 'cohort', cohortId] }),
  });
  return (
    <section aria-labelledby="cohort-calendar" className="fr-mb-4w">
      <h3 id="cohort-calendar">{L.calendar}</h3>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="cohort-calendar-url">
          {L.calendar}
          <span className="fr-hint-text">{L.calendarHelp}</span>
        </label>
        <input className="fr-input" id="cohort-calendar-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      </div>
      <Button priority="secondary" size="small" onClick={() => renew.mutate()} disabled={renew.isPending}>
        {L.calendarRenew}
      </Button>
    </section>
  );
}

export function CohortPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const q = useCohort(id);
  const c = q.data;
  const members = !!c?.members;
  const schedule = useSchedule(id, members);
  const surveys = useSurveys(id, members);
  const breadcrumb = [{ label: cohortLabels.list.title, to: paths.cohorts() }];
  if (q.isPending) return <PageLoading title={cohortLabels.list.title} breadcrumb={breadcrumb} />;
  if (!c) return <Page title={cohortLabels.list.title} breadcrumb={breadcrumb}><Alert severity="error" title={(q.error as Error)?.message ?? ''} /></Page>;
  const full = c.acceptedCount >= c.capacity;

  return (
    <Page title={c.name} breadcrumb={breadcrumb}>
      <p>
        <StatusBadge status={c.status} /> {cohortLabels.list.edition(c.edition)} — {cohortLabels.list.dates(formatCalendarDate(c.startsOn), formatCalendarDate(c.endsOn))} —{' '}
        {cohortLabels.list.places(c.acceptedCount, c.capacity)}
      </p>
      {c.can.manage && (
        <p>
          <Link className="fr-btn fr-btn--secondary" to={paths.cohortEdit(c.id)}>
            {cohortLabels.form.edit}
          </Link>
          {isStaffUser(user) && (
            <Link className="fr-btn fr-btn--tertiary fr-ml-md-2w fr-mt-1w fr-mt-md-0" to={paths.cohortCopy(c.id)}>
              {editionLabels.prepare}
            </Link>
          )}
        </p>
      )}
      {(c.can.manage || c.myRole === 'sponsor') && c.status !== 'candidatures_ouvertes' && (
        <p>
          <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={paths.cohortOutcome(c.id)}>
            {cohortLabels.outcome.link}
          </Link>
        </p>
      )}
      {c.status === 'terminee' && !c.can.seeMembersPart && (
        <p>
          <Link className="fr-link" to={paths.cohortLessons(c.id)}>
            {cohortLabels.lessonsPage.title}
          </Link>
        </p>
      )}
      <section aria-labelledby="cohort-about" className="fr-mb-4w">
        <h2 id="cohort-about">{L.about}</h2>
        <PostBody html={c.descriptionHtml} />
        {c.sponsors.length > 0 && (
          <p>
            <strong>{L.sponsors} :</strong> {c.sponsors.map((s) => `${s.firstName} ${s.lastName}`).join(', ')}
          </p>
        )}
        {c.facilitators.length > 0 && (
          <p>
            <strong>{L.facilitators} :</strong> {c.facilitators.map((s) => `${s.firstName} ${s.lastName}`).join(', ')}
          </p>
        )}
      </section>

      {c.myApplication && !c.myRole && (
        <section aria-labelledby="cohort-my-application" className="fr-mb-4w">
          <h2 id="cohort-my-application">{L.myApplication}</h2>
          <p>
            {cohortLabels.applicationStatus[c.myApplication.status]} — {formatDateTime(c.myApplication.createdAt)}
          </p>
          {c.myApplication.status === 'pending' && <p>{L.applicationSent}</p>}
          {c.myApplication.decisionMessage && (
            <p>
              <strong>{L.decisionMessage} :</strong> {c.myApplication.decisionMessage}
            </p>
          )}
        </section>
      )}
      {!c.myApplication && !c.myRole && c.status === 'candidatures_ouvertes' && (
        <div className="fr-mb-4w">
          {full ? (
            <p>{L.full}</p>
          ) : c.can.apply ? (
            <Link className="fr-btn" to={paths.cohortApply(c.id)}>
              {L.apply}
            </Link>
          ) : user ? (
            <p>{L.applyNeedsVerified}</p>
          ) : (
            <Link className="fr-btn" to={paths.logIn(paths.cohort(c.id))}>
              {L.logInToApply}
            </Link>
          )}
        </div>
      )}
      {c.status !== 'candidatures_ouvertes' && !c.myRole && !c.myApplication && <p>{L.applyClosed}</p>}

      {c.members && (
        <section aria-labelledby="cohort-members-part">
          <h2 id="cohort-members-part">{L.membersPart}</h2>
          {c.can.manage && (
            <p>
              <Link className="fr-btn fr-btn--secondary" to={paths.cohortApplications(c.id)}>
                {L.review}
              </Link>
            </p>
          )}
          {c.members.spaceId && (
            <section aria-labelledby="cohort-space" className="fr-mb-4w">
              <h3 id="cohort-space">{L.privateSpace}</h3>
              <Link className="fr-link" to={paths.helpSpace(c.members.spaceId)}>
                {L.openSpace}
              </Link>
            </section>
          )}
          {c.status !== 'candidatures_ouvertes' && (
            <p>
              <Link className="fr-link" to={paths.cohortAtterrissage(c.id)}>
                {cohortLabels.atterrissage.link}
              </Link>
            </p>
          )}
          <section aria-labelledby="cohort-sponsoring" className="fr-mb-4w">
            <h3 id="cohort-sponsoring">{cohortLabels.sponsor.crumb}</h3>
            <Link className="fr-link" to={paths.cohortSponsors(c.id)}>
              {cohortLabels.sponsor.link}
            </Link>
          </section>
          <section aria-labelledby="cohort-codev" className="fr-mb-4w">
            <h3 id="cohort-codev">{cohortLabels.codev.heading}</h3>
            <Link className="fr-link" to={paths.codevCohort(c.id)}>
              {cohortLabels.codev.link}
            </Link>
          </section>
          <AnnouncementsSection cohortId={c.id} />
          <section aria-labelledby="cohort-upcoming" className="fr-mb-4w">
            <h3 id="cohort-upcoming">{L.upcoming}</h3>
            {schedule.data && schedule.data.upcoming.length === 0 && <p>{L.noUpcoming}</p>}
            <ul>
              {schedule.data?.upcoming.map((s) => <SessionItem key={s.id} s={s} cohortId={c.id} manage={schedule.data.canManage} past={false} />)}
            </ul>
          </section>
          <section aria-labelledby="cohort-past" className="fr-mb-4w">
            <h3 id="cohort-past">{L.past}</h3>
            {schedule.data && schedule.data.past.length === 0 && <p>{L.noPast}</p>}
            <ul>
              {schedule.data?.past.map((s) => <SessionItem key={s.id} s={s} cohortId={c.id} manage={schedule.data.canManage} past />)}
            </ul>
          </section>
          {c.members.calendarUrl && <CalendarBox cohortId={c.id} url={c.members.calendarUrl} />}
          <section aria-labelledby="cohort-surveys" className="fr-mb-4w">
            <h3 id="cohort-surveys">{L.surveys}</h3>
            {surveys.data && surveys.data.items.length === 0 && <p>{L.noSurveys}</p>}
            {c.can.manage && surveys.data && surveys.data.items.length < 3 && (
              <p>
                <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={paths.cohortSurveyNew(c.id)}>
                  {cohortLabels.builder.create}
                </Link>
              </p>
            )}
            <ul>
              {surveys.data?.items.map((s) => (
                <li key={s.id}>
                  <Link to={paths.cohortSurvey(c.id, s.id)}>{s.title}</Link> — {cohortLabels.surveyState[s.state]},{' '}
                  {s.state === 'a_venir' ? L.opens(formatDateTime(s.opensAt)) : L.closes(formatDateTime(s.closesAt))}
                  {s.answered && ` — ${L.answered}`}
                  {s.respondents !== null && (
                    <>
                      {' '}— {L.respondents(s.respondents)} — <Link to={paths.cohortSurveyResults(c.id, s.id)}>{L.results}<span className="fr-sr-only"> : {s.title}</span></Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="cohort-resources" className="fr-mb-4w">
            <h3 id="cohort-resources">{L.resources}</h3>
            {c.members.resources.length === 0 ? (
              <p>{L.noResources}</p>
            ) : (
              <ul>
                {c.members.resources.map((r) => (
                  <li key={r.id}>
                    <strong>{r.title}</strong> — {r.summary}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CohortParticipantsPart cohortId={c.id} myRole={c.myRole} />
          <section aria-labelledby="cohort-members" className="fr-mb-4w">
            <h3 id="cohort-members">{L.members}</h3>
            <div className="fr-table">
              <table>
                <caption className="fr-sr-only">{L.members}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Rôle</th>
                    <th scope="col">Organisation</th>
                  </tr>
                </thead>
                <tbody>
                  {c.members.list.map((m) => (
                    <tr key={m.userId}>
                      <td>
                        {m.firstName} {m.lastName}
                      </td>
                      <td>{cohortLabels.role[m.role]}</td>
                      <td>{m.organisationName ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </section>
      )}
    </Page>
  );
}
