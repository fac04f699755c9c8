import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import { authUserOf, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { layoutMail } from '../platform/mail.js';
import { fail, ok, type Result } from '../platform/result.js';
import { eventCalendarFile, eventUrl } from './calendar.service.js';
import { eventKindLabels, eventNotices } from './events.messages.js';
import * as policy from './events.policy.js';
import { loadEvent, type EventRow } from './events.service.js';
import { eventRegistrations, events } from './events.tables.js';

export const JOB_EVENT_MAIL = 'events.mail';
export const JOB_EVENT_REMINDER = 'events.reminder';
const HOUR = 3600_000;
export const REMINDERS = { day: 24 * HOUR, hour: HOUR } as const;

type MailReason = 'registered' | 'waitlisted' | 'promoted' | 'demoted' | 'updated' | 'cancelled';
type MailPayload = { eventId: string; userId: string; reason: MailReason };
type ReminderPayload = { eventId: string; userId: string; which: keyof typeof REMINDERS; startsAt: string };

/** 1 + the number of people waiting ahead in line (by the time they asked, then id). */
async function waitlistPosition(tx: Db | Tx, eventId: string, userId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int + 1 AS n FROM event_registrations w, event_registrations r
        WHERE r.event_id = ${eventId} AND r.user_id = ${userId}
          AND w.event_id = r.event_id AND w.status = 'waitlisted' AND (w.queued_at, w.id) < (r.queued_at, r.id)`,
  );
  return Number(r!.n);
}

async function registeredCount(tx: Tx, eventId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM event_registrations WHERE event_id = ${eventId} AND status = 'registered'`);
  return Number(r!.n);
}

/** The reminders due before a start that is still ahead; deduplicated per start, so a new time gets its own. */
async function scheduleReminders(deps: Deps, tx: Tx, event: Pick<EventRow, 'id' | 'startsAt'>, userId: string) {
  const now = deps.clock.now();
  for (const which of Object.keys(REMINDERS) as (keyof typeof REMINDERS)[]) {
    const runAt = new Date(event.startsAt.getTime() - REMINDERS[which]);
    if (runAt <= now) continue;
    const startsAt = event.startsAt.toISOString();
    await deps.jobs.enqueue(
      JOB_EVENT_REMINDER,
      { eventId: event.id, userId, which, startsAt } satisfies ReminderPayload,
      { runAt, dedupeKey: `${JOB_EVENT_REMINDER}:${event.id}:${userId}:${which}:${startsAt}` },
      tx,
    );
  }
}

const mail = (deps: Deps, tx: Tx, payload: MailPayload) => deps.jobs.enqueue(JOB_EVENT_MAIL, payload, {}, tx);

/**
 * Registers the user: a place while there is one, otherwise the waitlist (said clearly). The event
 * row is locked for the whole transaction, so two last-place requests never both get it. Asking again
 * gives the same answer and changes nothing.
 */
export async function register(
  deps: Deps,
  user: AuthUser,
  eventId: string,
): Promise<Result<{ status: 'registered' | 'waitlisted'; waitlistPosition: number | null; message: string }>> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadEvent(tx, user, eventId, { lock: true });
    if (!loaded || !policy.canSeeEvent(user, loaded.facts)) return fail('EVENT_NOT_FOUND');
    const { event, facts } = loaded;
    const now = deps.clock.now();
    if (event.status === 'cancelled') return fail('EVENT_CANCELLED');
    // Idempotent for the person: asking again (a double click, a retried request) answers as the
    // first time did, with the current place or waitlist position, and sends nothing new.
    if (facts.myStatus === 'registered') return ok({ status: 'registered' as const, waitlistPosition: null, message: eventNotices.registered });
    if (facts.myStatus === 'waitlisted') {
      const position = await waitlistPosition(tx, event.id, user.id);
      return ok({ status: 'waitlisted' as const, waitlistPosition: position, message: eventNotices.waitlisted(position) });
    }
    if (now >= event.startsAt) return fail('EVENT_STARTED');
    if (!policy.canRegister(user, facts, now)) return fail('CANNOT_REGISTER');
    const full = event.capacity !== null && (await registeredCount(tx, event.id)) >= event.capacity;
    const status = full ? ('waitlisted' as const) : ('registered' as const);
    await tx
      .insert(eventRegistrations)
      .values({ eventId: event.id, userId: user.id, status, queuedAt: now, registeredAt: full ? null : now, createdAt: now })
      .onConflictDoUpdate({
        target: [eventRegistrations.eventId, eventRegistrations.userId],
        set: { status, queuedAt: now, registeredAt: full ? null : now, promotedAt: null, cancelledAt: null },
      });
    await mail(deps, tx, { eventId: event.id, userId: user.id, reason: status });
    if (status === 'registered') {
      await scheduleReminders(deps, tx, event, user.id);
      return ok({ status, waitlistPosition: null, message: eventNotices.registered });
    }
    const position = await waitlistPosition(tx, event.id, user.id);
    return ok({ status, waitlistPosition: position, message: eventNotices.waitlisted(position) });
  });
}

/** Gives up a place (until the event ends); the first person waiting gets it in the same transaction. */
export async function cancelRegistration(deps: Deps, user: AuthUser, eventId: string): Promise<Result<{ ok: true; message: string }>> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadEvent(tx, user, eventId, { lock: true });
    if (!loaded || !policy.canSeeEvent(user, loaded.facts)) return fail('EVENT_NOT_FOUND');
    const { event, facts } = loaded;
    if (!facts.myStatus) return fail('NOT_REGISTERED');
    if (!policy.canCancelRegistration(user, facts, deps.clock.now())) return fail('EVENT_ENDED');
    await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: deps.clock.now() })
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, user.id)));
    if (facts.myStatus === 'registered') await promoteWaitlisted(deps, tx, event.id);
    return ok({ ok: true as const, message: facts.myStatus === 'registered' ? eventNotices.cancelled : eventNotices.waitlistLeft });
  });
}

/**
 * Gives free places to the waitlist, first come first served; the caller holds the event row's lock.
 * Each promoted member gets an e-mail with the invitation and their reminders.
 */
export async function promoteWaitlisted(deps: Deps, tx: Tx, eventId: string): Promise<string[]> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event || event.status === 'cancelled') return [];
  const now = deps.clock.now();
  if (now >= event.startsAt) return [];
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await registeredCount(tx, eventId));
  if (free <= 0) return [];
  const next = await tx
    .select({ id: eventRegistrations.id, userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
    .limit(Math.min(free, 10_000));
  if (!next.length) return [];
  await tx
    .update(eventRegistrations)
    .set({ status: 'registered', registeredAt: now, promotedAt: now })
    .where(inArray(eventRegistrations.id, next.map((n) => n.id)));
  for (const n of next) {
    await mail(deps, tx, { eventId, userId: n.userId, reason: 'promoted' });
    await scheduleReminders(deps, tx, event, n.userId);
  }
  return next.map((n) => n.userId);
}

/**
 * After the capacity was lowered below the number of places taken (the caller holds the event row's
 * lock): the most recent registrants (by when they got their place, then id) move to the waitlist
 * until the places taken fit. They keep the time they asked, which is the waitlist's order, so they
 * come back first when places free up. Each is e-mailed with the reason and their position.
 */
export async function demoteOverCapacity(deps: Deps, tx: Tx, eventId: string): Promise<string[]> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event || event.status === 'cancelled' || event.capacity === null) return [];
  if (deps.clock.now() >= event.startsAt) return [];
  const over = (await registeredCount(tx, eventId)) - event.capacity;
  if (over <= 0) return [];
  const latest = await tx
    .select({ id: eventRegistrations.id, userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'registered')))
    .orderBy(desc(eventRegistrations.registeredAt), desc(eventRegistrations.id))
    .limit(over);
  await tx
    .update(eventRegistrations)
    .set({ status: 'waitlisted', registeredAt: null, promotedAt: null })
    .where(inArray(eventRegistrations.id, latest.map((r) => r.id)));
  for (const r of latest) await mail(deps, tx, { eventId, userId: r.userId, reason: 'demoted' });
  return latest.map((r) => r.userId);
}

/**
 * Gives places to people another module invites (the members of a co-development group), in the
 * caller's transaction: registered at once, with the confirmation e-mail and the reminders. Someone
 * already registered is left as is.
 */
export async function enrol(deps: Deps, tx: Tx, eventId: string, userIds: string[]): Promise<void> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event) return;
  const now = deps.clock.now();
  for (const userId of [...new Set(userIds)]) {
    const [row] = await tx
      .insert(eventRegistrations)
      .values({ eventId, userId, status: 'registered', queuedAt: now, registeredAt: now, createdAt: now })
      .onConflictDoUpdate({
        target: [eventRegistrations.eventId, eventRegistrations.userId],
        set: { status: 'registered', queuedAt: now, registeredAt: now, promotedAt: null, cancelledAt: null },
        setWhere: sql`${eventRegistrations.status} <> 'registered'`,
      })
      .returning({ id: eventRegistrations.id });
    if (!row) continue;
    await mail(deps, tx, { eventId, userId, reason: 'registered' });
    await scheduleReminders(deps, tx, event, userId);
  }
}

/** Takes back the places of people who left the inviting group (before the event); nobody is told. */
export async function unenrol(deps: Deps, tx: Tx, eventId: string, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await tx
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: deps.clock.now() })
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.userId, userIds), sql`${eventRegistrations.status} <> 'cancelled'`));
}

/** After an edit or a cancellation: new reminders for a new start, and e-mails to those concerned. */
export async function afterEventChange(deps: Deps, tx: Tx, eventId: string, change: { timeChanged: boolean; notify: boolean; cancelled?: boolean }) {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event) return;
  const statuses = change.cancelled ? (['registered', 'waitlisted'] as const) : (['registered'] as const);
  const people = await tx
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, [...statuses])));
  for (const p of people) {
    if (change.cancelled) await mail(deps, tx, { eventId, userId: p.userId, reason: 'cancelled' });
    else {
      if (change.timeChanged) await scheduleReminders(deps, tx, event, p.userId);
      if (change.notify) await mail(deps, tx, { eventId, userId: p.userId, reason: 'updated' });
    }
  }
}

const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });

/** « jeudi 26 mars 2026 à 10:00 – 11:30 (heure de Paris) ». */
export function whenText(e: Pick<EventRow, 'startsAt' | 'endsAt'>): string {
  const sameDay = e.startsAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }) === e.endsAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const end = sameDay ? timeFmt.format(e.endsAt) : dateTimeFmt.format(e.endsAt);
  return `${dateTimeFmt.format(e.startsAt)} – ${end} (heure de Paris)`;
}

function whereText(e: EventRow, withLink: boolean): string[] {
  return [
    ...(e.place ? [`Lieu : ${e.place}`] : []),
    ...(e.onlineUrl ? [withLink ? `Lien de connexion : ${e.onlineUrl}` : 'En ligne : le lien de connexion est envoyé aux inscrits.'] : []),
  ];
}

/** Whether the user may still see the event and its connection link, as the policy says now. */
async function currentRights(deps: Deps, userId: string, eventId: string): Promise<{ see: boolean; link: boolean }> {
  const user = await authUserOf(deps.db, userId);
  const loaded = user ? await loadEvent(deps.db, user, eventId) : null;
  if (!user || !loaded || !policy.canSeeEvent(user, loaded.facts)) return { see: false, link: false };
  return { see: true, link: policy.canSeeOnlineUrl(user, loaded.facts) };
}

/** Builds and sends an event e-mail at send time; skips it when the situation has changed since. */
async function sendEventMail(deps: Deps, p: MailPayload) {
  const [event] = await deps.db.select().from(events).where(eq(events.id, p.eventId));
  const [reg] = await deps.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, p.eventId), eq(eventRegistrations.userId, p.userId)));
  const [user] = await deps.db.select().from(users).where(eq(users.id, p.userId));
  if (!event || !reg || !user || user.disabledAt) return;
  // Rights at send time: someone removed from the event's group gets nothing more about it.
  const rights = await currentRights(deps, p.userId, p.eventId);
  if (!rights.see) return;
  const wanted: Record<MailReason, boolean> = {
    registered: reg.status === 'registered' && event.status === 'scheduled',
    promoted: reg.status === 'registered' && event.status === 'scheduled',
    updated: reg.status === 'registered' && event.status === 'scheduled',
    waitlisted: reg.status === 'waitlisted' && event.status === 'scheduled',
    demoted: reg.status === 'waitlisted' && event.status === 'scheduled',
    cancelled: event.status === 'cancelled',
  };
  if (!wanted[p.reason]) return;
  const kind = eventKindLabels[event.kind].toLowerCase();
  const url = eventUrl(deps, event.id);
  const when = whenText(event);
  const registered = reg.status === 'registered' && rights.link;
  const texts: Record<MailReason, { subject: string; title: string; lead: string }> = {
    registered: { subject: `Inscription confirmée : ${event.title}`, title: 'Votre inscription est confirmée', lead: `Vous êtes inscrit ou inscrite au ${kind} « ${event.title} ».` },
    promoted: {
      subject: `Une place s'est libérée : ${event.title}`,
      title: "Vous avez une place : vous quittez la liste d'attente",
      lead: `Une place s'est libérée au ${kind} « ${event.title} » : vous êtes maintenant inscrit ou inscrite.`,
    },
    updated: { subject: `Changement d'horaire ou de lieu : ${event.title}`, title: "L'événement a changé", lead: `L'horaire ou le lieu du ${kind} « ${event.title} » a changé. Voici les nouvelles informations.` },
    waitlisted: {
      subject: `Liste d'attente : ${event.title}`,
      title: "Vous êtes sur la liste d'attente",
      lead: `Le ${kind} « ${event.title} » est complet. Vous êtes sur la liste d'attente, en position ${await waitlistPosition(deps.db, p.eventId, p.userId)} ; si une place se libère, vous serez inscrit ou inscrite automatiquement et prévenu par e-mail.`,
    },
    demoted: {
      subject: `Liste d'attente : ${event.title}`,
      title: "Vous passez sur la liste d'attente",
      lead: `L'équipe d'animation a réduit le nombre de places du ${kind} « ${event.title} » : les dernières personnes inscrites, dont vous, passent sur la liste d'attente. Vous y êtes en position ${await waitlistPosition(deps.db, p.eventId, p.userId)} ; si une place se libère, vous serez inscrit ou inscrite automatiquement et prévenu par e-mail. Nous vous prions de nous excuser.`,
    },
    cancelled: { subject: `Événement annulé : ${event.title}`, title: 'Cet événement est annulé', lead: `Le ${kind} « ${event.title} » prévu le ${when} est annulé. Nous vous prions de nous excuser.` },
  };
  const t = texts[p.reason];
  const withInvitation = p.reason !== 'waitlisted' && p.reason !== 'demoted';
  const body = layoutMail({
    title: t.title,
    paragraphs: [
      t.lead,
      ...(p.reason === 'cancelled' ? [] : [`Quand : ${when}`, ...whereText(event, registered)]),
      ...(withInvitation ? ['L’invitation jointe (fichier .ics) met votre agenda à jour.'] : []),
    ],
    action: { label: "Voir l'événement", url },
  });
  await deps.mailer.send({
    to: user.email,
    subject: t.subject,
    ...body,
    ...(withInvitation ? { attachments: [eventCalendarFile(deps, event, { withLink: registered })] } : {}),
  });
}

/** A reminder goes only to a member still registered, for the event's current start. */
async function sendReminder(deps: Deps, p: ReminderPayload) {
  const [event] = await deps.db.select().from(events).where(eq(events.id, p.eventId));
  if (!event || event.status !== 'scheduled' || event.startsAt.toISOString() !== p.startsAt) return;
  const [reg] = await deps.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, p.eventId), eq(eventRegistrations.userId, p.userId)));
  if (!reg || reg.status !== 'registered') return;
  const [user] = await deps.db.select().from(users).where(eq(users.id, p.userId));
  if (!user || user.disabledAt) return;
  const rights = await currentRights(deps, p.userId, p.eventId);
  if (!rights.see) return;
  const soon = p.which === 'day' ? 'demain' : 'dans une heure';
  const body = layoutMail({
    title: `Rappel : « ${event.title} » commence ${soon}`,
    paragraphs: [`Quand : ${whenText(event)}`, ...whereText(event, rights.link), "Un empêchement ? Annulez votre inscription depuis la page de l'événement pour libérer votre place."],
    action: { label: "Voir l'événement", url: eventUrl(deps, event.id) },
  });
  await deps.mailer.send({ to: user.email, subject: `Rappel : ${event.title} — ${soon}`, ...body });
}

/** Registers the events module's durable jobs (called by platform/jobs.register.ts registerJobs). */
export function registerEventJobs(deps: Deps) {
  deps.jobs.register(JOB_EVENT_MAIL, (p: MailPayload) => sendEventMail(deps, p));
  deps.jobs.register(JOB_EVENT_REMINDER, (p: ReminderPayload) => sendReminder(deps, p));
}
