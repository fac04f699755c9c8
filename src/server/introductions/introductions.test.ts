import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';
import { linkIn } from '../../../tests/helpers/smtp.js';
import { users } from '../accounts/accounts.tables.js';
import { notifications } from '../notifications/notifications.tables.js';
import { rows } from '../platform/db.js';
import { DECLINE_COOLDOWN_DAYS, declinedWithin30DaysSql, MAX_PENDING_INTRODUCTIONS } from './introductions.service.js';
import { contactRequests } from './introductions.tables.js';

// Issue 20, item 5: contact by consent. Real database, HTTP injection, the real SMTP receiver.
let t: TestContext;
let orgId: string;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-02T09:00:00Z'));
  orgId = (await t.createOrganisation({ name: 'Communauté de Consentement', kind: 'epci' })).id;
});
afterAll(() => t?.close());

const DAY = 24 * 60 * 60 * 1000;
const MESSAGE = 'Bonjour, nous préparons notre SPASER : pourriez-vous me raconter comment vous avez choisi vos indicateurs ?';
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;
let n = 0;

/** A verified member who chose « disponible pour aider » and is visible in the directory, e-mailed at once for this category. */
async function helper(input: Parameters<TestContext['loggedIn']>[0] = {}): Promise<Member> {
  n += 1;
  const m = await t.loggedIn({ verifiedIn: [orgId], availableToHelp: true, firstName: 'Hélène', lastName: `Aidante${n}`, email: `aidante${n}@consentement.test`, ...input });
  expect((await m.agent.put('/api/notifications/preferences', { categories: { mises_en_relation: 'immediately' } })).statusCode).toBe(200);
  return m;
}
async function asker(input: Parameters<TestContext['loggedIn']>[0] = {}): Promise<Member> {
  n += 1;
  const m = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Bruno', lastName: `Demandeur${n}`, email: `demandeur${n}@consentement.test`, ...input });
  expect((await m.agent.put('/api/notifications/preferences', { categories: { mises_en_relation: 'immediately' } })).statusCode).toBe(200);
  return m;
}
const ask = (from: Member, to: { id: string }, message = MESSAGE) => from.agent.post('/api/introductions', { recipientId: to.id, message });
const requestCount = async () => Number((await t.db.select({ n: count() }).from(contactRequests))[0]!.n);
const notificationCount = async () => Number((await t.db.select({ n: count() }).from(notifications))[0]!.n);

/** A refusal: its status, code and French message, and nothing written (no request, no notification). */
async function expectRefused(res: Promise<{ statusCode: number; json: () => any }>, status: number, error: string, message?: string | RegExp) {
  const before = [await requestCount(), await notificationCount()];
  const r = await res;
  expect(r.statusCode).toBe(status);
  expect(r.json().error).toBe(error);
  if (typeof message === 'string') expect(r.json().message).toBe(message);
  else if (message) expect(r.json().message).toMatch(message);
  expect([await requestCount(), await notificationCount()]).toEqual(before);
  return r.json();
}

describe('asking for a contact, then accepting: only then both see each other’s address', () => {
  it('request → e-mail to the recipient with the link → accept → both see the addresses; third parties never do', async () => {
    const a = await asker({ firstName: 'Anne', lastName: 'Requérante' });
    const b = await helper({ firstName: 'Benoît', lastName: 'Sollicité' });
    const third = await asker({ firstName: 'Tiers', lastName: 'Curieux' });

    // Before: A may ask, and sees no address.
    expect((await a.agent.get(`/api/introductions/members/${b.user.id}`)).json()).toEqual({ canRequest: true, blocked: null, retryAt: null, request: null, email: null });

    const res = await ask(a, b.user);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ direction: 'sent', status: 'pending', message: MESSAGE, answeredAt: null, peer: { id: b.user.id, firstName: 'Benoît', email: null }, can: { accept: false, decline: false, withdraw: true } });

    // The recipient's e-mail: the sentence, the message as excerpt, the link to the request's page.
    await t.drainJobs();
    const mails = t.smtp.to(b.user.email);
    expect(mails.map((m) => m.subject)).toEqual(['Anne Requérante vous demande une mise en relation.']);
    expect(mails[0]!.text).toContain('Du nouveau — Mises en relation');
    expect(mails[0]!.text).toContain('pourriez-vous me raconter comment vous avez choisi vos indicateurs');
    expect(linkIn(mails[0]!, 'http://entraide.test/mises-en-relation/')).toBe(`http://entraide.test/mises-en-relation/${id}`);
    // No address in the e-mail, neither A's nor B's own.
    expect(mails[0]!.text).not.toContain(a.user.email);

    // While pending, neither sees the other's address.
    expect((await b.agent.get(`/api/introductions/${id}`)).json()).toMatchObject({ direction: 'received', status: 'pending', peer: { id: a.user.id, email: null }, can: { accept: true, decline: true, withdraw: false } });
    expect((await b.agent.get('/api/notifications?category=mises_en_relation')).json().items.map((i: { sentence: string; path: string }) => [i.sentence, i.path])).toEqual([
      ['Anne Requérante vous demande une mise en relation.', `/mises-en-relation/${id}`],
    ]);

    const accepted = await b.agent.post(`/api/introductions/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', peer: { id: a.user.id, email: a.user.email }, can: { accept: false, decline: false, withdraw: false } });
    expect(new Date(accepted.json().answeredAt).getTime()).toBeGreaterThanOrEqual(new Date(res.json().createdAt).getTime());

    // The requester hears of it, by e-mail at their rhythm and in the app.
    await t.drainJobs();
    expect(t.smtp.to(a.user.email).map((m) => m.subject)).toEqual(['Benoît Sollicité a accepté votre demande de mise en relation : vous voyez maintenant son adresse e-mail.']);
    expect(t.smtp.to(a.user.email)[0]!.text).not.toContain(b.user.email);

    // Both see each other's address: the request's page, the list, the member's profile page.
    expect((await a.agent.get(`/api/introductions/${id}`)).json().peer.email).toBe(b.user.email);
    expect((await a.agent.get('/api/introductions')).json().sent.map((r: { peer: { email: string } }) => r.peer.email)).toEqual([b.user.email]);
    expect((await b.agent.get('/api/introductions')).json().received.map((r: { peer: { email: string } }) => r.peer.email)).toEqual([a.user.email]);
    expect((await a.agent.get(`/api/introductions/members/${b.user.id}`)).json()).toEqual({
      canRequest: false, blocked: 'accepted', retryAt: null, request: { id, status: 'accepted', direction: 'sent' }, email: b.user.email,
    });
    expect((await b.agent.get(`/api/introductions/members/${a.user.id}`)).json()).toMatchObject({ blocked: 'accepted', email: a.user.email });

    // A third party: not the request, not its notification, no address in the profile, the directory or the contact state.
    expect((await third.agent.get(`/api/introductions/${id}`)).statusCode).toBe(404);
    expect((await third.agent.get('/api/introductions')).json()).toEqual({ sent: [], received: [] });
    for (const who of [a, b]) {
      const seen = [
        (await third.agent.get(`/api/members/${who.user.id}`)).body,
        (await third.agent.get(`/api/members?q=${encodeURIComponent(who.user.lastName)}`)).body,
        (await third.agent.get(`/api/introductions/members/${who.user.id}`)).body,
      ];
      for (const body of seen) expect(body).not.toContain('@consentement.test');
    }
    // The profile API itself never carries an address, even for the two connected members.
    expect((await a.agent.get(`/api/members/${b.user.id}`)).body).not.toContain('@');
    // A second request between them: already connected, either way.
    await expectRefused(ask(a, b.user), 409, 'INTRODUCTION_ALREADY_CONNECTED');
    await expectRefused(ask(b, a.user), 409, 'INTRODUCTION_ALREADY_CONNECTED');
  });

  it('a notification stays readable only by its recipient', async () => {
    const a = await asker();
    const b = await helper();
    const other = await asker();
    const id = (await ask(a, b.user)).json().id;
    const [notif] = await t.db.select().from(notifications).where(eq(notifications.targetId, id));
    expect(notif!.userId).toBe(b.user.id);
    expect((await other.agent.get('/api/notifications?category=mises_en_relation')).json().items).toEqual([]);
    expect((await a.agent.get('/api/notifications?category=mises_en_relation')).json().items).toEqual([]);
    // Marking another member's notification read changes nothing.
    expect((await other.agent.post(`/api/notifications/${notif!.id}/read`)).statusCode).toBe(404);
    const [after] = await t.db.select().from(notifications).where(eq(notifications.id, notif!.id));
    expect(after!.readAt).toBeNull();
    expect((await b.agent.get('/api/notifications?category=mises_en_relation')).json().items).toHaveLength(1);
  });
});

describe('declining, the 30-day window, withdrawing', () => {
  it('decline → the requester is notified; no new request for 30 days, then one is possible', async () => {
    const a = await asker({ firstName: 'Denis', lastName: 'Insistant' });
    const b = await helper({ firstName: 'Diane', lastName: 'Déclinante' });
    const id = (await ask(a, b.user)).json().id;
    const declined = await b.agent.post(`/api/introductions/${id}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', peer: { email: null } });
    await t.drainJobs();
    expect(t.smtp.to(a.user.email).map((m) => m.subject)).toEqual(['Diane Déclinante a décliné votre demande de mise en relation.']);
    expect((await a.agent.get('/api/notifications?category=mises_en_relation')).json().items.map((i: { sentence: string; path: string }) => [i.sentence, i.path])).toEqual([
      ['Diane Déclinante a décliné votre demande de mise en relation.', `/mises-en-relation/${id}`],
    ]);
    // No address after a refusal.
    expect((await a.agent.get(`/api/introductions/${id}`)).json().peer.email).toBeNull();
    expect((await b.agent.get(`/api/introductions/${id}`)).json().peer.email).toBeNull();

    const retryAt = new Date(new Date(declined.json().answeredAt).getTime() + DECLINE_COOLDOWN_DAYS * DAY).toISOString();
    t.clock.advance(29 * DAY);
    // A fresh session: the clock moved a month.
    expect((await a.agent.post('/api/auth/login', { email: a.user.email, password: PASSWORD })).statusCode).toBe(200);
    await expectRefused(ask(a, b.user), 409, 'INTRODUCTION_DECLINED_RECENTLY', 'Ce membre a décliné votre demande il y a moins de 30 jours : vous pourrez lui en adresser une nouvelle 30 jours après son refus.');
    expect((await a.agent.get(`/api/introductions/members/${b.user.id}`)).json()).toEqual({ canRequest: false, blocked: 'declined_recently', retryAt, request: { id, status: 'declined', direction: 'sent' }, email: null });
    // The window is about this pair only: B may still ask A.
    const [{ blocked }] = await rows<{ blocked: boolean }>(t.db, sql`SELECT ${declinedWithin30DaysSql(a.user.id, sql`${b.user.id}::uuid`, t.clock.now())} AS blocked`);
    expect(blocked).toBe(true);

    t.clock.advance(DAY + 1000);
    const [{ blocked: later }] = await rows<{ blocked: boolean }>(t.db, sql`SELECT ${declinedWithin30DaysSql(a.user.id, sql`${b.user.id}::uuid`, t.clock.now())} AS blocked`);
    expect(later).toBe(false);
    expect((await a.agent.post('/api/auth/login', { email: a.user.email, password: PASSWORD })).statusCode).toBe(200);
    expect((await ask(a, b.user)).statusCode).toBe(201);
  });

  it('the requester withdraws a pending request; the recipient can no longer answer it, its notification goes', async () => {
    const a = await asker();
    const b = await helper();
    const id = (await ask(a, b.user)).json().id;
    await expectRefused(b.agent.post(`/api/introductions/${id}/withdraw`), 403, 'INTRODUCTION_NOT_REQUESTER', 'Seule la personne qui a fait la demande peut la retirer.');
    const w = await a.agent.post(`/api/introductions/${id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', can: { accept: false, decline: false, withdraw: false } });
    await expectRefused(b.agent.post(`/api/introductions/${id}/accept`), 409, 'INTRODUCTION_ANSWERED');
    await expectRefused(a.agent.post(`/api/introductions/${id}/withdraw`), 409, 'INTRODUCTION_ANSWERED');
    expect((await b.agent.get('/api/notifications?category=mises_en_relation')).json().items).toEqual([]);
    const [row] = await t.db.select().from(contactRequests).where(eq(contactRequests.id, id));
    expect(row!.status).toBe('withdrawn');
    // A withdrawn request does not block a new one.
    expect((await ask(a, b.user)).statusCode).toBe(201);
  });
});

describe('sending and withdrawing again and again', () => {
  it('a fourth request to the same member within 30 days is refused, withdrawn ones counted; the oldest ageing out opens the way', async () => {
    const a = await asker({ firstName: 'Rémi', lastName: 'Relance' });
    const b = await helper({ firstName: 'Brigitte', lastName: 'Sollicitée' });
    const sentAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await ask(a, b.user);
      expect(res.statusCode, res.body).toBe(201);
      sentAt.push(new Date(res.json().createdAt).getTime());
      expect((await a.agent.post(`/api/introductions/${res.json().id}/withdraw`)).statusCode).toBe(200);
      t.clock.advance(DAY);
      // A fresh session each day: the clock moves faster than a session lives.
      expect((await a.agent.post('/api/auth/login', { email: a.user.email, password: PASSWORD })).statusCode).toBe(200);
    }
    const before = await t.db.select().from(contactRequests).where(eq(contactRequests.requesterId, a.user.id));
    await expectRefused(
      ask(a, b.user),
      429,
      'INTRODUCTION_TOO_MANY_TO_MEMBER',
      'Vous avez déjà adressé 3 demandes à ce membre ces 30 derniers jours, retirées comprises : sa fiche indique à partir de quand vous pourrez lui en adresser une nouvelle.',
    );
    expect(await t.db.select().from(contactRequests).where(eq(contactRequests.requesterId, a.user.id))).toHaveLength(before.length);
    // The profile says from when: 30 days after the first of the three.
    expect((await a.agent.get(`/api/introductions/members/${b.user.id}`)).json()).toMatchObject({
      canRequest: false,
      blocked: 'too_many_to_member',
      retryAt: new Date(sentAt[0]! + DECLINE_COOLDOWN_DAYS * DAY).toISOString(),
    });
    // Another member is not concerned.
    const c = await helper();
    expect((await ask(a, c.user)).statusCode).toBe(201);
    // 30 days after the first request (27 after the last advance), one more is possible.
    t.clock.advance(27 * DAY + 1000);
    expect((await a.agent.post('/api/auth/login', { email: a.user.email, password: PASSWORD })).statusCode).toBe(200);
    expect((await ask(a, b.user)).statusCode).toBe(201);
  });
});

describe('refusals, each in French and changing nothing', () => {
  it('oneself', async () => {
    const a = await helper();
    await expectRefused(ask(a, a.user), 400, 'INTRODUCTION_SELF', 'Vous ne pouvez pas vous adresser une demande de mise en relation à vous-même.');
    expect((await a.agent.get(`/api/introductions/members/${a.user.id}`)).json()).toMatchObject({ canRequest: false, blocked: 'self' });
  });

  it('not opted in, hidden, unverified, disabled, deleted or unknown: the same refusal, which never tells a hidden account exists', async () => {
    const a = await asker();
    const notAvailable = await t.createMember({ verifiedIn: [orgId], availableToHelp: false });
    const hidden = await t.createMember({ verifiedIn: [orgId], availableToHelp: true, directoryVisibility: 'hidden' });
    const unverified = await t.createMember({ pendingIn: [orgId], availableToHelp: true });
    const disabled = await t.createMember({ verifiedIn: [orgId], availableToHelp: true });
    await t.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, disabled.id));
    const deleted = await t.createMember({ verifiedIn: [orgId], availableToHelp: true });
    await t.db.update(users).set({ deletedAt: t.clock.now() }).where(eq(users.id, deleted.id));
    const unknown = { id: '00000000-0000-4000-8000-000000000000' };
    const answers = [];
    for (const who of [notAvailable, hidden, unverified, disabled, deleted, unknown]) {
      answers.push(
        await expectRefused(
          ask(a, who),
          404,
          'INTRODUCTION_UNAVAILABLE',
          "Ce membre ne reçoit pas de demande de mise en relation : il n'existe pas, ne s'affiche pas dans l'annuaire des membres, ou n'a pas indiqué être disponible pour aider.",
        ),
      );
      expect((await a.agent.get(`/api/introductions/members/${who.id}`)).json()).toEqual({ canRequest: false, blocked: 'unavailable', retryAt: null, request: null, email: null });
    }
    expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
    await expectRefused(a.agent.post('/api/introductions', { recipientId: 'pas-un-identifiant', message: MESSAGE }), 400, 'VALIDATION');
  });

  it('visitors and unverified members cannot ask', async () => {
    const b = await helper();
    await expectRefused(t.agent().post('/api/introductions', { recipientId: b.user.id, message: MESSAGE }), 401, 'UNAUTHENTICATED');
    const unverified = await t.loggedIn({ pendingIn: [orgId] });
    await expectRefused(ask(unverified, b.user), 403, 'NOT_VERIFIED_MEMBER');
  });

  it('a second pending request to the same person, or to someone who already asked you', async () => {
    const a = await helper();
    const b = await helper();
    expect((await ask(a, b.user)).statusCode).toBe(201);
    await expectRefused(ask(a, b.user), 409, 'INTRODUCTION_PENDING', 'Vous avez déjà adressé une demande à ce membre : elle attend sa réponse. Vous la retrouvez dans « Mes mises en relation ».');
    await expectRefused(ask(b, a.user), 409, 'INTRODUCTION_PENDING_FROM_PEER');
  });

  it(`more than ${MAX_PENDING_INTRODUCTIONS} pending requests at once`, async () => {
    const a = await asker();
    const peers = [await helper(), await helper(), await helper(), await helper()];
    for (const p of peers.slice(0, 3)) expect((await ask(a, p.user)).statusCode).toBe(201);
    await expectRefused(
      ask(a, peers[3]!.user),
      409,
      'INTRODUCTION_TOO_MANY_PENDING',
      'Vous avez déjà 3 demandes de mise en relation en attente de réponse : attendez une réponse, ou retirez une demande dans « Mes mises en relation ».',
    );
    expect((await a.agent.get(`/api/introductions/members/${peers[3]!.user.id}`)).json()).toMatchObject({ canRequest: false, blocked: 'too_many_pending' });
    // An answer frees a place.
    const first = (await a.agent.get('/api/introductions')).json().sent.at(-1).id;
    expect((await peers[0]!.agent.post(`/api/introductions/${first}/decline`)).statusCode).toBe(200);
    expect((await ask(a, peers[3]!.user)).statusCode).toBe(201);
  });

  it('a message empty, too short, too long, or with control characters other than line breaks: per field', async () => {
    const a = await asker();
    const b = await helper();
    const cases: [unknown, string][] = [
      ['', 'Saisissez votre message.'],
      ['   \n  ', 'Saisissez votre message.'],
      [undefined, 'Saisissez votre message.'],
      ['Trop court, merci', 'Votre message est trop court : présentez-vous et dites ce que vous attendez de ce membre, en 20 caractères au moins.'],
      ['x'.repeat(2001), `Votre message ne peut dépasser ${new Intl.NumberFormat('fr-FR').format(2000)} caractères.`],
      [`${MESSAGE}\tavec une tabulation`, 'Votre message contient un caractère de contrôle (tabulation ou autre) : seuls les retours à la ligne sont acceptés.'],
      [`${MESSAGE}\u0007`, 'Ce champ contient un caractère de contrôle non autorisé (seuls la tabulation et le retour à la ligne sont acceptés).'],
    ];
    for (const [message, expected] of cases) {
      const body = await expectRefused(a.agent.post('/api/introductions', { recipientId: b.user.id, message }), 400, 'VALIDATION');
      expect(body.fields).toEqual({ message: expected });
    }
    // Line breaks (LF and CRLF) are kept; 2 000 characters exactly are accepted.
    const ok = await ask(a, b.user, `Bonjour,\r\nvoici ma question.\nMerci d'avance !`);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().message).toBe(`Bonjour,\r\nvoici ma question.\nMerci d'avance !`);
    const c = await helper();
    expect((await ask(a, c.user, 'y'.repeat(2000))).statusCode).toBe(201);
  });

  it('answering a request that is not yours or no longer pending', async () => {
    const a = await asker();
    const b = await helper();
    const stranger = await helper();
    const id = (await ask(a, b.user)).json().id;
    await expectRefused(stranger.agent.post(`/api/introductions/${id}/accept`), 404, 'INTRODUCTION_NOT_FOUND');
    await expectRefused(stranger.agent.post(`/api/introductions/${id}/decline`), 404, 'INTRODUCTION_NOT_FOUND');
    await expectRefused(stranger.agent.post(`/api/introductions/${id}/withdraw`), 404, 'INTRODUCTION_NOT_FOUND');
    await expectRefused(a.agent.post(`/api/introductions/${id}/accept`), 403, 'INTRODUCTION_NOT_RECIPIENT', 'Seule la personne sollicitée peut accepter ou décliner cette demande.');
    await expectRefused(a.agent.post(`/api/introductions/00000000-0000-4000-8000-000000000000/accept`), 404, 'INTRODUCTION_NOT_FOUND');
    expect((await b.agent.post(`/api/introductions/${id}/decline`)).statusCode).toBe(200);
    await expectRefused(b.agent.post(`/api/introductions/${id}/accept`), 409, 'INTRODUCTION_ANSWERED', "Cette demande n'attend plus de réponse : elle a déjà été acceptée, déclinée ou retirée.");
    await expectRefused(b.agent.post(`/api/introductions/${id}/decline`), 409, 'INTRODUCTION_ANSWERED');
    const [row] = await t.db.select().from(contactRequests).where(eq(contactRequests.id, id));
    expect(row!.status).toBe('declined');
  });
});

describe('personal data', () => {
  it('the export holds the requests sent (with their message) and received; deleting the account deletes them', async () => {
    const a = await helper();
    const b = await helper();
    const c = await helper();
    const sent = (await ask(a, b.user)).json().id;
    const received = (await ask(c, a.user, 'Bonjour, un message que seule sa destinataire doit lire.')).json().id;
    const exported = (await a.agent.get('/api/me/export')).json();
    const mine = exported.introductions;
    expect(mine.introductionsSent).toEqual([{ id: sent, recipientId: b.user.id, message: MESSAGE, status: 'pending', createdAt: expect.any(String), answeredAt: null }]);
    expect(mine.introductionsReceived).toEqual([{ id: received, requesterId: c.user.id, status: 'pending', createdAt: expect.any(String), answeredAt: null }]);
    // A received message is its sender's words: it is in the sender's export, not the recipient's.
    expect(JSON.stringify(exported)).not.toContain('seule sa destinataire');

    const del = await a.agent.post('/api/me/delete', { password: PASSWORD, confirm: true });
    expect(del.statusCode, del.body).toBe(200);
    expect(await t.db.select().from(contactRequests).where(eq(contactRequests.requesterId, a.user.id))).toEqual([]);
    expect(await t.db.select().from(contactRequests).where(eq(contactRequests.recipientId, a.user.id))).toEqual([]);
    // B's notification about the deleted request is gone from B's centre.
    expect((await b.agent.get('/api/notifications?category=mises_en_relation')).json().items).toEqual([]);
  });
});
