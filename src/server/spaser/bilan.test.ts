import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { pdfText } from '../../../tests/helpers/pdf.js';
import { organisations } from '../organisations/organisations.tables.js';
import { importDecpFile } from '../procurement/import/import.service.js';
import { bilanDueOn, bilanYears, isReached } from './bilan.js';
import { scheduleBilanReminders } from './bilan.service.js';
import { spaserSectionContents } from './spaser.tables.js';

// The bilan des indicateurs (issue 19, item 2) through HTTP: yearly values against targets, missing
// years pre-filled from the buyer's DECP figures (the real import of a small fixture), entry by the
// editors only and only for a year of the period, publication (page and PDF), and the reminder after
// two years without a bilan. Every expected figure is worked out by hand below.

const FIXTURE = path.resolve('tests/fixtures/decp/spaser-prefill.json');
const EPCI_SIREN = '243500139';
// The fixture's EPCI marchés, environmental consideration in number (spaser-indicators.test.ts):
//   2025: A25-1, A25-2, A25-5 of 5 → 3/5 = 60 %;  2026: A26-1 of 1 → 100 %;  2027: no marché.


const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

let t: TestContext;
let epci: string;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  await importDecpFile(t.deps, FIXTURE);
  const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.siren, [EPCI_SIREN]));
  epci = org!.id;
});
afterAll(() => t?.close());

/** A schéma 2025–2027 of the EPCI: a DECP indicator with targets 70 % (2026) and 80 % (2027), a CO2 ceiling of 500 t in 2027. */
async function setup() {
  const writer = await t.loggedIn({ verifiedIn: [epci], firstName: 'Rita', lastName: 'Rédactrice' });
  const reader = await t.loggedIn({ verifiedIn: [epci] });
  const created = await writer.agent.post('/api/spasers', { organisationId: epci, title: 'SPASER de la Vilaine 2025-2027', periodStart: 2025, periodEnd: 2027 });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const res = await writer.agent.put(`/api/spasers/${id}/sections/indicators`, {
    version: 0,
    body: [
      {
        id: 'env',
        name: 'Part des marchés avec une considération environnementale',
        category: 'environmental_consideration',
        unit: 'pct_contracts',
        catalogueKey: 'decp_environmental_number',
        perBuyer: [{ organisationId: epci, targets: [{ year: 2026, value: 70 }, { year: 2027, value: 80 }], values: [] }],
      },
      {
        id: 'co2',
        name: 'Émissions des achats de fournitures',
        category: 'other',
        unit: 'tco2e',
        perBuyer: [{ organisationId: epci, targets: [{ year: 2027, value: 500 }], values: [{ year: 2025, value: 620 }] }],
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  return { writer, reader, id };
}

type Year = { year: number; value: number | null; origin: string | null; target: { year: number; value: number } | null; reached: boolean | null; overrideReason: string | null; decp: { value: number; numerator: number; denominator: number } | null };
const yearsOf = (body: { indicators: { id: string; perBuyer: { years: Year[] }[] }[] }, id: string) =>
  body.indicators.find((i) => i.id === id)!.perBuyer[0]!.years.map((y) => [y.year, y.value, y.origin, y.target && [y.target.year, y.target.value], y.reached]);

describe('bilan des indicateurs', () => {
  it('shows each year against its target, missing years of a DECP indicator pre-filled from the data', async () => {
    const { reader, id } = await setup();
    const res = await reader.agent.get(`/api/spasers/${id}/bilan`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ canEdit: false, canPublish: false, indicatorsVersion: 1, published: [], dueOn: null });
    // 2025: no target that year → the next one (70 % in 2026); 60 < 70. 2026: 100 ≥ 70. 2027: no value.
    expect(yearsOf(body, 'env')).toEqual([
      [2025, 60, 'decp', [2026, 70], false],
      [2026, 100, 'decp', [2026, 70], true],
      [2027, null, null, [2027, 80], null],
    ]);
    expect(body.indicators[0].perBuyer[0].years[0].decp).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(body.indicators[0].fromDecp).toBe(true);
    // A ceiling: 620 t against 500 t (2027) is not reached.
    expect(body.indicators[1]).toMatchObject({ fromDecp: false, lowerIsBetter: true });
    expect(yearsOf(body, 'co2')).toEqual([
      [2025, 620, 'entered', [2027, 500], false],
      [2026, null, null, [2027, 500], null],
      [2027, null, null, [2027, 500], null],
    ]);
  });

  it('an editor enters values: a DECP figure replaced needs a reason; the bilan follows', async () => {
    const { writer, id } = await setup();
    const put = (body: Record<string, unknown>) => writer.agent.put(`/api/spasers/${id}/bilan/values`, body);
    // 480 t in 2026: at or below the 500 t ceiling → reached.
    let r = await put({ version: 1, indicatorId: 'co2', organisationId: epci, year: 2026, value: 480 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ version: 2 });
    // 65 % in 2025 differs from the data's 60 % (3 of 5): a reason is asked, on this value's own field.
    r = await put({ version: 2, indicatorId: 'env', organisationId: epci, year: 2025, value: 65 });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({ overrideReason: 'La valeur calculée depuis les données essentielles pour 2025 est 60 % (3 sur 5) : gardez-la, ou indiquez pourquoi vous la remplacez.' });
    r = await put({ version: 2, indicatorId: 'env', organisationId: epci, year: 2025, value: 65, overrideReason: 'Deux marchés de 2025 publiés en retard' });
    expect(r.statusCode, r.body).toBe(200);
    // 2027 has no marché in the data: any value, no reason.
    r = await put({ version: 3, indicatorId: 'env', organisationId: epci, year: 2027, value: 85 });
    expect(r.statusCode, r.body).toBe(200);
    const body = (await writer.agent.get(`/api/spasers/${id}/bilan`)).json();
    expect(body).toMatchObject({ canEdit: true, indicatorsVersion: 4 });
    expect(yearsOf(body, 'env')).toEqual([
      [2025, 65, 'entered', [2026, 70], false],
      [2026, 100, 'decp', [2026, 70], true],
      [2027, 85, 'entered', [2027, 80], true],
    ]);
    expect(body.indicators[0].perBuyer[0].years[0]).toMatchObject({ overrideReason: 'Deux marchés de 2025 publiés en retard', decp: { value: 60, numerator: 3, denominator: 5 } });
    expect(yearsOf(body, 'co2')[1]).toEqual([2026, 480, 'entered', [2027, 500], true]);
    // A null value removes the year's entry: 2027 is empty again.
    r = await put({ version: 4, indicatorId: 'env', organisationId: epci, year: 2027, value: null });
    expect(r.statusCode, r.body).toBe(200);
    expect(yearsOf((await writer.agent.get(`/api/spasers/${id}/bilan`)).json(), 'env')[2]).toEqual([2027, null, null, [2027, 80], null]);
  });

  it('refuses a year outside the period, a bad value, a non-editor, a stale version — nothing changed', async () => {
    const { writer, reader, id } = await setup();
    const stored = async () => (await t.db.select().from(spaserSectionContents).where(eq(spaserSectionContents.spaserId, id)))[0]!;
    const before = await stored();
    const put = (agent: typeof writer.agent, body: Record<string, unknown>) => agent.put(`/api/spasers/${id}/bilan/values`, body);
    for (const year of [2024, 2028]) {
      const r = await put(writer.agent, { version: 1, indicatorId: 'co2', organisationId: epci, year, value: 300 });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        error: 'VALIDATION',
        message: 'Certains champs sont invalides : corrigez-les puis recommencez.',
        fields: { year: `L’année ${year} est hors de la période du schéma (de 2025 à 2027) : saisissez une valeur pour une année de la période.` },
      });
    }
    let r = await put(writer.agent, { version: 1, indicatorId: 'env', organisationId: epci, year: 2027, value: 150 });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({ value: 'Une part s’exprime entre 0 et 100 %.' });
    r = await put(writer.agent, { version: 1, indicatorId: 'nope', organisationId: epci, year: 2026, value: 1 });
    expect(r.json().fields).toEqual({ indicatorId: 'Cet indicateur n’existe pas dans le schéma.' });
    r = await put(writer.agent, { version: 1, indicatorId: 'co2', organisationId: epci, year: 2026, value: 'beaucoup' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.value).toBe('Indiquez une valeur numérique.');
    r = await put(reader.agent, { version: 1, indicatorId: 'co2', organisationId: epci, year: 2026, value: 300 });
    expect(r.statusCode).toBe(403);
    expect((await t.agent().put(`/api/spasers/${id}/bilan/values`, { version: 1, indicatorId: 'co2', organisationId: epci, year: 2026, value: 300 })).statusCode).toBe(401);
    r = await put(writer.agent, { version: 0, indicatorId: 'co2', organisationId: epci, year: 2026, value: 300 });
    expect(r.statusCode).toBe(409);
    const after = await stored();
    expect(after.version).toBe(before.version);
    expect(after.body).toEqual(before.body);
  });

  it('publishes a dated, frozen bilan under the public schéma: page and PDF with the values', async () => {
    const { writer, reader, id } = await setup();
    await writer.agent.put(`/api/spasers/${id}/bilan/values`, { version: 1, indicatorId: 'co2', organisationId: epci, year: 2026, value: 480 });
    // Not before the schéma itself is public.
    let r = await writer.agent.post(`/api/spasers/${id}/bilan/publications`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Le bilan se publie sous la page publique du schéma : publiez d’abord le SPASER adopté, puis son bilan.');
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-03-15', reference: 'Délibération 2026-12' })).statusCode).toBe(200);
    const spaserPath = (await writer.agent.post(`/api/spasers/${id}/publication`)).json().path as string;
    expect((await reader.agent.post(`/api/spasers/${id}/bilan/publications`)).statusCode).toBe(403);
    r = await writer.agent.post(`/api/spasers/${id}/bilan/publications`);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ number: 1, path: `${spaserPath}/bilan` });
    const live = (await writer.agent.get(`/api/spasers/${id}/bilan`)).json();
    expect(live.published).toEqual([{ number: 1, publishedAt: expect.stringMatching(/^2026-06-01T10:00/), path: `${spaserPath}/bilan` }]);
    // Two years after the bilan of 1 June 2026 (later than the adoption of 15 March 2026).
    expect(live.dueOn).toBe('2028-06-01');

    // A later entry changes the live bilan, not the published one.
    await writer.agent.put(`/api/spasers/${id}/bilan/values`, { version: 2, indicatorId: 'co2', organisationId: epci, year: 2027, value: 450 });
    const ref = spaserPath.split('/')[2]!.split('-')[0]!;
    const pub = await t.agent().get(`/api/public/schemas/${ref}/bilan`);
    expect(pub.statusCode, pub.body).toBe(200);
    const doc = pub.json().document;
    expect(doc).toMatchObject({ number: 1, title: 'SPASER de la Vilaine 2025-2027', adoptedOn: '2026-03-15', spaserPath });
    expect(doc.indicators[1].perBuyer[0].years.map((y: Year) => y.value)).toEqual([620, 480, null]);

    // The schéma's public page (and its JSON) now link to the bilan.
    expect((await t.agent().get(spaserPath)).body).toContain(`<a href="${spaserPath}/bilan">Bilan des indicateurs : valeurs annuelles et cibles</a>`);
    expect((await t.agent().get(`/api/public/schemas/${ref}`)).json().bilanPath).toBe(`${spaserPath}/bilan`);

    const page = await t.agent().get(`${spaserPath}/bilan`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = norm(page.body.replace(/<[^>]+>/g, ' '));
    expect(html).toContain('Bilan des indicateurs — SPASER de la Vilaine 2025-2027');
    expect(html).toContain('Part des marchés avec une considération environnementale — ');
    expect(html).toContain('2025 60 % 3 sur 5 Données essentielles (à confirmer) 70 % (cible 2026) Non atteinte');
    expect(html).toContain('2026 480 Saisie 500 (cible 2027) Atteinte');

    const pdf = await t.agent().get(`${spaserPath}/bilan.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/filename="spaser-de-la-vilaine-2025-2027-bilan-1\.pdf"/);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Bilan des indicateurs — SPASER de la Vilaine 2025-2027');
    expect(text).toContain('2025 60 % Données essentielles (à confirmer) 70 % (cible 2026) Non atteinte');
    expect(text).toContain('2026 100 % Données essentielles (à confirmer) 70 % Atteinte');
    expect(text).toContain('2026 480 Saisie 500 (cible 2027) Atteinte');
    expect(text).not.toContain('450');

    // Unknown addresses: 404 with a French message.
    expect((await t.agent().get('/api/public/schemas/zzzzzzzz/bilan')).json().message).toBe('Aucun bilan des indicateurs n’a été publié pour ce schéma.');
    expect((await t.agent().get('/schemas/zzzzzzzz-x/bilan')).statusCode).toBe(404);
    // Withdrawn schéma: its bilan is no longer public either.
    expect((await writer.agent.delete(`/api/spasers/${id}/publication`)).statusCode).toBe(200);
    expect((await t.agent().get(`${spaserPath}/bilan.pdf`)).statusCode).toBe(404);
  });
});

describe('reminder when two years pass without a bilan', () => {
  it('fires on the due day, not before, not twice; a new bilan moves the next one two years on', async () => {
    t.clock.set(new Date('2026-06-01T10:00:00Z'));
    const { writer, id } = await setup();
    const other = await t.loggedIn({ verifiedIn: [epci] });
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-03-15', reference: 'Délibération 2026-12' })).statusCode).toBe(200);
    // A second editor; a reader who is not one is never reminded.
    expect((await writer.agent.post(`/api/spasers/${id}/editors`, { userId: other.user.id })).statusCode).toBe(201);
    const reader = await t.loggedIn({ verifiedIn: [epci] });
    // Sessions do not last two years: each look logs in again.
    const fresh = async (m: typeof writer) => {
      const agent = t.agent();
      expect((await agent.post('/api/auth/login', { email: m.user.email, password: m.user.password })).statusCode).toBe(200);
      return agent;
    };
    const reminders = async (m: typeof writer) =>
      ((await (await fresh(m)).get('/api/notifications')).json().items as { sentence: string; path: string }[]).filter((i) => i.sentence.startsWith('Le bilan des indicateurs'));
    // The daily job: started once, it runs again 24 hours after each run (the clock is moved past it).
    const sweepAt = async (iso: string) => {
      t.clock.set(new Date(iso));
      await scheduleBilanReminders(t.deps);
      await t.drainJobs();
    };
    // Due 2028-03-15 (adoption + 2 years), in Paris: the day before, nothing.
    await sweepAt('2028-03-13T23:00:00Z'); // midnight in Paris on the 14th
    expect(await reminders(writer)).toEqual([]);
    await sweepAt('2028-03-14T23:30:00Z'); // 00:30 in Paris on the 15th
    const mine = await reminders(writer);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.path).toBe(`/spaser/${id}/bilan`);
    expect(mine[0]!.sentence).toMatch(/^Le bilan des indicateurs du SPASER « SPASER de la Vilaine 2025-2027 » \(.+\) est attendu depuis le 15 mars 2028 : la loi demande de publier les indicateurs au moins tous les deux ans\.$/);
    expect(await reminders(other)).toHaveLength(1);
    expect(await reminders(reader)).toEqual([]);
    // The next days: not again.
    await sweepAt('2028-03-16T00:00:00Z');
    await sweepAt('2028-09-01T08:00:00Z');
    expect(await reminders(writer)).toHaveLength(1);
    // A bilan published on 1 September 2028 (the schéma made public first) moves the due date to 1 September 2030.
    const agent = await fresh(writer);
    expect((await agent.post(`/api/spasers/${id}/publication`)).statusCode).toBe(201);
    expect((await agent.post(`/api/spasers/${id}/bilan/publications`)).statusCode).toBe(201);
    expect((await agent.get(`/api/spasers/${id}/bilan`)).json().dueOn).toBe('2030-09-01');
    await sweepAt('2030-08-31T08:00:00Z');
    expect(await reminders(writer)).toHaveLength(1);
    await sweepAt('2030-09-01T09:00:00Z');
    const again = await reminders(writer);
    expect(again).toHaveLength(2);
    expect(again[0]!.sentence).toContain('est attendu depuis le 1er septembre 2030');
  });
});

describe('bilan rules, pure', () => {
  it('due two years after the later of the adoption and the last bilan; 29 February rolls to 1 March', () => {
    expect(bilanDueOn('2026-03-15', null)).toBe('2028-03-15');
    expect(bilanDueOn('2026-03-15', '2027-06-30')).toBe('2029-06-30');
    // A bilan dated before the adoption (of an earlier version) does not count.
    expect(bilanDueOn('2026-03-15', '2025-12-01')).toBe('2028-03-15');
    expect(bilanDueOn('2024-02-29', null)).toBe('2026-03-01');
  });
  it('reached at or above a target, at or below a ceiling', () => {
    expect([isReached(70, 70, false), isReached(69.99, 70, false), isReached(500, 500, true), isReached(501, 500, true)]).toEqual([true, false, true, false]);
  });
  it('the years of a bilan: the period; an open one up to this year or its last target', () => {
    expect(bilanYears({ start: 2025, end: 2027 }, 2030, [])).toEqual([2025, 2026, 2027]);
    expect(bilanYears({ start: 2024, end: null }, 2026, [])).toEqual([2024, 2025, 2026]);
    const withTarget = [{ perBuyer: [{ targets: [{ year: 2028, value: 1 }], values: [] }] }] as never;
    expect(bilanYears({ start: 2025, end: null }, 2026, withTarget)).toEqual([2025, 2026, 2027, 2028]);
  });
});
