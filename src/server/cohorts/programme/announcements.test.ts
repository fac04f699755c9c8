import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { notifications } from '../../notifications/notifications.tables.js';
import { cohortAnnouncements } from '../programme.tables.js';

/**
 * Announcements to a cohort (issue 23, item 4): sent to its current members only (never the author,
 * never a removed member, never to a finished cohort), each member's rhythm for « Promotions »
 * deciding the e-mail (real SMTP receiver), archived for members only.
 */

let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let facilitator: Who; // the cohort's own facilitator (not staff)
let sponsor: Who;
let immediate: Who; // participant, « Promotions » immediately
let never: Who; // participant, « Promotions » never
let daily: Who; // participant, default rhythm (daily)
let removed: Who; // participant removed before the first announcement
let outsider: Who; // verified member outside the cohort
let cohortId: string;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const first = { title: 'Séance de décollage : le lieu change', body: 'Rendez-vous **salle 2**, pas salle 1.\n\n<script>alert(1)</script>', themes: ['gouvernance'] };
const second = { title: 'Documents à lire avant l’atelier', body: 'Lisez la [fiche](https://example.fr/fiche) avant jeudi.', themes: [] };
const sentence = (title: string) => `Annonce de la promotion « Mission SPASER 2027 » : ${title}`;
const kindCount = async () =>
  (await t.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'cohort_announcement')))[0]!.n;
const rowCount = async () => (await t.db.select({ n: count() }).from(cohortAnnouncements).where(eq(cohortAnnouncements.cohortId, cohortId)))[0]!.n;
const sentences = async (who: Who) =>
  ((await who.agent.get('/api/notifications')).json().items as { kind: string; sentence: string }[]).filter((n) => n.kind === 'cohort_announcement').map((n) => n.sentence);
/** E-mails carrying an announcement (the « new cohort » news of the creation goes its own way). */
const mailsTo = (who: Who) => t.smtp.to(who.user.email).filter((m) => m.text.includes('Annonce de la promotion'));
/**
 * Moves the clock and runs the jobs due (digests), then everyone logs in again (sessions expire
 * meanwhile) — after the digests, since a visit marks news as seen.
 */
async function advanceAndDrain(ms: number) {
  t.clock.advance(ms);
  await t.drainJobs();
  for (const who of [staff, facilitator, sponsor, immediate, never, daily, removed, outsider]) {
    const res = await who.agent.post('/api/auth/login', { email: who.user.email, password: who.user.password });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
}

beforeAll(async () => {
  t = await createTestContext();
  // Monday 11 January 2027, 08:00 in Paris.
  t.clock.set(new Date('2027-01-11T07:00:00Z'));
  const org = await t.createOrganisation({ name: 'Ville de Lyon' });
  staff = await t.loggedIn({ role: 'facilitator', lastName: 'Équipe' });
  facilitator = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Fanny', lastName: 'Animatrice' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Paul', lastName: 'Parrain' });
  immediate = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Ines', lastName: 'Immédiat' });
  never = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Noé', lastName: 'Jamais' });
  daily = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Dora', lastName: 'Quotidien' });
  removed = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Rémi', lastName: 'Retiré' });
  outsider = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Odile', lastName: 'Dehors' });
  const res = await staff.agent.post('/api/cohorts', {
    name: 'Mission SPASER 2027', edition: 4, startsOn: '2027-01-11', endsOn: '2027-04-09', capacity: 30, description: '',
    sponsorIds: [sponsor.user.id], facilitatorIds: [facilitator.user.id],
  });
  cohortId = res.json().id;
  for (const p of [immediate, never, daily, removed])
    expect((await facilitator.agent.put(`/api/cohorts/${cohortId}/members/${p.user.id}`, { role: 'participant', organisationId: org.id })).statusCode).toBe(200);
  expect((await facilitator.agent.delete(`/api/cohorts/${cohortId}/members/${removed.user.id}`)).statusCode).toBe(200);
  expect((await immediate.agent.put('/api/notifications/preferences', { categories: { promotions: 'immediately' } })).statusCode).toBe(200);
  expect((await never.agent.put('/api/notifications/preferences', { categories: { promotions: 'never' } })).statusCode).toBe(200);
  // The « new cohort » news went out at creation: not what these tests look at.
  await t.drainJobs();
});
afterAll(() => t?.close());

describe('announcements to a cohort', () => {
  it('refuses bad input field by field, and writes nothing', async () => {
    const post = (body: unknown) => facilitator.agent.post(`/api/cohorts/${cohortId}/announcements`, body);
    const empty = await post({ title: '  ', body: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields).toEqual({ title: "Saisissez le titre de l'annonce.", body: "Saisissez le texte de l'annonce." });
    const long = await post({ title: 'x'.repeat(151), body: 'y'.repeat(10_001), themes: ['inconnu'] });
    expect(long.json().fields).toEqual({
      title: 'Le titre ne peut dépasser 150 caractères.',
      body: 'Le texte ne peut dépasser 10 000 caractères.',
      'themes.0': 'Thème inconnu : choisissez-en un dans la liste.',
    });
    const twoLines = await post({ title: 'Première ligne\nseconde', body: 'Texte.' });
    expect(twoLines.json().fields.title).toMatch(/^Le titre de l'annonce tient sur une ligne/);
    expect((await post({ title: 'Ok', body: 'Ok', themes: Array(6).fill('gouvernance') })).json().fields).toEqual({ themes: '5 thèmes au plus.' });
    // The preview refuses the same way.
    expect((await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements/preview`, { title: '', body: 'x' })).json().fields).toEqual({ title: "Saisissez le titre de l'annonce." });
    expect(await rowCount()).toBe(0);
    expect(await kindCount()).toBe(0);
  });

  it('lets only the cohort’s facilitators and staff post (403 to sponsors, participants, outsiders; 401 to visitors)', async () => {
    for (const who of [sponsor, immediate, outsider]) {
      const res = await who.agent.post(`/api/cohorts/${cohortId}/announcements`, first);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'COHORT_MANAGE_FORBIDDEN', message: "Seule l'équipe d'animation de la promotion peut faire cela." });
    }
    expect((await t.agent().post(`/api/cohorts/${cohortId}/announcements`, first)).statusCode).toBe(401);
    expect((await sponsor.agent.post(`/api/cohorts/${cohortId}/announcements/preview`, first)).statusCode).toBe(403);
    expect((await facilitator.agent.post('/api/cohorts/00000000-0000-4000-8000-000000000000/announcements', first)).statusCode).toBe(404);
    expect(await rowCount()).toBe(0);
  });

  it('previews the rendered body and the recipients without sending anything', async () => {
    const res = await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements/preview`, first);
    expect(res.statusCode).toBe(200);
    // Sponsor and three participants; not the author, not the removed member.
    expect(res.json()).toMatchObject({ title: first.title, recipientCount: 4 });
    expect(res.json().bodyHtml).toContain('<strong>salle 2</strong>');
    expect(res.json().bodyHtml).not.toContain('<script>');
    expect(await rowCount()).toBe(0);
  });

  it('sends to current members but the author: in-app for all, e-mail per each one’s rhythm', async () => {
    const res = await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements`, first);
    expect(res.statusCode).toBe(201);
    expect(res.json().recipientCount).toBe(4);
    const [row] = await t.db.select().from(cohortAnnouncements).where(eq(cohortAnnouncements.id, res.json().id));
    expect(row).toMatchObject({ recipientCount: 4, authorId: facilitator.user.id, themes: ['gouvernance'] });
    const to = await t.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, 'cohort_announcement'), eq(notifications.targetId, row!.id)));
    expect(to.map((n) => n.userId).sort()).toEqual([sponsor, immediate, never, daily].map((w) => w.user.id).sort());

    // (The daily member does not open the list yet: a visit marks news as seen, and the digest leaves it out.)
    for (const who of [sponsor, immediate, never]) expect(await sentences(who)).toEqual([sentence(first.title)]);
    for (const who of [facilitator, removed, outsider, staff]) expect(await sentences(who)).toEqual([]);

    await t.drainJobs();
    const single = mailsTo(immediate);
    expect(single.map((m) => m.subject)).toEqual([sentence(first.title)]);
    expect(single[0]!.text).toContain('Rendez-vous salle 2, pas salle 1.');
    expect(single[0]!.text).toContain(`http://entraide.test/promotions/${cohortId}#annonce-${row!.id}`);
    for (const who of [never, daily, removed, facilitator, outsider]) expect(mailsTo(who)).toEqual([]);

    // The daily digest leaves at 07:00 in Paris the next day; « jamais » gets nothing.
    await advanceAndDrain(DAY + MINUTE);
    // One digest, with the « new cohort » news of the creation and the announcement.
    expect(mailsTo(daily).map((m) => m.subject)).toEqual([expect.stringMatching(/^Entraide : \d nouveautés? de la journée$/)]);
    expect(mailsTo(daily)[0]!.text).toContain(`• ${sentence(first.title)}`);
    expect(await sentences(daily)).toEqual([sentence(first.title)]);
    expect(mailsTo(never)).toEqual([]);
    expect(mailsTo(removed)).toEqual([]);
  });

  it('a member removed after the posting no longer reads it, nor receives the e-mail still to come', async () => {
    const res = await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements`, second);
    expect(res.json().recipientCount).toBe(4);
    expect((await t.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, daily.user.id), eq(notifications.targetId, res.json().id))))[0]!.n).toBe(1);
    expect((await facilitator.agent.delete(`/api/cohorts/${cohortId}/members/${daily.user.id}`)).statusCode).toBe(200);
    // Before the digest (07:00 tomorrow) the member left: their list no longer shows either announcement…
    await advanceAndDrain(DAY + MINUTE);
    expect(await sentences(daily)).toEqual([]);
    // …and no digest carries the second one (the only e-mail is yesterday's).
    expect(mailsTo(daily)).toHaveLength(1);
    // The sponsor (daily too, still a member) has it in the same digest.
    expect(t.smtp.received.filter((m) => m.text.includes(second.title)).map((m) => m.to).sort()).toEqual([immediate.user.email, sponsor.user.email].sort());
    expect(t.smtp.received.filter((m) => m.to.includes(immediate.user.email) && m.text.includes(second.title)).map((m) => m.subject)).toEqual([sentence(second.title)]);
    // The next announcement is counted without them.
    expect((await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements/preview`, second)).json().recipientCount).toBe(3);
  });

  it('archives them for members, newest first; visitors and outsiders never read them', async () => {
    const list = await immediate.agent.get(`/api/cohorts/${cohortId}/announcements`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { title: string }) => a.title)).toEqual([second.title, first.title]);
    expect(list.json().items[1]).toMatchObject({ author: { id: facilitator.user.id, firstName: 'Fanny', lastName: 'Animatrice' }, recipientCount: 4, themes: ['gouvernance'] });
    expect(list.json().items[0].bodyHtml).toContain('<a href="https://example.fr/fiche" rel="nofollow noopener ugc">fiche</a>');
    expect(list.json().can).toEqual({ post: false });
    expect((await facilitator.agent.get(`/api/cohorts/${cohortId}/announcements`)).json().can).toEqual({ post: true });
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/announcements`)).json().items).toHaveLength(2);
    expect((await t.agent().get(`/api/cohorts/${cohortId}/announcements`)).statusCode).toBe(401);
    for (const who of [outsider, removed, daily]) expect((await who.agent.get(`/api/cohorts/${cohortId}/announcements`)).json().error).toBe('COHORT_FORBIDDEN');
    // The public part of the cohort page carries nothing of them.
    expect(JSON.stringify((await t.agent().get(`/api/cohorts/${cohortId}`)).json())).not.toContain(first.title);
  });

  it('refuses an announcement to a finished cohort, with a French message, and sends nothing', async () => {
    expect((await staff.agent.patch(`/api/cohorts/${cohortId}`, { status: 'en_cours' })).statusCode).toBe(200);
    expect((await staff.agent.patch(`/api/cohorts/${cohortId}`, { status: 'terminee' })).statusCode).toBe(200);
    const before = await kindCount();
    for (const who of [facilitator, staff]) {
      const res = await who.agent.post(`/api/cohorts/${cohortId}/announcements`, { title: 'Encore un mot', body: 'Merci à tous.' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'ANNOUNCEMENT_COHORT_FINISHED', message: expect.stringMatching(/^Cette promotion est terminée : on ne lui envoie plus d’annonce/) });
    }
    expect((await facilitator.agent.post(`/api/cohorts/${cohortId}/announcements/preview`, second)).statusCode).toBe(409);
    expect(await rowCount()).toBe(2);
    expect(await kindCount()).toBe(before);
    // The archive stays readable by the members; nobody may post.
    expect((await facilitator.agent.get(`/api/cohorts/${cohortId}/announcements`)).json()).toMatchObject({ can: { post: false } });
    expect((await sponsor.agent.get(`/api/cohorts/${cohortId}/announcements`)).json().items).toHaveLength(2);
  });
});
