import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Tag from '@codegouvfr/react-dsfr/Tag';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import {
  bookingResponse,
  officeHourBody,
  QUESTION_THEMES_MAX,
  SLOT_CAPACITY_MAX,
  sponsorAnswerBody,
  sponsorPageResponse,
  sponsorProfileBody,
  sponsorQuestionBody,
  UNANSWERED_QUESTIONS_MAX,
} from '../../server/cohorts/programme/sponsors.contract';
import { spaserStatusLabels } from '../../server/spaser/spaser-status.contract';
import { themes as themeNames, type Theme } from '../../shared/fields';
import { MarkdownHelp, PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { hasDraft, useDraft } from '../platform/draft';
import { SelectField, TextField } from '../platform/fields';
import { formatCalendarDate, formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { cohortsKey } from './api';
import { cohortLabels } from './labels';
import { ThemePicker } from '../themes/components';

const L = cohortLabels.sponsor;
type Data = z.infer<typeof sponsorPageResponse>;
type Sponsor = Data['sponsors'][number];
type Slot = Data['officeHours'][number];
type Question = Data['questions'][number];
const enc = encodeURIComponent;
const pageKey = (cohortId: string) => [...cohortsKey, 'sponsors', cohortId];
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });

/** « Parrainage » of a cohort: each sponsor's story and offer, their office hours, the question queue (members and staff). */
export function SponsorPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: pageKey(id), queryFn: () => api.get(`/api/cohorts/${enc(id)}/sponsors`, sponsorPageResponse), retry: false });
  const crumbs = [
    { label: cohortLabels.list.title, to: paths.cohorts() },
    { label: q.data?.cohortName ?? cohortLabels.list.title, to: paths.cohort(id) },
  ];
  if (q.isPending) return <PageLoading title={L.crumb} breadcrumb={crumbs} />;
  if (!q.data)
    return (
      <Page title={L.crumb} breadcrumb={crumbs}>
        <Alert severity="error" small description={(q.error as Error)?.message ?? L.forbidden} />
        <p className="fr-mt-3w">
          <Link to={paths.cohort(id)}>{L.backToCohort}</Link>
        </p>
      </Page>
    );
  const d = q.data;
  return (
    <Page title={L.title(d.cohortName)} breadcrumb={crumbs} lead={L.lead}>
      {d.can.seeOutcome && (
        <p>
          <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={paths.cohortOutcome(d.cohortId)}>
            {L.outcomeLink}
          </Link>
          <span className="fr-hint-text">{L.outcomeHint}</span>
        </p>
      )}
      <section aria-labelledby="sponsors-title" className="fr-mb-6w">
        <h2 id="sponsors-title">{L.sponsorsTitle}</h2>
        {d.sponsors.length === 0 && <p>{L.noSponsors}</p>}
        {d.sponsors.map((s) => (
          <SponsorBlock key={s.userId} cohortId={d.cohortId} sponsor={s} slots={d.officeHours.filter((o) => o.hostId === s.userId)} canBook={d.can.book} />
        ))}
      </section>
      {d.can.createSlots && <NewSlotForm cohortId={d.cohortId} sponsors={d.sponsors} chooseHost={d.myRole !== 'sponsor'} />}
      <QuestionsSection data={d} />
      <p>
        <Link to={paths.cohort(d.cohortId)}>{L.backToCohort}</Link>
      </p>
    </Page>
  );
}

function SponsorBlock({ cohortId, sponsor: s, slots, canBook }: { cohortId: string; sponsor: Sponsor; slots: Slot[]; canBook: boolean }) {
  const name = `${s.firstName} ${s.lastName}`;
  const headingId = `sponsor-${s.userId}`;
  const upcoming = slots.filter((o) => !o.ended && o.status === 'scheduled');
  return (
    <article aria-labelledby={headingId} className="fr-card fr-p-3w fr-mb-4w">
      <h3 id={headingId} className="fr-h4">
        {name}
      </h3>
      <dl className="entraide-facts fr-mb-2w">
        <dt>{L.organisation}</dt>
        <dd>{s.organisationName ?? '—'}</dd>
        <dt>{L.spaserStatus}</dt>
        <dd>
          {s.spaserStatus ? spaserStatusLabels[s.spaserStatus] : L.unknownStatus}
          {s.spaserAdoptedOn && ` (${L.adoptedOn(formatCalendarDate(s.spaserAdoptedOn))})`}
        </dd>
      </dl>
      <h4 className="fr-h6">{L.story}</h4>
      {s.storyHtml ? <PostBody html={s.storyHtml} /> : <p>{L.notTold}</p>}
      <h4 className="fr-h6">{L.offer}</h4>
      {s.offerHtml ? <PostBody html={s.offerHtml} /> : <p>{L.noOffer}</p>}
      {s.own && <ProfileForm cohortId={cohortId} own={s.own} updatedAt={s.updatedAt} userId={s.userId} />}
      <h4 className="fr-h6">{L.slotsOf(name)}</h4>
      {upcoming.length === 0 ? (
        <p>{L.noSlots}</p>
      ) : (
        <ul className="fr-raw-list">
          {upcoming.map((o) => (
            <SlotItem key={o.id} cohortId={cohortId} slot={o} canBook={canBook} />
          ))}
        </ul>
      )}
    </article>
  );
}

function ProfileForm({ cohortId, own, updatedAt, userId }: { cohortId: string; own: { story: string; offer: string }; updatedAt: string | null; userId: string }) {
  const key = `parrainage.${cohortId}.${userId}`;
  // A draft left unsaved opens the form by itself.
  const [open] = useState(() => hasDraft(key));
  const draft = useDraft(key, own);
  const form = draft.value;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [saved, setSaved] = useState(0);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/cohorts/${enc(cohortId)}/sponsors/me`, body),
    onSuccess: async () => {
      draft.clearDraft();
      setSaved((n) => n + 1);
      await qc.invalidateQueries({ queryKey: pageKey(cohortId) });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(sponsorProfileBody, form);
    if (body) save.mutate(body);
  };
  return (
    <details className="fr-mb-3w" open={open || undefined}>
      <summary>{L.editProfile}</summary>
      <form onSubmit={submit} noValidate className="fr-mt-2w">
        <ErrorSummary as="h4" feedback={errors.feedback} fields={{ story: { label: L.story, id: 'sponsor-story' }, offer: { label: L.offer, id: 'sponsor-offer' } }} />
        {saved > 0 && <FocusedAlert severity="success" title={L.profileSaved} focusKey={saved} as="h4" />}
        {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
        {updatedAt && <p className="fr-text--sm">{L.lastSaved(formatDateTime(updatedAt))}</p>}
        <TextField id="sponsor-story" label={L.story} hint={L.storyHint} optional textArea rows={8} value={form.story} onChange={(v) => draft.setValue((f) => ({ ...f, story: v }))} error={errors.error('story')} />
        <TextField id="sponsor-offer" label={L.offer} hint={L.offerHint} optional textArea rows={5} value={form.offer} onChange={(v) => draft.setValue((f) => ({ ...f, offer: v }))} error={errors.error('offer')} />
        <MarkdownHelp />
        <Button type="submit" disabled={save.isPending}>
          {L.saveProfile}
        </Button>
      </form>
    </details>
  );
}

function SlotItem({ cohortId, slot: o, canBook }: { cohortId: string; slot: Slot; canBook: boolean }) {
  const qc = useQueryClient();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const url = `/api/cohorts/${enc(cohortId)}/office-hours/${enc(o.id)}/booking`;
  const done = async (text: string) => {
    setNotice({ ok: true, text });
    await qc.invalidateQueries({ queryKey: cohortsKey });
  };
  const fail = (e: unknown) => setNotice({ ok: false, text: (e as Error).message });
  const book = useMutation({ mutationFn: () => api.post(url, {}, bookingResponse), onSuccess: (r) => done(r.message), onError: fail });
  const cancel = useMutation({ mutationFn: () => api.delete(url), onSuccess: () => done(o.my?.status === 'waitlisted' ? L.leaveWaitlist : L.cancelBooking), onError: fail });
  const when = L.slotWhen(formatDateTime(o.startsAt), timeFmt.format(new Date(o.endsAt)));
  const full = o.placesLeft !== null && o.placesLeft <= 0;
  return (
    <li className="fr-mb-2w">
      <p className="fr-mb-1v">
        <strong>{when}</strong>
        {o.place ? ` — ${o.place}` : o.online ? ` — ${L.online}` : ''} —{' '}
        {o.my?.status === 'registered' ? L.mine : o.my?.status === 'waitlisted' ? L.waitlisted(o.my.waitlistPosition) : full ? L.booked : L.free(o.placesLeft ?? 1)}
      </p>
      {o.bookedBy && (
        <p className="fr-text--sm fr-mb-1v">
          {o.bookedBy.length ? `${L.bookedBy} ${o.bookedBy.map((p) => `${p.firstName} ${p.lastName}`).join(', ')}` : L.notBookedYet}
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
        {canBook && !o.my && (
          <li>
            <Button size="small" onClick={() => book.mutate()} disabled={book.isPending}>
              {full ? L.joinWaitlist : L.book}
              <span className="fr-sr-only">{L.ofSlot(when)}</span>
            </Button>
          </li>
        )}
        {o.my && (
          <li>
            <Button size="small" priority="secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              {o.my.status === 'waitlisted' ? L.leaveWaitlist : L.cancelBooking}
              <span className="fr-sr-only">{L.ofSlot(when)}</span>
            </Button>
          </li>
        )}
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-btn--sm" to={paths.event(o.id)}>
            {L.slotDetails}
            <span className="fr-sr-only">{L.ofSlot(when)}</span>
          </Link>
        </li>
      </ul>
      {notice && (
        <p role="status" className={notice.ok ? 'fr-text--sm' : 'fr-error-text'}>
          {notice.text}
        </p>
      )}
    </li>
  );
}

type SlotForm = { hostId: string; startsAt: string; endsAt: string; place: string; onlineUrl: string; capacity: string };
const slotIds = { hostId: 'slot-host', startsAt: 'slot-starts', endsAt: 'slot-ends', place: 'slot-place', onlineUrl: 'slot-url', capacity: 'slot-capacity' } as const;

function NewSlotForm({ cohortId, sponsors, chooseHost }: { cohortId: string; sponsors: Sponsor[]; chooseHost: boolean }) {
  const empty: SlotForm = { hostId: '', startsAt: '', endsAt: '', place: '', onlineUrl: '', capacity: '1' };
  const [form, setForm] = useState<SlotForm>(empty);
  const set = (k: keyof SlotForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [created, setCreated] = useState(0);
  const create = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/${enc(cohortId)}/office-hours`, body),
    onSuccess: async () => {
      setForm(empty);
      setCreated((n) => n + 1);
      await qc.invalidateQueries({ queryKey: cohortsKey });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = { ...form, hostId: chooseHost ? form.hostId || undefined : undefined, capacity: Number(form.capacity) };
    const body = errors.validate(officeHourBody, raw);
    if (body) create.mutate(body);
  };
  return (
    <section aria-labelledby="new-slot" className="fr-mb-6w">
      <h2 id="new-slot">{L.newSlot}</h2>
      <p className="fr-text--sm">{L.newSlotHint}</p>
      <ErrorSummary
        as="h3"
        feedback={errors.feedback}
        fields={{
          hostId: { label: L.host, id: slotIds.hostId },
          startsAt: { label: L.startsAt, id: slotIds.startsAt },
          endsAt: { label: L.endsAt, id: slotIds.endsAt },
          place: { label: L.place, id: slotIds.place },
          onlineUrl: { label: L.onlineUrl, id: slotIds.onlineUrl },
          capacity: { label: L.capacity, id: slotIds.capacity },
        }}
      />
      {created > 0 && <FocusedAlert severity="success" title={L.slotCreated} focusKey={created} as="h3" />}
      <form onSubmit={submit} noValidate>
        {chooseHost && (
          <SelectField
            id={slotIds.hostId}
            label={L.host}
            value={form.hostId}
            onChange={set('hostId')}
            error={errors.error('hostId')}
            emptyOption={L.hostEmpty}
            options={sponsors.map((s) => ({ value: s.userId, label: `${s.firstName} ${s.lastName}` }))}
          />
        )}
        <TextField id={slotIds.startsAt} label={L.startsAt} hint={L.dateHint} type="datetime-local" value={form.startsAt} onChange={set('startsAt')} error={errors.error('startsAt')} />
        <TextField id={slotIds.endsAt} label={L.endsAt} hint={L.dateHint} type="datetime-local" value={form.endsAt} onChange={set('endsAt')} error={errors.error('endsAt')} />
        <TextField id={slotIds.place} label={L.place} hint={L.placeHint} optional value={form.place} onChange={set('place')} error={errors.error('place')} maxLength={200} />
        <TextField id={slotIds.onlineUrl} label={L.onlineUrl} hint={L.onlineUrlHint} optional type="url" value={form.onlineUrl} onChange={set('onlineUrl')} error={errors.error('onlineUrl')} />
        <SelectField
          id={slotIds.capacity}
          label={L.capacity}
          hint={L.capacityHint}
          value={form.capacity}
          onChange={set('capacity')}
          error={errors.error('capacity')}
          options={Array.from({ length: SLOT_CAPACITY_MAX }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
        />
        <Button type="submit" disabled={create.isPending}>
          {L.createSlot}
        </Button>
      </form>
    </section>
  );
}

function QuestionsSection({ data: d }: { data: Data }) {
  return (
    <section aria-labelledby="sponsor-questions" className="fr-mb-6w">
      <h2 id="sponsor-questions">{L.questionsTitle}</h2>
      <p>{L.questionsLead}</p>
      {d.can.ask && <AskForm cohortId={d.cohortId} waiting={d.myUnanswered} />}
      {d.questions.length === 0 && <p>{L.noQuestions}</p>}
      {d.questions.map((q) => (
        <QuestionItem key={q.id} cohortId={d.cohortId} q={q} canAnswer={d.can.answer} />
      ))}
    </section>
  );
}

type AskFormValue = { body: string; themes: Theme[] };

function AskForm({ cohortId, waiting }: { cohortId: string; waiting: number }) {
  const { user } = useSession();
  const draft = useDraft<AskFormValue>(user ? `question-parrainage.${cohortId}.${user.id}` : null, { body: '', themes: [] });
  const form = draft.value;
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [sent, setSent] = useState(0);
  const ask = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/cohorts/${enc(cohortId)}/sponsor-questions`, body),
    onSuccess: async () => {
      draft.clearDraft();
      draft.setValue({ body: '', themes: [] });
      setSent((n) => n + 1);
      await qc.invalidateQueries({ queryKey: pageKey(cohortId) });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(sponsorQuestionBody, form);
    if (body) ask.mutate(body);
  };
  return (
    <div className="fr-mb-4w">
      <h3>{L.askTitle}</h3>
      <ErrorSummary as="h4" feedback={errors.feedback} fields={{ body: { label: L.question, id: 'sponsor-question' }, themes: { label: L.themes, id: 'sponsor-question-themes' } }} />
      {sent > 0 && <FocusedAlert severity="success" title={L.asked} focusKey={sent} as="h4" />}
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      {waiting > 0 && <p className="fr-text--sm">{L.waiting(waiting, UNANSWERED_QUESTIONS_MAX)}</p>}
      <form onSubmit={submit} noValidate>
        <TextField id="sponsor-question" label={L.question} hint={L.questionHint} textArea rows={5} value={form.body} onChange={(v) => draft.setValue((f) => ({ ...f, body: v }))} error={errors.error('body')} />
        <ThemePicker id="sponsor-question-themes" legend={L.themes} max={QUESTION_THEMES_MAX} value={form.themes} onChange={(v) => draft.setValue((f) => ({ ...f, themes: v as Theme[] }))} error={errors.error('themes')} />
        <Button type="submit" disabled={ask.isPending}>
          {L.ask}
        </Button>
      </form>
    </div>
  );
}

function QuestionItem({ cohortId, q, canAnswer }: { cohortId: string; q: Question; canAnswer: boolean }) {
  const asker = q.askedBy ? `${q.askedBy.firstName} ${q.askedBy.lastName}` : L.deletedMember;
  return (
    <article id={`question-${q.id}`} aria-labelledby={`question-${q.id}-by`} className="fr-card fr-p-3w fr-mb-3w">
      <p id={`question-${q.id}-by`} className="fr-text--sm fr-mb-1w">
        {L.askedBy(asker, formatDateTime(q.createdAt))}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{q.body}</p>
      {q.themes.length > 0 && (
        <p className="fr-text--sm">
          <span className="fr-sr-only">{L.themes} : </span>
          {q.themes.map((k) => (
            <Tag key={k} small as="span" className="fr-mr-1w">
              {themeNames[k]}
            </Tag>
          ))}
        </p>
      )}
      {q.answerHtml !== null ? (
        <div className="fr-pl-2w" style={{ borderLeft: '3px solid var(--border-default-blue-france)' }}>
          <p className="fr-text--sm fr-mb-1w">
            <strong>{L.answeredBy(q.answeredBy ? `${q.answeredBy.firstName} ${q.answeredBy.lastName}` : L.deletedMember, formatDateTime(q.answeredAt!))}</strong>
          </p>
          <PostBody html={q.answerHtml} />
        </div>
      ) : (
        <p className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">{L.unanswered}</p>
      )}
      {canAnswer && <AnswerForm cohortId={cohortId} q={q} />}
    </article>
  );
}

function AnswerForm({ cohortId, q }: { cohortId: string; q: Question }) {
  const { user } = useSession();
  const key = user ? `reponse-parrainage.${q.id}.${user.id}` : null;
  const [open] = useState(() => !!key && hasDraft(key));
  const draft = useDraft<{ answer: string }>(key, { answer: '' });
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [sent, setSent] = useState(0);
  const send = useMutation({
    mutationFn: (body: unknown) => api.put(`/api/cohorts/${enc(cohortId)}/sponsor-questions/${enc(q.id)}/answer`, body),
    onSuccess: async () => {
      draft.clearDraft();
      setSent((n) => n + 1);
      await qc.invalidateQueries({ queryKey: pageKey(cohortId) });
    },
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(sponsorAnswerBody, draft.value);
    if (body) send.mutate(body);
  };
  const fieldId = `answer-${q.id}`;
  const excerpt = q.body.length > 60 ? `${q.body.slice(0, 60)}…` : q.body;
  return (
    <>
      {/* Outside the details: an answered question's form folds up, its confirmation stays in sight. */}
      {sent > 0 && <FocusedAlert severity="success" title={L.answered} focusKey={sent} as="h4" />}
      <details className="fr-mt-2w" open={open || q.answerHtml === null || undefined}>
        <summary>
          {q.answerHtml === null ? L.sendAnswer : L.editAnswer}
          <span className="fr-sr-only">{L.answerTo(excerpt)}</span>
        </summary>
        <form onSubmit={submit} noValidate className="fr-mt-2w">
          <ErrorSummary as="h4" feedback={errors.feedback} fields={{ answer: { label: L.answer, id: fieldId } }} />
          {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
          <TextField id={fieldId} label={L.answer} hint={L.answerHint} textArea rows={5} value={draft.value.answer} onChange={(v) => draft.setValue({ answer: v })} error={errors.error('answer')} />
          <Button type="submit" size="small" disabled={send.isPending}>
            {q.answerHtml === null ? L.sendAnswer : L.editAnswer}
            <span className="fr-sr-only">{L.answerTo(excerpt)}</span>
          </Button>
        </form>
      </details>
    </>
  );
}
