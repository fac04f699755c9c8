import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { linkIn, type ReceivedMail } from '../../../tests/helpers/smtp.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { nextDigestAt } from './notifications.service.js';
import { users } from '../accounts/accounts.tables.js';

let t: TestContext;
let orgId: string;
beforeAll(async () => {
  t = await createTestContext();
  orgId = (await t.createOrganisation()).id;
});
afterAll(() => t?.close());

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A recipient with the given preference asks a question; a minute later another member answers
 * it (the recipient follows their own question). Returns the recipient's agent and address.
 */
async function answeredQuestion(frequency: 'immediately' | 'daily' | 'weekly' | 'never', title: string) {
  const recipient = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Rose' });
  expect((await recipient.agent.put('/api/notifications/preferences', { emailFrequency: frequency })).json().emailFrequency).toBe(frequency);
  const q = await recipient.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title, body: 'Détails.', theme: 'autre', tags: [] });
  expect(q.statusCode).toBe(201);
  const answerer = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Paul', lastName: 'Répondant' });
  t.clock.advance(MINUTE);
  expect((await answerer.agent.post(`/api/help/questions/${q.json().id}/answers`, { body: 'Voici mon expérience.' })).statusCode).toBe(201);
  await t.drainJobs();
  return { ...recipient, email: recipient.user.email, questionId: q.json().id as string };
}

const listHeader = (m: ReceivedMail) => m.headers.get('list') as { unsubscribe: { url: string }; 'unsubscribe-post': unknown };

describe('digest schedule', () => {
  it('is 07:00 Paris time the next day, or next Monday for weekly (06:00 UTC in winter)', () => {
    expect(nextDigestAt(new Date('2026-11-28T14:00:00Z'), 'daily').toISOString()).toBe('2026-11-29T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-28T05:00:00Z'), 'daily').toISOString()).toBe('2026-11-28T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-28T14:00:00Z'), 'weekly').toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-30T06:00:00Z'), 'weekly').toISOString()).toBe('2026-12-07T06:00:00.000Z');
  });

  it('stays at 07:00 in Paris across the changes of time (05:00 UTC in summer)', () => {
    // Clocks go forward on Sunday 29 March 2026 at 02:00 and back on Sunday 25 October at 03:00.
    expect(nextDigestAt(new Date('2026-03-28T10:00:00Z'), 'daily').toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(nextDigestAt(new Date('2026-03-27T10:00:00Z'), 'weekly').toISOString()).toBe('2026-03-30T05:00:00.000Z');
    expect(nextDigestAt(new Date('2026-10-24T10:00:00Z'), 'daily').toISOString()).toBe('2026-10-25T06:00:00.000Z');
    // 05:30 UTC on 25 October is 06:30 in Paris: the digest of that morning is still to come.
    expect(nextDigestAt(new Date('2026-10-25T05:30:00Z'), 'daily').toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });
});

describe('e-mails per preference, to the real SMTP receiver', () => {
  it('immediately: one e-mail per notification with one-click unsubscribe headers, no digest', async () => {
    const r = await answeredQuestion('immediately', 'Préférence immédiate : une question test');
    const mails = t.smtp.to(r.email);
    expect(mails.map((m) => m.subject)).toEqual(['Paul Répondant a répondu à la question « Préférence immédiate : une question test ».']);
    expect(mails[0]!.text).toContain('« Voici mon expérience. »');
    expect(listHeader(mails[0]!).unsubscribe.url).toMatch(/^http:\/\/entraide\.test\/api\/notifications\/unsubscribe\?token=/);
    expect(JSON.stringify(listHeader(mails[0]!)['unsubscribe-post'])).toContain('List-Unsubscribe=One-Click');
    t.clock.advance(8 * DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toHaveLength(1);
  });

  it('daily: one digest the next morning; not before', async () => {
    const r = await answeredQuestion('daily', 'Préférence quotidienne : une question test');
    expect(t.smtp.to(r.email)).toEqual([]);
    t.clock.advance(DAY + MINUTE);
    await t.drainJobs();
    const mails = t.smtp.to(r.email);
    expect(mails.map((m) => m.subject)).toEqual(['Entraide : 1 nouveauté de la journée']);
    expect(mails[0]!.text).toContain(`• Paul Répondant a répondu à la question « Préférence quotidienne : une question test ». http://entraide.test/entraide/questions/${r.questionId}`);
    expect(listHeader(mails[0]!).unsubscribe.url).toContain('/api/notifications/unsubscribe?token=');
    // Sent once: the next digest has nothing new.
    t.clock.advance(DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toHaveLength(1);
  });

  it('daily: nothing to a member who visited since the notification', async () => {
    const r = await answeredQuestion('daily', 'Préférence quotidienne : membre revenu');
    t.clock.advance(10 * MINUTE);
    expect((await r.agent.get('/api/help/spaces')).statusCode).toBe(200);
    // The visit is the session's own throttled touch, copied to the account: logging out keeps it.
    expect((await r.agent.post('/api/auth/logout')).statusCode).toBe(200);
    t.clock.advance(DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toEqual([]);
  });

  it('daily: an empty digest is not sent (everything read in the meantime)', async () => {
    const r = await answeredQuestion('daily', 'Préférence quotidienne : tout est lu');
    // Reading happens in the same minute as the notification: the visit alone would not exclude it.
    expect((await r.agent.post('/api/notifications/read-all')).statusCode).toBe(200);
    await t.db.update(users).set({ lastSeenAt: null }).where(eq(users.id, r.user.id));
    t.clock.advance(DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toEqual([]);
  });

  it('weekly: one digest on Monday morning', async () => {
    const r = await answeredQuestion('weekly', 'Préférence hebdomadaire : une question test');
    t.clock.advance(8 * DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email).map((m) => m.subject)).toEqual(['Entraide : 1 nouveauté de la semaine']);
  });

  it('never: no e-mail at all, the notification stays in the app', async () => {
    const r = await answeredQuestion('never', 'Préférence jamais : une question test');
    t.clock.advance(8 * DAY);
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toEqual([]);
    const agent = t.agent();
    await agent.post('/api/auth/login', { email: r.email, password: r.user.password });
    expect((await agent.get('/api/notifications')).json()).toMatchObject({ unreadCount: 1, items: [{ kind: 'answer', questionId: r.questionId }] });
  });
});

describe('one-click unsubscribe', () => {
  it('shows what it does on GET and performs it on a POST without login nor CSRF token (RFC 8058)', async () => {
    const r = await answeredQuestion('immediately', 'Désabonnement en un clic : question');
    const mail = t.smtp.to(r.email)[0]!;
    const oneClick = listHeader(mail).unsubscribe.url.replace('http://entraide.test', '');
    const pageLink = linkIn(mail, 'http://entraide.test/notifications/desabonnement?jeton=');
    expect(decodeURIComponent(pageLink.split('jeton=')[1]!)).toBe(decodeURIComponent(oneClick.split('token=')[1]!));

    // A single e-mail's one-click link stops its category only (here « Espace d’entraide »).
    const info = await t.agent().get(oneClick);
    expect(info.json()).toMatchObject({ firstName: 'Rose', emailFrequency: 'immediately', category: { id: 'entraide', label: 'Espace d’entraide' } });
    const post = await t.app.inject({ method: 'POST', url: oneClick, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toEqual({ ok: true, message: 'Vous ne recevrez plus d’e-mails de la catégorie « Espace d’entraide ». Vous pouvez changer d’avis dans « Mes notifications ».' });
    const prefs = (await r.agent.get('/api/notifications/preferences')).json();
    expect(prefs.emailFrequency).toBe('immediately');
    expect(Object.fromEntries(prefs.categories.map((c: { id: string; emailFrequency: string }) => [c.id, c.emailFrequency]))).toEqual({
      entraide: 'never',
      agenda: 'immediately',
      bibliotheque: 'immediately',
      promotions: 'immediately',
      codeveloppement: 'immediately',
      spaser: 'immediately',
      spaser_review: 'immediately',
      mises_en_relation: 'immediately',
    });

    // The footer's other link stops everything.
    const allLink = [...mail.text.matchAll(/http:\/\/entraide\.test\/notifications\/desabonnement\?jeton=([^\s"<>]*)/g)].map((m) => m[1])[1]!;
    const all = await t.app.inject({ method: 'POST', url: `/api/notifications/unsubscribe?token=${allLink}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(all.json().message).toBe('Vous ne recevrez plus d’e-mails de notification. Vous pouvez changer d’avis dans « Mes notifications ».');
    const after = (await r.agent.get('/api/notifications/preferences')).json();
    expect([after.emailFrequency, ...after.categories.map((c: { emailFrequency: string }) => c.emailFrequency)]).toEqual(['never', 'never', 'never', 'never', 'never', 'never', 'never', 'never', 'never']);

    const forged = await t.app.inject({ method: 'POST', url: `/api/notifications/unsubscribe?token=${r.user.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toBe('UNSUBSCRIBE_LINK_INVALID');
  });

  it('keeps CSRF on every other POST', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [orgId] });
    const res = await agent.request('POST', '/api/notifications/read-all', {}, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('CSRF');
  });

  it('validates the preference with a French message', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [orgId] });
    const res = await agent.put('/api/notifications/preferences', { emailFrequency: 'hourly' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.emailFrequency).toBe('Choisissez une fréquence : immédiatement, chaque jour, chaque semaine ou jamais.');
    expect((await agent.get('/api/notifications/preferences')).json()).toMatchObject({ emailFrequency: 'daily', options: expect.arrayContaining([{ value: 'weekly', label: 'un récapitulatif par semaine' }]) });
  });
});

describe('digests on Paris time, driven by the platform clock across a change of time', () => {
  it('daily: leaves at 07:00 summer time the morning after clocks go forward, not at 07:00 winter time', async () => {
    t.clock.set(new Date('2026-03-28T10:00:00Z')); // Saturday 11:00 in Paris (winter time)
    const r = await answeredQuestion('daily', 'Heure d’été : récapitulatif quotidien');
    t.clock.set(new Date('2026-03-29T04:59:00Z')); // Sunday 06:59 in Paris (summer time since 02:00)
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toEqual([]);
    t.clock.set(new Date('2026-03-29T05:01:00Z')); // 07:01 in Paris; still 06:01 by winter time
    await t.drainJobs();
    expect(t.smtp.to(r.email).map((m) => m.subject)).toEqual(['Entraide : 1 nouveauté de la journée']);
  });

  it('weekly: leaves on Monday at 07:00 winter time after clocks go back', async () => {
    t.clock.set(new Date('2026-10-23T10:00:00Z')); // Friday 12:00 in Paris (summer time)
    const r = await answeredQuestion('weekly', 'Heure d’hiver : récapitulatif hebdomadaire');
    t.clock.set(new Date('2026-10-26T05:59:00Z')); // Monday 06:59 in Paris (winter time since Sunday); 07:59 by summer time
    await t.drainJobs();
    expect(t.smtp.to(r.email)).toEqual([]);
    t.clock.set(new Date('2026-10-26T06:01:00Z')); // Monday 07:01 in Paris
    await t.drainJobs();
    expect(t.smtp.to(r.email).map((m) => m.subject)).toEqual(['Entraide : 1 nouveauté de la semaine']);
  });
});
