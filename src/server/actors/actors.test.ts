import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type Agent } from '../../../tests/helpers/context.js';

// Issue 20, items 1–2: the directory of support actors, through real HTTP on a real database, its
// e-mails through the test context's real SMTP receiver. Expected lists are worked out by hand from
// the actors built below.

let t: TestContext;
let facilitator: Agent;
let member: Agent;
let memberEmail: string;
const ids: Record<string, string> = {};

const base = {
  national: false,
  regionCodes: [] as string[],
  description: 'Anime un réseau d’acheteurs publics.',
  website: null,
  contact: null,
  sources: ['https://exemple.test/source'],
};
// A: regional in Bretagne; B: Pays de la Loire and Bretagne; C: guichet vert in Normandie;
// D and E: national; F: Bretagne, archived before the tests read.
const built = {
  A: { ...base, name: 'Réseau Breton', kind: 'regional_network', regionCodes: ['53'], themes: ['clauses_sociales', 'gouvernance'] },
  B: { ...base, name: 'Réseau Grand Ouest', kind: 'regional_network', regionCodes: ['52', '53'], themes: ['clauses_environnementales'] },
  C: { ...base, name: 'Guichet vert Normandie', kind: 'guichet_vert', regionCodes: ['28'], themes: ['clauses_environnementales', 'energie'] },
  D: { ...base, name: 'Institution nationale', kind: 'national_institution', national: true, themes: ['gouvernance', 'indicateurs'] },
  E: { ...base, name: 'Formation nationale', kind: 'training_body', national: true, themes: ['gouvernance'] },
  F: { ...base, name: 'Ancien réseau breton', kind: 'regional_network', regionCodes: ['53'], themes: ['gouvernance'] },
};

beforeAll(async () => {
  t = await createTestContext();
  await t.createMember({ role: 'facilitator', email: 'animatrice@entraide.test', firstName: 'Awa', lastName: 'Animatrice' });
  facilitator = (await t.loggedIn({ role: 'facilitator', email: 'animateur@entraide.test', firstName: 'Paul', lastName: 'Animateur' })).agent;
  const org = await t.createOrganisation({ regionCode: '53' });
  const m = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Nadia', lastName: 'Roche' });
  member = m.agent;
  memberEmail = m.user.email;
  for (const [k, v] of Object.entries(built)) {
    const res = await facilitator.post('/api/actors', v);
    expect(res.statusCode, res.body).toBe(201);
    ids[k] = res.json().id;
  }
  expect((await facilitator.post(`/api/actors/${ids.F}/archive`)).statusCode).toBe(200);
});
afterAll(() => t?.close());

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);
const count = (body: { regions: { code: string; count: number }[] }, code: string) => body.regions.find((r) => r.code === code)!.count;

describe('public directory and filters', () => {
  it('lists the actors not archived, regional ones first, with the count per région (national ones counted everywhere)', async () => {
    const res = await t.agent().get('/api/public/actors');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(names(body)).toEqual(['Guichet vert Normandie', 'Réseau Breton', 'Réseau Grand Ouest', 'Formation nationale', 'Institution nationale']);
    // Bretagne: A, B + 2 national; Pays de la Loire: B + 2; Normandie: C + 2; Île-de-France: the 2 national.
    expect([count(body, '53'), count(body, '52'), count(body, '28'), count(body, '11')]).toEqual([4, 3, 3, 2]);
    expect(body.items[1]).toMatchObject({ name: 'Réseau Breton', kind: 'regional_network', regionCodes: ['53'], sources: ['https://exemple.test/source'], archived: false });
  });

  it('filters by région (its actors and the national ones), by theme and by kind', async () => {
    const bzh = (await t.agent().get('/api/public/actors?region=53')).json();
    expect(names(bzh)).toEqual(['Réseau Breton', 'Réseau Grand Ouest', 'Formation nationale', 'Institution nationale']);
    expect(bzh.total).toBe(4);
    expect(names((await t.agent().get('/api/public/actors?region=53&theme=gouvernance')).json())).toEqual(['Réseau Breton', 'Formation nationale', 'Institution nationale']);
    const env = (await t.agent().get('/api/public/actors?theme=clauses_environnementales')).json();
    expect(names(env)).toEqual(['Guichet vert Normandie', 'Réseau Grand Ouest']);
    // The map's counts follow the theme, not the région.
    expect([count(env, '53'), count(env, '52'), count(env, '28'), count(env, '11')]).toEqual([1, 1, 1, 0]);
    const gv = (await t.agent().get('/api/public/actors?type=guichet_vert&region=28')).json();
    expect(names(gv)).toEqual(['Guichet vert Normandie']);
    expect(count(gv, '28')).toBe(1);
    expect(count(gv, '53')).toBe(0);
  });

  it('refuses an unknown région, kind or theme with a French message per field', async () => {
    const res = await t.agent().get('/api/public/actors?region=99&type=secte&theme=magie');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      region: 'Région inconnue : choisissez-en une dans la liste (code INSEE de la région).',
      type: 'Type d’acteur inconnu : choisissez-en un dans la liste.',
      theme: 'Thème inconnu : choisissez-en un dans la liste.',
    });
  });

  it('renders the directory page on the server for visitors, filtered by the URL', async () => {
    const res = await t.agent().get('/acteurs?region=53');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Réseau Breton');
    expect(res.body).toContain('Institution nationale');
    expect(res.body).not.toContain('Guichet vert Normandie');
    expect(res.body).not.toContain('Ancien réseau breton');
    const bad = await t.agent().get('/acteurs?region=99');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Région inconnue');
  });

  it('gives the few actors of a région for an organisation’s page: the région’s first, then national ones', async () => {
    // Bretagne: A and B (regional networks, by name), then E (training) before D (State service).
    expect(names((await t.agent().get('/api/public/actors/nearby?region=53')).json())).toEqual(['Réseau Breton', 'Réseau Grand Ouest', 'Formation nationale', 'Institution nationale']);
    expect(names((await t.agent().get('/api/public/actors/nearby?region=11')).json())).toEqual(['Formation nationale', 'Institution nationale']);
    expect(names((await t.agent().get('/api/public/actors/nearby')).json())).toEqual(['Formation nationale', 'Institution nationale']);
  });

  it('hides an archived actor from visitors and members, not from facilitators', async () => {
    expect((await t.agent().get(`/api/actors/${ids.F}`)).statusCode).toBe(404);
    expect((await member.get(`/api/actors/${ids.F}`)).statusCode).toBe(404);
    const seen = await facilitator.get(`/api/actors/${ids.F}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().actor.archived).toBe(true);
    expect(seen.json().history.map((h: { change: string }) => h.change)).toEqual(['archived', 'created']);
  });
});

describe('maintenance by facilitators', () => {
  it('refuses create, edit and archive to visitors (401) and members (403)', async () => {
    const visitor = t.agent();
    expect((await visitor.post('/api/actors', built.A)).statusCode).toBe(401);
    expect((await member.post('/api/actors', built.A)).statusCode).toBe(403);
    expect((await member.put(`/api/actors/${ids.A}`, { ...built.A, name: 'Piraté' })).statusCode).toBe(403);
    expect((await member.post(`/api/actors/${ids.A}/archive`)).statusCode).toBe(403);
    expect((await member.post(`/api/actors/${ids.F}/restore`)).statusCode).toBe(403);
    expect((await t.agent().get(`/api/actors/${ids.A}`)).json().actor.name).toBe('Réseau Breton');
  });

  it('refuses an actor without a source, with a French message per field', async () => {
    const none = await facilitator.post('/api/actors', { ...built.A, name: 'Sans source', sources: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().fields).toEqual({ sources: 'Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.' });
    const { sources: _dropped, ...withoutKey } = built.A;
    const missing = await facilitator.post('/api/actors', { ...withoutKey, name: 'Sans source' });
    expect(missing.json().fields).toEqual({ sources: 'Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.' });
    const notAddress = await facilitator.put(`/api/actors/${ids.A}`, { ...built.A, sources: ['un article du Moniteur'] });
    expect(notAddress.statusCode).toBe(400);
    expect(notAddress.json().fields).toEqual({ 'sources.0': 'La source doit être une adresse web complète (https://…).' });
    const nowhere = await facilitator.post('/api/actors', { ...built.A, regionCodes: [], name: '', themes: [] });
    expect(nowhere.json().fields).toEqual({
      name: 'Saisissez le nom de l’acteur.',
      regionCodes: 'Choisissez au moins une région, ou indiquez que l’acteur agit dans toute la France.',
      themes: 'Choisissez au moins un thème : ce que l’on peut lui demander.',
    });
    const noRegion = await facilitator.post('/api/actors', { ...built.A, regionCodes: [] });
    expect(noRegion.json().fields).toEqual({ regionCodes: 'Choisissez au moins une région, ou indiquez que l’acteur agit dans toute la France.' });
    // Nothing was stored by the refusals.
    expect((await t.agent().get('/api/public/actors')).json().total).toBe(5);
  });

  it('keeps the history of an edit: who, when, which fields', async () => {
    const res = await facilitator.put(`/api/actors/${ids.C}`, { ...built.C, contact: 'Formulaire du guichet vert', themes: ['clauses_environnementales'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contact: 'Formulaire du guichet vert', themes: ['clauses_environnementales'] });
    // The same values again: nothing changed, no revision.
    await facilitator.put(`/api/actors/${ids.C}`, { ...built.C, contact: 'Formulaire du guichet vert', themes: ['clauses_environnementales'] });
    const detail = (await facilitator.get(`/api/actors/${ids.C}`)).json();
    expect(detail.history.map((h: { change: string; changed: string[]; by: string }) => [h.change, h.changed, h.by])).toEqual([
      ['edited', ['themes', 'contact'], 'Paul Animateur'],
      ['created', [], 'Paul Animateur'],
    ]);
    // Visitors see the actor, never its history.
    expect((await t.agent().get(`/api/actors/${ids.C}`)).json()).toMatchObject({ history: null, corrections: null, can: { edit: false, proposeCorrection: false } });
  });

  it('archives and restores, each step in the history', async () => {
    expect((await facilitator.post(`/api/actors/${ids.E}/archive`)).statusCode).toBe(200);
    expect(names((await t.agent().get('/api/public/actors?region=53')).json())).toEqual(['Réseau Breton', 'Réseau Grand Ouest', 'Institution nationale']);
    expect((await facilitator.put(`/api/actors/${ids.E}`, built.E)).json().error).toBe('ACTOR_ARCHIVED');
    expect((await facilitator.post(`/api/actors/${ids.E}/restore`)).statusCode).toBe(200);
    expect((await facilitator.get(`/api/actors/${ids.E}`)).json().history.map((h: { change: string }) => h.change)).toEqual(['restored', 'archived', 'created']);
  });
});

describe('corrections proposed by members', () => {
  it('e-mails the facilitators, and on acceptance applies the correction and e-mails the member', async () => {
    t.smtp.clear();
    const res = await member.post(`/api/actors/${ids.A}/corrections`, {
      proposed: { ...built.A, website: 'https://reseau-breton.test', regionCodes: ['53', '52'] },
      comment: 'Le réseau a un site, et couvre aussi les Pays de la Loire.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const correctionId = res.json().id;
    // Sent by jobs, not during the request.
    expect(t.smtp.received).toHaveLength(0);
    await t.drainJobs();
    expect(t.smtp.received.map((m) => m.to).sort()).toEqual(['animateur@entraide.test', 'animatrice@entraide.test']);
    const [toFacilitator] = t.smtp.to('animatrice@entraide.test');
    expect(toFacilitator!.subject).toBe('Correction proposée pour l’acteur « Réseau Breton »');
    expect(toFacilitator!.text).toContain('Nadia Roche propose de corriger la fiche « Réseau Breton » (régions, site web).');
    expect(toFacilitator!.text).toContain(`http://entraide.test/acteurs/${ids.A}`);

    // The facilitator sees it waiting, with only the changed fields.
    const waiting = (await facilitator.get(`/api/actors/${ids.A}`)).json().corrections;
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ id: correctionId, proposedBy: 'Nadia Roche', changed: ['regionCodes', 'website'], proposed: { regionCodes: ['52', '53'], website: 'https://reseau-breton.test' } });
    // A member cannot decide.
    expect((await member.post(`/api/actors/${ids.A}/corrections/${correctionId}/decision`, { decision: 'accept' })).statusCode).toBe(403);

    t.smtp.clear();
    const decided = await facilitator.post(`/api/actors/${ids.A}/corrections/${correctionId}/decision`, { decision: 'accept', note: 'Merci !' });
    expect(decided.json()).toEqual({ status: 'accepted' });
    const after = (await facilitator.get(`/api/actors/${ids.A}`)).json();
    expect(after.actor).toMatchObject({ website: 'https://reseau-breton.test', regionCodes: ['52', '53'] });
    expect(after.history[0]).toMatchObject({ change: 'correction', changed: ['regionCodes', 'website'], by: 'Paul Animateur' });
    expect(after.corrections).toEqual([]);
    await t.drainJobs();
    expect(t.smtp.received.map((m) => m.to)).toEqual([memberEmail]);
    const [mail] = t.smtp.to(memberEmail);
    expect(mail!.subject).toBe('Votre correction de « Réseau Breton » est acceptée');
    expect(mail!.text).toContain('Sa réponse : Merci !');
    // Decided once only.
    expect((await facilitator.post(`/api/actors/${ids.A}/corrections/${correctionId}/decision`, { decision: 'refuse' })).json().error).toBe('CORRECTION_DECIDED');
  });

  it('on refusal leaves the actor as it was and e-mails the member', async () => {
    const res = await member.post(`/api/actors/${ids.D}/corrections`, { proposed: { ...built.D, name: 'Autre nom' }, comment: 'Le nom a changé.' });
    const correctionId = res.json().id;
    await t.drainJobs();
    t.smtp.clear();
    // The correction's actor comes from its row: another actor's id in the address finds nothing.
    expect((await facilitator.post(`/api/actors/${ids.A}/corrections/${correctionId}/decision`, { decision: 'refuse' })).statusCode).toBe(404);
    expect((await facilitator.post(`/api/actors/${ids.D}/corrections/${correctionId}/decision`, { decision: 'refuse' })).json()).toEqual({ status: 'refused' });
    expect((await t.agent().get(`/api/actors/${ids.D}`)).json().actor.name).toBe('Institution nationale');
    await t.drainJobs();
    const [mail] = t.smtp.to(memberEmail);
    expect(mail!.subject).toBe('Votre correction de « Institution nationale » n’est pas retenue');
  });

  it('refuses a correction that changes nothing, one without a comment, and one from a visitor', async () => {
    const same = await member.post(`/api/actors/${ids.B}/corrections`, { proposed: built.B, comment: 'Rien.' });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toBe('Votre proposition ne change rien à la fiche : modifiez au moins un champ.');
    const noComment = await member.post(`/api/actors/${ids.B}/corrections`, { proposed: { ...built.B, sources: [] }, comment: '' });
    expect(noComment.json().fields).toEqual({
      'proposed.sources': 'Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.',
      comment: 'Saisissez ce qui est à corriger et pourquoi.',
    });
    expect((await t.agent().post(`/api/actors/${ids.B}/corrections`, { proposed: { ...built.B, name: 'X' }, comment: 'X' })).statusCode).toBe(401);
  });
});

describe('personal data of the corrections (issue 12, item 7)', () => {
  it('exports a member’s proposed corrections and erases them with the account; the history stays without who', async () => {
    const org = await t.createOrganisation({ regionCode: '28' });
    const { agent, user } = await t.loggedIn({ verifiedIn: [org.id] });
    const res = await agent.post(`/api/actors/${ids.C}/corrections`, { proposed: { ...built.C, contact: 'Un autre contact' }, comment: 'Le contact a changé.' });
    expect(res.statusCode).toBe(201);
    const exported = (await agent.get('/api/me/export')).json().actors;
    expect(exported.actorCorrectionsProposed).toHaveLength(1);
    expect(exported.actorCorrectionsProposed[0]).toMatchObject({ actor: 'Guichet vert Normandie', comment: 'Le contact a changé.', proposed: { contact: 'Un autre contact' }, status: 'pending' });
    expect((await agent.post('/api/me/delete', { password: user.password, confirm: true })).statusCode).toBe(200);
    expect((await facilitator.get(`/api/actors/${ids.C}`)).json().corrections).toEqual([]);
  });
});
