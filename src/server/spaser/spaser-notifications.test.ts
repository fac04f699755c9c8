import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

/**
 * Issue 17 with issue 16: the SPASER builder notifies through the one mechanism. An invitation into a
 * joint schéma reaches every verified member of the invited buyer (never a pending member, never
 * anyone else), and a person made editor is told; both follow the member's rhythm for « SPASER », and
 * vanish from the centre once the recipient is no longer a verified member of a buyer of the schéma.
 */
let t: TestContext;
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;
let epci: string;
let commune: string;
let lead: Member;
let anna: Member;
let bruno: Member;
let pending: Member;
let outsider: Member;
let spaserId: string;

const sentences = async (m: Member) => ((await m.agent.get('/api/notifications')).json().items as { sentence: string; path: string }[]).map((i) => [i.sentence, i.path]);

beforeAll(async () => {
  t = await createTestContext();
  epci = (await t.createOrganisation({ name: 'Communauté de communes du Val Test', kind: 'epci' })).id;
  commune = (await t.createOrganisation({ name: 'Valbourg', kind: 'commune' })).id;
  const other = (await t.createOrganisation({ name: 'Autreville', kind: 'commune' })).id;
  lead = await t.loggedIn({ verifiedIn: [epci], firstName: 'Léo', lastName: 'Porteur' });
  anna = await t.loggedIn({ verifiedIn: [commune], firstName: 'Anna', lastName: 'Valbourg', email: 'anna@valbourg.example' });
  bruno = await t.loggedIn({ verifiedIn: [commune], firstName: 'Bruno', lastName: 'Valbourg' });
  pending = await t.loggedIn({ pendingIn: [commune], firstName: 'Paul', lastName: 'Attente' });
  outsider = await t.loggedIn({ verifiedIn: [other], firstName: 'Olga', lastName: 'Ailleurs' });
  // Anna wants SPASER news at once by e-mail; Bruno never by e-mail (the centre still shows it).
  expect((await anna.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { spaser: 'immediately' } })).statusCode).toBe(200);
  expect((await bruno.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { spaser: 'never' } })).statusCode).toBe(200);
  const created = await lead.agent.post('/api/spasers', { organisationId: epci, title: 'Schéma commun du Val Test', periodStart: 2027, periodEnd: 2029 });
  expect(created.statusCode, created.body).toBe(201);
  spaserId = created.json().id;
});
afterAll(() => t?.close());

describe('SPASER notifications', () => {
  it('an invitation reaches the verified members of the invited buyer only, by their rhythm', async () => {
    t.smtp.clear();
    const res = await lead.agent.post(`/api/spasers/${spaserId}/buyers`, { organisationId: commune });
    expect(res.statusCode, res.body).toBe(201);
    await t.drainJobs();
    const expected = ['Léo Porteur (Communauté de communes du Val Test) invite Valbourg à rejoindre le schéma commun « Schéma commun du Val Test ».', `/spaser/${spaserId}`];
    expect(await sentences(anna)).toEqual([expected]);
    expect(await sentences(bruno)).toEqual([expected]);
    for (const m of [pending, outsider, lead]) expect(await sentences(m)).toEqual([]);
    // One e-mail, to Anna only, with the sentence and the link.
    expect(t.smtp.received.map((m) => m.to)).toEqual(['anna@valbourg.example']);
    expect(t.smtp.received[0]!.text).toContain(expected[0]);
    expect(t.smtp.received[0]!.text).toContain(`/spaser/${spaserId}`);
    // A second invitation of the same buyer is refused and notifies nobody again.
    expect((await lead.agent.post(`/api/spasers/${spaserId}/buyers`, { organisationId: commune })).statusCode).toBe(409);
    await t.drainJobs();
    expect(await sentences(anna)).toHaveLength(1);
  });

  it('a person made editor is told; the notification disappears when they leave the buyer', async () => {
    expect((await anna.agent.post(`/api/spasers/${spaserId}/buyers/${commune}/accept`)).statusCode).toBe(200);
    const res = await anna.agent.post(`/api/spasers/${spaserId}/editors`, { userId: bruno.user.id });
    expect(res.statusCode, res.body).toBe(201);
    await t.drainJobs();
    expect((await sentences(bruno))[0]).toEqual([
      'Anna Valbourg vous a ajouté(e) aux rédacteurs du SPASER « Schéma commun du Val Test » (Communauté de communes du Val Test).',
      `/spaser/${spaserId}`,
    ]);
    // Bruno leaves Valbourg (his membership is removed): the schéma is no longer his to read, nor are its notifications.
    await t.db.execute(sql`DELETE FROM memberships WHERE user_id = ${bruno.user.id}`);
    expect(await sentences(bruno)).toEqual([]);
  });
});
