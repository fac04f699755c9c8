import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/platform/db.js';
import { seedRegistry } from '../../src/server/organisations/registry.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { verdictStatusLabels } from '../../src/server/organisations/organisations.contract.js';
import { spaserStatusLabels } from '../../src/server/spaser/spaser-status.contract.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// The demo community once per installation, with help space content written through the services.
let t: TestContext;
let demoPassword = '';

/** An agent logged in as a demo account. */
async function login(email: string) {
  const a = t.agent();
  expect((await a.post('/api/auth/login', { email, password: demoPassword })).statusCode).toBe(200);
  return a;
}
beforeAll(async () => {
  t = await createTestContext();
  await seedRegistry(t.db, t.clock.now());
  const seeded = await seedDemo(t.deps);
  expect(seeded).not.toBeNull();
  demoPassword = seeded!.password;
  await t.drainJobs();
  // The registry (36 000 rows) and the demo procurement data: slow on a loaded machine.
}, 300_000);
afterAll(() => t?.close());

describe('demo help space content', () => {
  it('is readable and searchable, with one solved question', async () => {
    const list = (await t.agent().get('/api/help/questions')).json();
    expect(list.total).toBe(3);
    expect(list.items.filter((q: { solved: boolean }) => q.solved)).toHaveLength(1);
    const found = (await t.agent().get(`/api/help/search?q=${encodeURIComponent("heures d'insertion")}`)).json();
    expect(found.items[0].title).toBe("Comment calibrer les heures d'insertion dans un marché de travaux ?");
    const similar = (await t.agent().get(`/api/help/questions/similar?title=${encodeURIComponent('Quels indicateurs suivre ?')}`)).json();
    expect(similar.items[0].title).toBe('Quels indicateurs de suivi retenir pour un premier SPASER ?');
  });

  it('notified the asker of the answers and the author of the useful answer', async () => {
    const kinds = await rows<{ email: string; kind: string }>(
      t.db,
      sql`SELECT u.email, n.kind FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY u.email, n.kind`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        { email: 'claire.martin@lyon.example', kind: 'answer' },
        { email: 'nathalie.petit@bordeaux.example', kind: 'useful' },
        { email: 'sophie.durand@nantes.example', kind: 'answer' },
      ]),
    );
  });

  it('gives members news of several modules for the notification centre, and a few chosen rhythms', async () => {
    const claire = await rows<{ category: string; kind: string; n: number }>(
      t.db,
      sql`SELECT n.category, n.kind, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.email = 'claire.martin@lyon.example' GROUP BY n.category, n.kind ORDER BY n.category, n.kind`,
    );
    // Her question got its two answers; the two upcoming webinars (not the past one), the two announced
    // resources (the guide and the clause) and the three cohorts (the past edition too, news in its time) are news to every member.
    expect(claire).toEqual([
      { category: 'agenda', kind: 'new_webinar', n: 2 },
      { category: 'bibliotheque', kind: 'new_resource', n: 2 },
      // The co-development session planned in her group, Groupe A of « édition 2 » (issue 23, item 10).
      { category: 'codeveloppement', kind: 'codev_session', n: 1 },
      { category: 'entraide', kind: 'answer', n: 2 },
      // Yann's contact request, waiting for her answer (issue 20, item 5).
      { category: 'mises_en_relation', kind: 'introduction_requested', n: 1 },
      // The two announcements of the running cohort she takes part in (issue 23, item 4).
      { category: 'promotions', kind: 'cohort_announcement', n: 2 },
      { category: 'promotions', kind: 'cohort_open', n: 3 },
      // Nathalie, the cohort's sponsor, answered her question (issue 23, item 3).
      { category: 'promotions', kind: 'cohort_sponsor_answer', n: 1 },
      // Farid's three review comments on her draft (issue 19, item 3).
      { category: 'spaser_review', kind: 'spaser_review_comment', n: 3 },
    ]);
    const prefs = await rows<{ email: string; category: string; email_frequency: string }>(
      t.db,
      sql`SELECT u.email, p.category, p.email_frequency FROM notification_preferences p JOIN users u ON u.id = p.user_id ORDER BY u.email, p.category`,
    );
    expect(prefs.map((p) => [p.email, p.category, p.email_frequency])).toEqual([
      ['claire.martin@lyon.example', 'agenda', 'immediately'],
      ['claire.martin@lyon.example', 'bibliotheque', 'weekly'],
      ['julien.bernard@lille.example', 'promotions', 'never'],
      ['yann.le-goff@rennes.example', 'entraide', 'immediately'],
    ]);
  });

  it('has a contact request waiting for Claire, and Aurélie and Sophie connected (issue 20, item 5)', async () => {
    const list = await rows<{ requester: string; recipient: string; status: string }>(
      t.db,
      sql`SELECT a.email AS requester, b.email AS recipient, cr.status FROM contact_requests cr
          JOIN users a ON a.id = cr.requester_id JOIN users b ON b.id = cr.recipient_id ORDER BY a.email`,
    );
    expect(list).toEqual([
      { requester: 'aurelie.roux@grenoble.example', recipient: 'sophie.durand@nantes.example', status: 'accepted' },
      { requester: 'yann.le-goff@rennes.example', recipient: 'claire.martin@lyon.example', status: 'pending' },
    ]);
    const sophie = t.agent();
    expect((await sophie.post('/api/auth/login', { email: 'sophie.durand@nantes.example', password: demoPassword })).statusCode).toBe(200);
    expect((await sophie.get('/api/introductions')).json().received.map((r: { peer: { email: string } }) => r.peer.email)).toEqual(['aurelie.roux@grenoble.example']);
  });

  it('has two upcoming public webinars, one of them full, and a past one', async () => {
    const upcoming = (await t.agent().get('/api/events?when=upcoming')).json();
    expect(upcoming.items.map((e: { title: string; placesLeft: number | null }) => [e.title, e.placesLeft])).toEqual([
      ['Démarrer son SPASER en six mois', 100],
      ['Clauses sociales : calibrer les heures d’insertion', 0],
    ]);
    expect((await t.agent().get('/api/events?when=past')).json().items.map((e: { title: string }) => e.title)).toEqual(['Les DECP au service du suivi de son SPASER']);
  });

  it('has library resources, one collection, and a PDF whose text is searchable', async () => {
    const visitor = (await t.agent().get('/api/library/resources')).json();
    // Five resources, one of them for verified members only; and the nine of the first course
    // (issue 22), installed with it on every platform, all public; and the lessons of the past
    // edition, published as a « fiche de synthèse » (issue 23).
    expect(visitor.total).toBe(4 + 9 + 1);
    const collections = (await t.agent().get('/api/library/collections')).json();
    expect(collections.items.map((c: { title: string }) => c.title)).toEqual(['Démarrer son SPASER']);
    expect(collections.items[0].resourcesCount).toBe(3);
    // Of the guide, « délibérante » only appears inside its generated PDF (a resource of the first
    // course speaks of « délibération », which the French search reads as the same word).
    const found = (await t.agent().get('/api/library/resources?q=deliberante')).json();
    expect(found.items.map((r: { title: string }) => r.title)).toContain('Démarrer son SPASER en cinq étapes');
  });

  it('is not seeded twice', async () => {
    expect(await seedDemo(t.deps)).toBeNull();
    expect((await t.agent().get('/api/help/questions')).json().total).toBe(3);
  });
});

describe('demo cohorts', () => {
  it('one open to applications, one running with its sessions, answers and mapped headline figures, one finished', async () => {
    const list = (await t.agent().get('/api/cohorts')).json().items;
    expect(list.map((c: { name: string; status: string; acceptedCount: number }) => [c.name, c.status, c.acceptedCount])).toEqual([
      ['Mission SPASER — édition 3', 'candidatures_ouvertes', 0],
      // Claire, Sophie, Marc and seven more: ten buyers of ten organisations, two co-development groups (issue 23, item 10).
      ['Mission SPASER — édition 2', 'en_cours', 10],
      ['Mission SPASER — édition 1', 'terminee', 4],
    ]);
    const counts = await rows<{ sessions: number; responses: number; headlines: number; pending: number }>(
      t.db,
      sql`SELECT (SELECT count(*)::int FROM events WHERE owner_kind = 'cohort') AS sessions,
                 (SELECT count(*)::int FROM survey_responses) AS responses,
                 (SELECT count(*)::int FROM survey_headlines) AS headlines,
                 (SELECT count(*)::int FROM cohort_applications WHERE status = 'pending') AS pending`,
    );
    // Édition 2: 4 sessions and Nathalie's 2 office hours (events of the cohort too; its co-development
    // sessions are its groups' events, not the cohort's — the cohort's own « Co-développement — groupe A »
    // slot gave way to them, issue 23, item 10), 3 answers to its start questionnaire, 2 figures mapped;
    // édition 1: 4 sessions, 4 answers at the end and 2 to the follow-up, 2 figures mapped.
    expect(counts).toEqual([{ sessions: 10, responses: 9, headlines: 4, pending: 1 }]);
  });
});

describe('demo co-development (issue 23, item 10)', () => {
  it('the running cohort has two co-development groups, a past session with its summary sheet and an upcoming one', async () => {
    const running = (await t.agent().get('/api/cohorts')).json().items.find((c: { name: string }) => c.name === 'Mission SPASER — édition 2');
    const farid = await login('animation@entraide.example');
    const codev = (await farid.get(`/api/codev/cohorts/${running.id}`)).json();
    // Five each, never two people of one organisation.
    expect(codev.groups.map((g: { name: string; members: unknown[] }) => [g.name, g.members.length])).toEqual([['Groupe A', 5], ['Groupe B', 5]]);
    for (const g of codev.groups) expect(new Set(g.members.map((m: { organisationId: string }) => m.organisationId)).size).toBe(5);
    const [a, b] = codev.groups;
    expect(a.members.map((m: { lastName: string }) => m.lastName).sort()).toEqual(['Durand', 'Girard', 'Laurent', 'Lefèvre', 'Martin']);
    expect(a.sessions.map((s: { title: string; status: string; caseOwner: { lastName: string } }) => [s.title, s.status, s.caseOwner.lastName])).toEqual([
      ['Associer les élus à la gouvernance du SPASER', 'ended', 'Martin'],
    ]);
    expect(b.sessions.map((s: { title: string; status: string; caseOwner: { lastName: string } }) => [s.title, s.status, s.caseOwner.lastName])).toEqual([
      ['Fixer des objectifs chiffrés que nous saurons suivre', 'planned', 'Fontaine'],
    ]);
    const now = t.clock.now().getTime();
    const days = (iso: string) => (new Date(iso).getTime() - now) / (24 * 3600_000);
    expect(days(a.sessions[0].startsAt)).toBeLessThan(-5);
    expect(days(b.sessions[0].startsAt)).toBeGreaterThan(13);
    // Claire, the client, reads the sheet of her session: the six steps with notes, sent the next morning.
    const claire = await login('claire.martin@lyon.example');
    const sheet = (await claire.get(`/api/codev/sessions/${a.sessions[0].id}/summary`)).json();
    expect(sheet.content).toMatchObject({ title: 'Associer les élus à la gouvernance du SPASER', caseOwner: 'Claire Martin', facilitator: 'Farid Benali', group: 'Groupe A' });
    expect(sheet.content.steps.map((s: { entries: unknown[] }) => s.entries.length)).toEqual([1, 3, 1, 4, 1, 3]);
    expect(sheet.sentCount).toBe(6);
    const pdf = await claire.get(`/api/codev/sessions/${a.sessions[0].id}/summary.pdf`);
    expect([pdf.statusCode, pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    // Group B's members do not read it; the cohort's schedule links each codev session to its page.
    expect((await (await login('isabelle.fontaine@dijon.example')).get(`/api/codev/sessions/${a.sessions[0].id}/summary`)).statusCode).toBe(403);
    const schedule = (await farid.get(`/api/cohorts/${running.id}/sessions`)).json();
    const codevOf = (list: { kind: string; codevSessionId: string | null }[]) => list.filter((s) => s.kind === 'codev').map((s) => s.codevSessionId);
    expect([codevOf(schedule.past), codevOf(schedule.upcoming)]).toEqual([[a.sessions[0].id], [b.sessions[0].id]]);
    expect(schedule.past.filter((s: { kind: string; codevSessionId: string | null }) => s.kind !== 'codev' && s.codevSessionId !== null)).toEqual([]);
  });
});

describe('demo past edition (issue 23)', () => {
  it('« édition 1 » is finished; its results put 3 of 4 intending to publish beside 2 of 3 organisations that did, within six months', async () => {
    const farid = await login('animation@entraide.example');
    const past = (await t.agent().get('/api/cohorts')).json().items.find((c: { name: string }) => c.name === 'Mission SPASER — édition 1');
    expect(past).toMatchObject({ status: 'terminee', acceptedCount: 4 });
    const o = (await farid.get(`/api/cohorts/${past.id}/outcome`)).json();
    // 13 January → 11 April 2025; six months after: 11 October 2025. Nantes Métropole and Rezé adopted
    // their joint schéma on 27 June 2025: 18 + 28 + 31 + 30 + 31 + 27 = 165 days after the start.
    expect(o).toMatchObject({
      windowEndsOn: '2025-10-11',
      windowClosed: true,
      organisations: 4,
      counts: { before_start: 1, within_six_months: 2, later: 0, not_yet: 1 },
      observed: { adopted: 2, of: 3 },
      intended: { yes: 3, of: 4, share: 0.75 },
      medianDaysToAdoption: 165,
      followup: { answers: 2 },
    });
    expect(o.rows.map((r: { organisationName: string; category: string }) => r.category).sort()).toEqual(['before_start', 'not_yet', 'within_six_months', 'within_six_months']);
    // Its atterrissage: three retrospectives, lessons published as a public page and a library resource.
    const lessons = (await t.agent().get(`/api/cohorts/${past.id}/lessons`)).json();
    expect(lessons).toMatchObject({ published: true, retrospectives: 3, detailsHtml: null });
    expect((await t.agent().get(`/api/library/resources/${lessons.resourceId}`)).json()).toMatchObject({ kind: 'summary_sheet', title: "Enseignements de l'édition 1 — Mission SPASER — édition 1" });
  });
});

describe('demo procurement data', () => {
  it('gives the demo cities figures on their page and in the observatory', async () => {
    const [lyon] = await rows<{ id: string }>(t.db, sql`SELECT id FROM organisations WHERE territory_id = 'commune:69123' AND kind = 'commune'`);
    const body = (await t.agent().get(`/api/organisations/${lyon!.id}/decp-indicators`)).json();
    expect(body.rows.map((r: { kind: string; year: number }) => [r.kind, r.year])).toEqual([['marche', 2022], ['marche', 2023], ['marche', 2024], ['marche', 2025]]);
    const national = (await t.agent().get('/api/observatory/national')).json();
    expect(national.rows).toHaveLength(4);
    const regions = (await t.agent().get('/api/observatory/territories?level=region')).json();
    expect(regions.unattributed).toBe(0);
    expect(regions.rows.some((r: { code: string; name: string }) => r.code === '84' && r.name === 'Auvergne-Rhône-Alpes')).toBe(true);
  });

  it('issue 15, item 4: every demo buyer gets the same verdict on its page, in the observatory and its export', async () => {
    const list = (await t.agent().get('/api/observatory/buyers?status=both')).json();
    const all = [...list.items];
    for (let p = 2; (p - 1) * list.pageSize < list.total; p++) all.push(...(await t.agent().get(`/api/observatory/buyers?status=both&page=${p}`)).json().items);
    expect(all.length).toBe(list.total);
    // The demo's biggest cities are listed (16 communes have demo contracts): the check below is not empty.
    expect(all.filter((x: { organisationId: string | null }) => x.organisationId).length).toBeGreaterThan(3);
    const csv = (await t.agent().get('/api/observatory/exports/buyers?format=csv')).body.split('\n').slice(1).filter(Boolean);
    expect(csv.length).toBe(list.total);
    for (const b of all.filter((x: { organisationId: string | null }) => x.organisationId)) {
      const page = (await t.agent().get(`/api/organisations/${b.organisationId}`)).json();
      expect([b.siren, page.obligation.status, page.obligation.year]).toEqual([b.siren, b.verdict, list.year]);
      expect(csv.some((line: string) => line.startsWith(`${b.siren};`) && line.includes(verdictStatusLabels[b.verdict as keyof typeof verdictStatusLabels]))).toBe(true);
    }
  });
});

describe('demo SPASER (issue 17)', () => {
  it('Lyon has a draft written in the builder; its legal check says what is still missing', async () => {
    const claire = t.agent();
    expect((await claire.post('/api/auth/login', { email: 'claire.martin@lyon.example', password: demoPassword })).statusCode).toBe(200);
    const list = (await claire.get('/api/spasers')).json().items;
    expect(list.map((s: { title: string; status: string; buyers: string[] }) => [s.title.replace(/\d{4}-\d{4}$/, 'AAAA'), s.status, s.buyers])).toEqual([
      ['SPASER de la Ville de Lyon AAAA', 'in_preparation', ['Lyon']],
    ]);
    const detail = (await claire.get(`/api/spasers/${list[0].id}`)).json();
    // Met: social, ecological, circular economy, precise indicators (the social share, defined, with a
    // baseline). Missing: an objective without action, no publication cadence, no ESUS target, no URL.
    expect(detail.check.items.filter((i: { status: string }) => i.status === 'missing').map((i: { id: string }) => i.id)).toEqual([
      'implementation_and_monitoring', 'indicators_every_two_years', 'target_objectives', 'online_publication',
    ]);
    expect([detail.check.met, detail.check.applicable, detail.canEdit]).toEqual([4, 8, true]);
  });

  it('Lyon’s draft is under review by Farid, the facilitator: two open threads and one resolved (issue 19, item 3)', async () => {
    const farid = t.agent();
    expect((await farid.post('/api/auth/login', { email: 'animation@entraide.example', password: demoPassword })).statusCode).toBe(200);
    const mine = (await farid.get('/api/spaser-reviews')).json().items;
    expect(mine.map((s: { title: string; lead: string; openThreads: number }) => [s.title.replace(/\d{4}-\d{4}$/, 'AAAA'), s.lead, s.openThreads])).toEqual([['SPASER de la Ville de Lyon AAAA', 'Lyon', 2]]);
    const review = (await farid.get(`/api/spasers/${mine[0].id}/review`)).json();
    expect([review.reviewing, review.canComment, review.canInvite]).toEqual([true, true, false]);
    expect(review.threads.map((x: { section: string; resolvedAt: string | null; comments: unknown[] }) => [x.section, x.resolvedAt !== null, x.comments.length])).toEqual([
      ['axes', false, 1],
      ['governance', false, 1],
      ['preamble', true, 2],
    ]);
  });

  it('four schémas, each with a demo member as editor: a joint one with figures per buyer, two published', async () => {
    const all = await rows<{ title: string; status: string; adopted_on: string | null; reference: string | null; buyers: string; editors: string }>(
      t.db,
      sql`SELECT s.title, s.status, s.adopted_on::text AS adopted_on, s.adoption_reference AS reference,
            (SELECT string_agg(o.name || ':' || b.status, ', ' ORDER BY o.name) FROM spaser_buyers b JOIN organisations o ON o.id = b.organisation_id WHERE b.spaser_id = s.id) AS buyers,
            (SELECT string_agg(u.email, ', ' ORDER BY u.email) FROM spaser_editors e JOIN users u ON u.id = e.user_id WHERE e.spaser_id = s.id) AS editors
          FROM spasers s ORDER BY s.title`,
    );
    expect(all.map((s) => [s.title.replace(/Lyon \d{4}-\d{4}$/, 'Lyon AAAA'), s.status, s.adopted_on, s.buyers, s.editors])).toEqual([
      ['SPASER de la Ville de Grenoble 2026-2030 (révision)', 'in_preparation', null, 'Grenoble:accepted', 'aurelie.roux@grenoble.example'],
      ['SPASER de la Ville de Lyon AAAA', 'in_preparation', null, 'Lyon:accepted', 'claire.martin@lyon.example'],
      ['SPASER de la Ville de Rennes 2024-2027', 'published', '2024-03-25', 'Rennes:accepted', 'yann.le-goff@rennes.example'],
      [
        'Schéma commun des achats responsables de Nantes Métropole, Nantes et Rezé 2025-2028',
        'published',
        '2025-06-27',
        'Nantes:accepted, Nantes Métropole:accepted, Rezé:accepted',
        'gaelle.le-bihan@nantesmetropole.example, sophie.durand@nantes.example, thomas.guerin@reze.example',
      ],
    ]);
    expect(all.every((s) => s.status === 'in_preparation' || (s.reference ?? '').startsWith('Délibération'))).toBe(true);
    // The joint schéma, as Sophie Durand (Nantes) reads it: each indicator keeps every buyer's figures.
    const sophie = await login('sophie.durand@nantes.example');
    const mine = (await sophie.get('/api/spasers')).json().items;
    expect(mine.map((s: { buyers: string[] }) => s.buyers)).toEqual([['Nantes Métropole', 'Nantes', 'Rezé']]);
    const joint = (await sophie.get(`/api/spasers/${mine[0].id}`)).json();
    expect(joint.canEdit).toBe(true);
    // A complete example to start from: social, ecological, circular, each objective with an action,
    // yearly indicators, ESUS and insertion targets, an address online, figures for each buyer.
    expect([joint.check.met, joint.check.applicable, joint.check.items.filter((i: { status: string }) => i.status === 'missing')]).toEqual([9, 9, []]);
    const names = new Map(joint.buyers.map((b: { organisationId: string; name: string }) => [b.organisationId, b.name]));
    const insertion = joint.sections.indicators.body.find((i: { id: string }) => i.id === 'nmr-ind-3');
    expect(insertion.perBuyer.map((b: { organisationId: string; baseline: { value: number }; values: { year: number; value: number }[] }) => [names.get(b.organisationId), b.baseline.value, b.values[0]!.value])).toEqual([
      ['Nantes Métropole', 120_000, 126_500],
      ['Nantes', 52_000, 55_800],
      ['Rezé', 9_000, 11_200],
    ]);
    // Rennes's 2024 reserved-contracts value cites its bilan, a PDF any reader downloads under its name.
    const yann = await login('yann.le-goff@rennes.example');
    const rennes = (await yann.get(`/api/spasers/${(await yann.get('/api/spasers')).json().items[0].id}`)).json();
    expect(rennes.evidenceFiles.map((f: { fileName: string }) => f.fileName)).toEqual(['bilan-2024-marches-reserves.pdf']);
    const reserved = rennes.sections.indicators.body.find((i: { id: string }) => i.id === 'ren-ind-1');
    expect(reserved.perBuyer[0].values.map((v: { year: number; evidenceFileId: string | null }) => [v.year, v.evidenceFileId])).toEqual([
      [2024, rennes.evidenceFiles[0].id],
      [2025, null],
    ]);
    const pdf = await yann.get(`/api/spasers/${rennes.id}/evidence/${rennes.evidenceFiles[0].id}`);
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    for (const email of ['yann.le-goff@rennes.example', 'aurelie.roux@grenoble.example', 'thomas.guerin@reze.example', 'gaelle.le-bihan@nantesmetropole.example']) {
      const items = (await (await login(email)).get('/api/spasers')).json().items;
      expect(items.length, email).toBe(1);
    }
  });

  it('the directory of published schémas shows Rennes and the joint schéma of Nantes, in two régions (issue 19)', async () => {
    const d = (await t.agent().get('/api/public/schemas')).json();
    expect(d.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'SPASER de la Ville de Rennes 2024-2027',
      'Schéma commun des achats responsables de Nantes Métropole, Nantes et Rezé 2025-2028',
    ]);
    // Rennes in Bretagne (53); Nantes Métropole, Nantes and Rezé in Pays de la Loire (52).
    expect(Object.fromEntries(d.regions.filter((r: { count: number }) => r.count > 0).map((r: { code: string; count: number }) => [r.code, r.count]))).toEqual({ '53': 1, '52': 1 });
  });

  it('status consistency: every demo organisation shows the same SPASER status on its page, in the observatory and in cohort applications', async () => {
    const orgs = await rows<{ id: string; name: string }>(
      t.db,
      sql`SELECT DISTINCT o.id, o.name FROM organisations o JOIN memberships m ON m.organisation_id = o.id ORDER BY o.name`,
    );
    // Worked out from the demo: schémas written here (Lyon, Nantes and its partners, Rennes, Grenoble's
    // revision of a schéma declared adopted in 2021), Ajaccio's statement, nothing known elsewhere.
    const expected: Record<string, string> = {
      Ajaccio: 'none',
      Bordeaux: 'unknown',
      Grenoble: 'in_revision',
      Lille: 'unknown',
      Lyon: 'in_preparation',
      Nantes: 'published',
      'Nantes Métropole': 'published',
      Rennes: 'published',
      Rezé: 'published',
      Strasbourg: 'unknown',
      // The seven participants added to « édition 2 » for its co-development groups (issue 23, item 10):
      // nothing known of their SPASER (an application's stage is not a declaration).
      'Brest Métropole': 'unknown',
      Dijon: 'unknown',
      Metz: 'unknown',
      'Montpellier Méditerranée Métropole': 'unknown',
      Rouen: 'unknown',
      Toulouse: 'unknown',
      Tours: 'unknown',
    };
    const page = new Map<string, string>();
    for (const o of orgs) page.set(o.id, (await t.agent().get(`/api/organisations/${o.id}`)).json().spaserStatus);
    expect(Object.fromEntries(orgs.map((o) => [o.name, page.get(o.id)]))).toEqual(expected);
    // The observatory's list and its export.
    const list = (await t.agent().get('/api/observatory/buyers?status=both&pageSize=500')).json();
    const listed = [...list.items];
    for (let p = 2; (p - 1) * list.pageSize < list.total; p++) listed.push(...(await t.agent().get(`/api/observatory/buyers?status=both&page=${p}`)).json().items);
    const inList = listed.filter((b: { organisationId: string | null }) => b.organisationId && page.has(b.organisationId));
    expect(inList.length).toBeGreaterThan(3);
    for (const b of inList) expect([b.name, b.spaserStatus]).toEqual([b.name, page.get(b.organisationId)]);
    const csv = (await t.agent().get('/api/observatory/exports/buyers?format=csv')).body;
    for (const b of inList) expect(csv.split('\n').find((l: string) => l.startsWith(`${b.siren};`))).toContain(`;${spaserStatusLabels[b.spaserStatus as keyof typeof spaserStatusLabels]};`);
    // The cohort applications, as the facilitator reviews them.
    const farid = t.agent();
    await farid.post('/api/auth/login', { email: 'animation@entraide.example', password: demoPassword });
    const applications = [];
    for (const c of (await t.agent().get('/api/cohorts')).json().items) applications.push(...((await farid.get(`/api/cohorts/${c.id}/applications`)).json().items ?? []));
    expect(applications.length).toBeGreaterThan(0);
    for (const a of applications) expect([a.organisation.name, a.organisation.spaserStatus]).toEqual([a.organisation.name, page.get(a.organisation.id)]);
  });
});

describe('demo e-learning (issue 22)', () => {
  it('the first course: Claire finished it with her attestation, Sophie is halfway, Yann started, Marc has not', async () => {
    // 16 lessons: Claire all of them; Sophie the first half (8); Yann the first two.
    const progress = async (email: string) => (await (await login(email)).get('/api/courses/construire-son-spaser')).json().progress;
    const claire = await progress('claire.martin@lyon.example');
    expect([claire.completedCount, claire.lessonCount, claire.resumeLessonId]).toEqual([16, 16, null]);
    expect(claire.attestationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect((await t.agent().get(`/api/public/attestations/${claire.attestationCode}`)).json()).toMatchObject({ learnerName: 'Claire Martin', courseTitle: 'Construire et faire vivre son SPASER' });
    expect((await progress('sophie.durand@nantes.example')).completedCount).toBe(8);
    expect((await progress('yann.le-goff@rennes.example')).completedCount).toBe(2);
    const marc = await progress('marc.rossi@ajaccio.example');
    expect([marc.completedCount, marc.startedAt]).toEqual([0, null]);
    // Sophie failed one quiz before passing it: two attempts at the first quiz lesson (l05).
    const sophie = await login('sophie.durand@nantes.example');
    expect((await sophie.get('/api/courses/construire-son-spaser/lessons/l05-schema-commun')).json().learner.attempts.map((a: { passed: boolean }) => a.passed)).toEqual([false, true]);
  });
});
