import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';
import { writeDecpFile, type Rec } from '../../../tests/helpers/decp.js';
import { users } from '../accounts/accounts.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { spaserDeclarations } from '../observatory/observatory.tables.js';
import { importDecpFiles } from '../procurement/import/import.service.js';
import { rows } from '../platform/db.js';

/*
 * Issue 20, item 4: a community built by hand, where the right ranking is known by construction.
 * The viewer V works for the Commune de Kerbrest (Bretagne, Finistère), no SPASER; its 2024 marchés:
 * 5 × 2 M€ = 10 M€ (band « 5 à 20 M€ »), 2 of 5 with an environmental consideration (40 %), 2 of 5 social (40 %).
 *
 *  P1 Commune de Plouvien — Bretagne, Ille-et-Vilaine; 5 × 2 M€ in 2024 (same band: similar); SPASER
 *     adopted 2024-03-12; environmental 4/5 = 80 % (+40 points over V), social 2/5 = 40 % (no gap).
 *     → similar 30 + same région 12 + SPASER in force 25 + environmental 15 = 82.
 *  P2 Ville de Lorient — Bretagne, Morbihan; 5 × 5 M€ = 25 M€ (next band: same kind only); SPASER adopted
 *     2023-06-01; environmental 5/5, social 2/5; « disponible pour aider ».
 *     → same kind 10 + same région 12 + SPASER 25 + environmental 15 + available 10 = 72.
 *  P3 Commune de Quimperlé — Finistère; 5 × 2 M€ (similar); no SPASER; environmental 2/5; available;
 *     seen 10 days ago. → similar 30 + same département 20 + available 10 + active 5 = 65.
 *  P4 Brest métropole (EPCI, no SIREN) — Finistère; declares « indicateurs »; 5 useful answers on indicators.
 *     → without a theme: same département 20 + useful answers 2 × 5 = 30;
 *       asking for « indicateurs »: same département 20 + 20 × 5 + declared 15 = 135.
 *  P5 Commune de Vannes (no SIREN: no band, so same kind only) — Morbihan; declares « indicateurs »;
 *     2 useful answers on indicators, 1 on social clauses.
 *     → without a theme: same kind 10 + same région 12 + useful answers 2 × 3 = 28;
 *       asking for « indicateurs »: 10 + 12 + 20 × 2 + 15 = 77.
 *  M, a member of both the Syndicat des eaux du Var (nothing in common) and Quimperlé, is ranked with
 *     the better of the two: similar 30 + same département 20 = 50, shown with Quimperlé.
 *  Never suggested, each with what would rank them high: K, V's colleague (also a member of Lorient);
 *  H, hidden from the directory, D, disabled, and U, whose membership is pending — all three at Plouvien.
 *  Q asks the questions (a syndicat in Provence): no feature in common with V, so no suggestion.
 */
const siret = (siren: string) => `${siren}00011`;
const marches = (prefix: string, siren: string, amount: number, env: number, social: number): Rec[] =>
  [0, 1, 2, 3, 4].map((i) => ({
    id: `${prefix}${i}`,
    siret: siret(siren),
    date: '2024-03-01',
    amount,
    env: i < env ? ['Clause environnementale'] : ['Pas de considération environnementale'],
    social: i < social ? ['Clause sociale'] : ['Pas de considération sociale'],
  }));

let t: TestContext;
type Agent = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let viewer: Agent;
let viewerEmail: string;
let questions: Agent;
const id: Record<string, string> = {};

async function usefulAnswer(asker: Agent, helper: Agent, theme: string, title: string) {
  const q = await asker.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title, body: 'Quelles pratiques recommandez-vous ?', theme, tags: [] });
  expect(q.statusCode, q.body).toBe(201);
  const a = await helper.post(`/api/help/questions/${q.json().id}/answers`, { body: 'Voici ce que nous avons fait chez nous.' });
  expect(a.statusCode, a.body).toBe(201);
  expect((await asker.put(`/api/help/answers/${a.json().id}/useful`)).statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  const org = async (name: string, kind: 'commune' | 'epci' | 'syndicat', siren: string | null, regionCode: string, departementCode: string) =>
    (await t.createOrganisation({ name, kind, siren, regionCode, departementCode })).id;
  const kerbrest = await org('Commune de Kerbrest', 'commune', '110000001', '53', '29');
  const plouvien = await org('Commune de Plouvien', 'commune', '120000002', '53', '35');
  const lorient = await org('Ville de Lorient', 'commune', '130000003', '53', '56');
  const quimperle = await org('Commune de Quimperlé', 'commune', '140000004', '53', '29');
  const brest = await org('Brest métropole', 'epci', null, '53', '29');
  const vannes = await org('Commune de Vannes', 'commune', null, '53', '56');
  const syndicat = await org('Syndicat des eaux du Var', 'syndicat', null, '93', '83');
  const report = await importDecpFiles(t.deps, [
    writeDecpFile([
      ...marches('V', '110000001', 2_000_000, 2, 2),
      ...marches('P1', '120000002', 2_000_000, 4, 2),
      ...marches('P2', '130000003', 5_000_000, 5, 2),
      ...marches('P3', '140000004', 2_000_000, 2, 2),
    ]),
  ]);
  expect(report).toMatchObject({ imported: 20, rejected: 0 });
  const now = t.clock.now();
  await t.db.insert(spaserDeclarations).values([
    { organisationId: plouvien, url: 'https://plouvien.example/spaser.pdf', adoptedOn: '2024-03-12', declaredAt: now },
    { organisationId: lorient, url: 'https://lorient.example/spaser.pdf', adoptedOn: '2023-06-01', declaredAt: now },
  ]);

  const v = await t.loggedIn({ verifiedIn: [kerbrest], firstName: 'Véronique', lastName: 'Viewer' });
  viewer = v.agent;
  viewerEmail = v.user.email;
  id.V = v.user.id;
  id.P1 = (await t.createMember({ verifiedIn: [plouvien], firstName: 'Morgane', lastName: 'Le Guen' })).id;
  id.P2 = (await t.createMember({ verifiedIn: [lorient], firstName: 'Yann', lastName: 'Le Goff', availableToHelp: true })).id;
  id.P3 = (await t.createMember({ verifiedIn: [quimperle], firstName: 'Soizic', lastName: 'Tanguy', availableToHelp: true })).id;
  const p4 = await t.loggedIn({ verifiedIn: [brest], firstName: 'Erwan', lastName: 'Kerjean', themes: ['indicateurs'] });
  const p5 = await t.loggedIn({ verifiedIn: [vannes], firstName: 'Nolwenn', lastName: 'Le Bihan', themes: ['indicateurs'] });
  id.P4 = p4.user.id;
  id.P5 = p5.user.id;
  id.M = (await t.createMember({ verifiedIn: [syndicat, quimperle], firstName: 'Maël', lastName: 'Deux-Maisons' })).id;
  id.K = (await t.createMember({ verifiedIn: [kerbrest, lorient], firstName: 'Katell', lastName: 'Collègue', availableToHelp: true })).id;
  id.H = (await t.createMember({ verifiedIn: [plouvien], lastName: 'Hidden', directoryVisibility: 'hidden', availableToHelp: true })).id;
  id.D = (await t.createMember({ verifiedIn: [plouvien], lastName: 'Disabled', availableToHelp: true })).id;
  await t.db.update(users).set({ disabledAt: now }).where(eq(users.id, id.D));
  id.U = (await t.createMember({ pendingIn: [plouvien], lastName: 'Unverified', availableToHelp: true })).id;
  const q = await t.loggedIn({ verifiedIn: [syndicat], firstName: 'Quentin', lastName: 'Questions' });
  id.Q = q.user.id;
  questions = q.agent;
  // Accounts of less than 7 days post at most 5 messages an hour: these are older members.
  await t.db.update(users).set({ createdAt: new Date('2026-01-05T09:00:00Z') }).where(inArray(users.id, [id.P4!, id.P5!, id.Q!]));
  for (let i = 1; i <= 5; i++) await usefulAnswer(q.agent, p4.agent, 'indicateurs', `Quel indicateur de suivi numéro ${i} ?`);
  await usefulAnswer(q.agent, p5.agent, 'indicateurs', 'Comment suivre la part de marchés responsables ?');
  await usefulAnswer(q.agent, p5.agent, 'indicateurs', 'Quels indicateurs pour un premier SPASER ?');
  await usefulAnswer(q.agent, p5.agent, 'clauses_sociales', 'Une clause d’insertion pour un marché de voirie ?');
  // Recent activity is set by hand: only P3 came in the last 60 days (the requests above touched P4, P5 and Q).
  await t.db.update(users).set({ lastSeenAt: null }).where(inArray(users.id, [id.P4!, id.P5!, id.Q!]));
  await t.db.update(users).set({ lastSeenAt: new Date('2026-05-22T09:00:00Z') }).where(eq(users.id, id.P3!));
  await t.db.update(users).set({ lastSeenAt: new Date('2026-03-01T09:00:00Z') }).where(eq(users.id, id.P2!));
});
afterAll(() => t?.close());

type Item = { id: string; score: number; organisation: { name: string }; reasons: { feature: string; points: number; text: string }[]; explanation: string };
const byId = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, i]));
const features = (i: Item) => Object.fromEntries(i.reasons.map((r) => [r.feature, r.points]));

describe('peer suggestions', () => {
  it('rank a similar Breton commune with an adopted SPASER and a high environmental share first, and explain every point', async () => {
    const res = await viewer.get('/api/peers/suggestions');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.organisation.name).toBe('Commune de Kerbrest');
    const items: Item[] = body.items;
    expect(items.map((i) => [i.id, i.score])).toEqual([
      [id.P1, 82],
      [id.P2, 72],
      [id.P3, 65],
      [id.M, 50],
      [id.P4, 30],
      [id.P5, 28],
    ]);
    const s = byId(items);
    // Each explanation states exactly the features that scored for that pair, worked out above.
    expect(features(s[id.P1!]!)).toEqual({ similar: 30, spaserInForce: 25, environmental: 15, sameRegion: 12 });
    expect(features(s[id.P2!]!)).toEqual({ spaserInForce: 25, environmental: 15, sameRegion: 12, sameKind: 10, available: 10 });
    expect(features(s[id.P3!]!)).toEqual({ similar: 30, sameDepartement: 20, available: 10, active: 5 });
    expect(features(s[id.P4!]!)).toEqual({ sameDepartement: 20, usefulAnswers: 10 });
    expect(features(s[id.M!]!)).toEqual({ similar: 30, sameDepartement: 20 });
    expect(items.find((i) => i.id === id.M)).toMatchObject({ organisation: { name: 'Commune de Quimperlé' } });
    expect(features(s[id.P5!]!)).toEqual({ sameRegion: 12, sameKind: 10, usefulAnswers: 6 });
    for (const i of items) expect(i.reasons.reduce((n, r) => n + r.points, 0)).toBe(i.score);
    expect(s[id.P1!]!.explanation).toBe(
      'Organisation similaire (Commune, de 5 M€ à 20 M€ de marchés notifiés en 2024), SPASER adopté en 2024, ' +
        '80 % de marchés avec une considération environnementale en 2024, contre 40 % chez vous et même région (Bretagne).',
    );
    expect(s[id.P2!]!.explanation).toBe(
      'SPASER adopté en 2023, 100 % de marchés avec une considération environnementale en 2024, contre 40 % chez vous, même région (Bretagne), ' +
        "même type d'organisation (Commune) et disponible pour aider.",
    );
    expect(s[id.P3!]!.explanation).toBe(
      'Organisation similaire (Commune, de 5 M€ à 20 M€ de marchés notifiés en 2024), même département (Finistère), disponible pour aider et actif sur la plateforme ces 60 derniers jours.',
    );
    expect(s[id.P5!]!.explanation).toBe("Même région (Bretagne), même type d'organisation (Commune) et 3 réponses utiles dans l'espace d'entraide.");
    // Never an e-mail address in suggestions.
    expect(res.body).not.toContain('@');
  });

  it('a member asking for help on indicators gets first the member with the most useful answers on indicators', async () => {
    const res = await viewer.get('/api/peers/suggestions?theme=indicateurs');
    expect(res.statusCode, res.body).toBe(200);
    const items: Item[] = res.json().items;
    expect(items.map((i) => [i.id, i.score])).toEqual([
      [id.P4, 135],
      [id.P1, 82],
      [id.P5, 77],
      [id.P2, 72],
      [id.P3, 65],
      [id.M, 50],
    ]);
    const s = byId(items);
    expect(features(s[id.P4!]!)).toEqual({ themeAnswers: 100, sameDepartement: 20, themeDeclared: 15 });
    expect(features(s[id.P5!]!)).toEqual({ themeAnswers: 40, themeDeclared: 15, sameRegion: 12, sameKind: 10 });
    expect(s[id.P4!]!.explanation).toBe(
      '5 réponses utiles sur « Indicateurs et suivi », même département (Finistère) et expertise déclarée : « Indicateurs et suivi ».',
    );
  });

  it('the member directory sorted by relevance ranks the same way, keeps everyone else and applies its filters', async () => {
    const res = await viewer.get('/api/members?sort=relevance');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Everyone visible and verified but oneself and colleagues, by relevance: Q, with nothing in common, last.
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([id.P1, id.P2, id.P3, id.M, id.P4, id.P5, id.Q]);
    expect(body.total).toBe(7);
    expect(body.items[0].reason).toBe(
      'Organisation similaire (Commune, de 5 M€ à 20 M€ de marchés notifiés en 2024), SPASER adopté en 2024, ' +
        '80 % de marchés avec une considération environnementale en 2024, contre 40 % chez vous et même région (Bretagne).',
    );
    expect(body.items[6].reason).toBe('');
    expect(body.items[0].organisations).toEqual([{ id: expect.any(String), name: 'Commune de Plouvien' }]);
    const available = (await viewer.get('/api/members?sort=relevance&available=true')).json();
    expect(available.items.map((i: { id: string }) => i.id)).toEqual([id.P2, id.P3]);
    expect(available.total).toBe(2);
    // The theme filter keeps those who declare it, ranked by their useful answers on it.
    const theme = (await viewer.get('/api/members?sort=relevance&theme=indicateurs')).json();
    expect(theme.items.map((i: { id: string }) => i.id)).toEqual([id.P4, id.P5]);
    // Past the last page: no one, the same total.
    const past = (await viewer.get('/api/members?sort=relevance&page=2')).json();
    expect([past.items.length, past.total]).toEqual([0, 7]);
    // By name (the default) the directory still lists the colleague K, as before.
    const byName = (await viewer.get('/api/members')).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toContain(id.K);
    expect(byName.items[0].reason).toBeUndefined();
    expect((await viewer.get('/api/members?sort=hasard')).statusCode).toBe(400);
  });

  it('never suggests oneself, a colleague, a hidden, disabled or unverified member, nor anyone with nothing in common', async () => {
    const all = [...(await viewer.get('/api/peers/suggestions')).json().items, ...(await viewer.get('/api/peers/suggestions?theme=indicateurs')).json().items];
    const ids = new Set(all.map((i: Item) => i.id));
    for (const k of ['V', 'K', 'H', 'D', 'U', 'Q']) expect(ids.has(id[k]), k).toBe(false);
  });

  it('is for verified members only, and refuses an unknown theme or another organisation in French', async () => {
    expect((await t.agent().get('/api/peers/suggestions')).statusCode).toBe(401);
    const pending = await t.loggedIn({ pendingIn: [(await t.createOrganisation()).id] });
    expect((await pending.agent.get('/api/peers/suggestions')).statusCode).toBe(403);
    const bad = await viewer.get('/api/peers/suggestions?theme=astrologie');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Thème inconnu');
    const notMine = await viewer.get(`/api/peers/suggestions?organisationId=${(await t.createOrganisation()).id}`);
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().message).toContain('membre vérifié');
    // Nothing was changed by the refusals: the same first suggestion as before.
    expect((await viewer.get('/api/peers/suggestions')).json().items[0].id).toBe(id.P1);
  });

  /*
   * Item 6: sponsors for a cohort whose participants are V (Kerbrest), Q (Syndicat des eaux du Var) and P3
   * (Quimperlé). Only members of an organisation with a SPASER in force are candidates: P1 (Plouvien) and
   * P2 (Lorient); K (Kerbrest and Lorient) is a participant's colleague, S (Plouvien) is already the
   * cohort's sponsor, H, D and U are hidden, disabled and unverified. Each is scored for each organisation:
   *  - Kerbrest: P1 82, P2 72 (as above). Quimperlé has Kerbrest's figures (same kind, band, région,
   *    40 % environmental share), in Finistère too: P1 82 (similar 30, région 12, SPASER 25, environmental
   *    15), P2 72 (same kind 10, région 12, SPASER 25, environmental 15, available 10).
   *  - The syndicat (no SIREN, no SPASER, in Provence): P1 25 (SPASER), P2 35 (SPASER 25, available 10).
   *  → P1 189 = SPASER 75 + similar 60 + environmental 30 + région 24;
   *    P2 179 = SPASER 75 + environmental 30 + available 30 + région 24 + same kind 20.
   */
  it('suggests a cohort\'s sponsors among members with a SPASER in force, ranked for each of its organisations and summed', async () => {
    const facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
    const orgOf = async (userId: string) => (await rows<{ organisation_id: string }>(t.db, sql`SELECT organisation_id FROM memberships WHERE user_id = ${userId}`))[0]!.organisation_id;
    id.S = (await t.createMember({ verifiedIn: [await orgOf(id.P1!)], firstName: 'Solenn', lastName: 'Sponsor', availableToHelp: true })).id;
    const cohort = async (name: string, sponsorIds: string[] = []) => {
      const res = await facilitator.post('/api/cohorts', { name, edition: 1, startsOn: '2026-09-01', endsOn: '2026-12-15', capacity: 10, description: 'Adopter son SPASER ensemble.', sponsorIds });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const withParticipants = await cohort('Mission SPASER Bretagne', [id.S!]);
    for (const who of ['V', 'Q', 'P3']) {
      const res = await facilitator.put(`/api/cohorts/${withParticipants}/members/${id[who]}`, { role: 'participant', organisationId: await orgOf(id[who]!) });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await facilitator.get(`/api/cohorts/${withParticipants}/sponsor-suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect([body.basis, body.organisationCount]).toEqual(['participants', 3]);
    const items: (Item & { organisationsServed: number })[] = body.items;
    expect(items.map((i) => [i.id, i.score, i.organisationsServed])).toEqual([
      [id.P1, 189, 3],
      [id.P2, 179, 3],
    ]);
    const s = byId(items);
    expect(features(s[id.P1!]!)).toEqual({ spaserInForce: 75, similar: 60, environmental: 30, sameRegion: 24 });
    expect(features(s[id.P2!]!)).toEqual({ spaserInForce: 75, environmental: 30, available: 30, sameRegion: 24, sameKind: 20 });
    for (const i of items) expect(i.reasons.reduce((n, r) => n + r.points, 0)).toBe(i.score);
    expect(s[id.P1!]!.explanation).toBe(
      'SPASER adopté en 2024, organisation similaire à 2 des 3 organisations participantes, 80 % de marchés avec une considération ' +
        'environnementale en 2024, au moins 20 points de plus que 2 des 3 organisations participantes et même région (Bretagne) que 2 des 3 organisations participantes.',
    );
    expect(s[id.P2!]!.explanation).toBe(
      'SPASER adopté en 2023, 100 % de marchés avec une considération environnementale en 2024, au moins 20 points de plus que 2 des 3 ' +
        "organisations participantes, disponible pour aider, même région (Bretagne) que 2 des 3 organisations participantes et même type d'organisation (Commune) que 2 des 3 organisations participantes.",
    );
    expect(res.body).not.toContain('@');

    // Without accepted participants, the organisations of open applications; without any, nothing.
    const open = await cohort('Mission SPASER Provence');
    const applied = await questions.post(`/api/cohorts/${open}/applications`, {
      organisationId: await orgOf(id.Q!),
      jobRole: 'Responsable des achats',
      spaserStage: 'pas_commence',
      expectations: 'Écrire notre premier SPASER.',
      availability: 'Le mardi matin.',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const fromApplicants = (await facilitator.get(`/api/cohorts/${open}/sponsor-suggestions`)).json();
    expect([fromApplicants.basis, fromApplicants.organisationCount]).toEqual(['applicants', 1]);
    // K, Kerbrest's member, is nobody's colleague here: a candidate with Lorient (ties by name: Collègue, Le Goff, Sponsor).
    expect(fromApplicants.items.map((i: Item) => [i.id, i.score, i.explanation])).toEqual([
      [id.K, 35, 'SPASER adopté en 2023 et disponible pour aider.'],
      [id.P2, 35, 'SPASER adopté en 2023 et disponible pour aider.'],
      [id.S, 35, 'SPASER adopté en 2024 et disponible pour aider.'],
      [id.P1, 25, 'SPASER adopté en 2024.'],
    ]);
    const empty = (await facilitator.get(`/api/cohorts/${await cohort('Mission SPASER Corse')}/sponsor-suggestions`)).json();
    expect(empty).toEqual({ basis: 'none', organisationCount: 0, items: [] });

    // For those who manage the cohort only.
    expect((await viewer.get(`/api/cohorts/${withParticipants}/sponsor-suggestions`)).json().error).toBe('COHORT_MANAGE_FORBIDDEN');
    expect((await t.agent().get(`/api/cohorts/${withParticipants}/sponsor-suggestions`)).statusCode).toBe(401);
    expect((await facilitator.get('/api/cohorts/00000000-0000-4000-8000-000000000001/sponsor-suggestions')).statusCode).toBe(404);
  });

  it('reads the one definition of similar organisations', async () => {
    // Moving Plouvien's 2024 marchés out of Kerbrest's band (to 25 M€) turns « similar » into « same kind ».
    await t.db.execute(sql`UPDATE decp_siren_years SET notified_amount = 25000000 WHERE buyer_siren = '120000002' AND year = 2024`);
    const s = byId((await viewer.get('/api/peers/suggestions')).json().items);
    expect(features(s[id.P1!]!)).toEqual({ spaserInForce: 25, environmental: 15, sameRegion: 12, sameKind: 10 });
    await t.db.execute(sql`UPDATE decp_siren_years SET notified_amount = 10000000 WHERE buyer_siren = '120000002' AND year = 2024`);
  });
  // Last: it moves the clock a month on.
  it('never suggests, for 30 days, a member who declined my contact request', async () => {
    const login = async (email: string) => {
      const agent = t.agent();
      const res = await agent.post('/api/auth/login', { email, password: PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      return agent;
    };
    const [p2] = await t.db.select().from(users).where(eq(users.id, id.P2!));
    const asked = await viewer.post('/api/introductions', { recipientId: id.P2, message: 'Bonjour, pourriez-vous me raconter votre SPASER ?' });
    expect(asked.statusCode, asked.body).toBe(201);
    const declined = await (await login(p2!.email)).post(`/api/introductions/${asked.json().id}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    const ids = async (agent: typeof viewer) => (await agent.get('/api/peers/suggestions')).json().items.map((i: Item) => i.id);
    expect(await ids(viewer)).not.toContain(id.P2);
    // Out of the directory's ranking too; by name, P2 is still listed.
    expect((await viewer.get('/api/members?sort=relevance')).json().items.map((i: Item) => i.id)).not.toContain(id.P2);
    expect((await viewer.get('/api/members')).json().items.map((i: Item) => i.id)).toContain(id.P2);
    // Thirty-one days later the window has passed (a new session: the old one has expired).
    t.clock.advance(31 * 86_400_000);
    expect(await ids(await login(viewerEmail))).toContain(id.P2);
  });
});
