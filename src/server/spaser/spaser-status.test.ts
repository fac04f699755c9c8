import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { spaserDeclarations } from '../observatory/observatory.tables.js';
import { organisations } from '../organisations/organisations.tables.js';
import { spaserStageLabels, spaserStageStatus } from '../cohorts/cohorts.contract.js';

// The one SPASER status of an organisation (ADR 0025), derived from the schémas written here, the
// declarations of schémas adopted elsewhere and, when neither exists, a member's statement; read
// through the organisation page's API. The platform clock is 1 June 2026.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

const statusOf = async (id: string) => {
  const page = (await t.agent().get(`/api/organisations/${id}`)).json();
  return { status: page.spaserStatus, source: page.spaserSource, url: page.spaserUrl, adoptedOn: page.spaserAdoptedOn };
};

async function member(name: string) {
  const org = await t.createOrganisation({ name, kind: 'commune' });
  const m = await t.loggedIn({ verifiedIn: [org.id] });
  return { org, m };
}

describe('the derived SPASER status', () => {
  it('is « inconnu » with nothing known, then what a member states', async () => {
    const { org, m } = await member('Saint-Rien');
    expect(await statusOf(org.id)).toEqual({ status: 'unknown', source: 'statement', url: null, adoptedOn: null });
    expect((await m.agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'none' })).statusCode).toBe(200);
    expect(await statusOf(org.id)).toEqual({ status: 'none', source: 'statement', url: null, adoptedOn: null });
    // The statement is not the status: « en concertation » can only come from a schéma written here.
    expect((await m.agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'in_consultation' })).statusCode).toBe(400);
  });

  it('a declaration of a schéma adopted elsewhere makes it « adopté »; a later statement withdraws it', async () => {
    const { org, m } = await member('Déclarville');
    const res = await m.agent.post(`/api/organisations/${org.id}/spaser-declaration`, { url: 'https://declarville.example/spaser.pdf', adoptedOn: '2024-11-18' });
    expect(res.json()).toEqual({ spaserStatus: 'adopted', spaserUrl: 'https://declarville.example/spaser.pdf', spaserAdoptedOn: '2024-11-18' });
    expect(await statusOf(org.id)).toEqual({ status: 'adopted', source: 'declaration', url: 'https://declarville.example/spaser.pdf', adoptedOn: '2024-11-18' });
    // Nothing is copied onto the organisation row: only the declaration holds the adoption.
    const [row] = await t.db.select({ statement: organisations.spaserStatement }).from(organisations).where(eq(organisations.id, org.id));
    expect(row!.statement).toBe('unknown');
    t.clock.set(new Date('2026-06-01T10:05:00Z'));
    expect((await m.agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'none' })).statusCode).toBe(200);
    expect(await statusOf(org.id)).toEqual({ status: 'none', source: 'statement', url: null, adoptedOn: null });
    // The history keeps the withdrawn declaration; a new one counts again.
    expect(await t.db.select().from(spaserDeclarations).where(eq(spaserDeclarations.organisationId, org.id))).toHaveLength(1);
    t.clock.set(new Date('2026-06-01T10:10:00Z'));
    await m.agent.post(`/api/organisations/${org.id}/spaser-declaration`, { url: 'https://declarville.example/spaser-v2.pdf', adoptedOn: '2025-01-20' });
    expect(await statusOf(org.id)).toMatchObject({ status: 'adopted', url: 'https://declarville.example/spaser-v2.pdf', adoptedOn: '2025-01-20' });
    t.clock.set(new Date('2026-06-01T10:00:00Z'));
  });

  it('a schéma written here gives its status, which outranks a member statement', async () => {
    const { org, m } = await member('Écriville');
    await m.agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'none' });
    const created = await m.agent.post('/api/spasers', { organisationId: org.id, title: 'SPASER d’Écriville', periodStart: 2026, periodEnd: 2028 });
    const id = created.json().id as string;
    expect(await statusOf(org.id)).toEqual({ status: 'in_preparation', source: 'platform', url: null, adoptedOn: null });
    expect((await m.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-12', reference: 'Délibération n° 2026-31' })).statusCode).toBe(200);
    expect(await statusOf(org.id)).toEqual({ status: 'adopted', source: 'platform', url: null, adoptedOn: '2026-05-12' });
    // The builder's adoption writes no declaration: the schéma itself is the only record.
    expect(await t.db.select().from(spaserDeclarations).where(eq(spaserDeclarations.organisationId, org.id))).toEqual([]);
  });

  it('precedence: a schéma adopted elsewhere and a draft here make « en révision », the adopted one still in force', async () => {
    const { org, m } = await member('Révisionville');
    await m.agent.post(`/api/organisations/${org.id}/spaser-declaration`, { url: 'https://revisionville.example/spaser-2020.pdf', adoptedOn: '2020-10-05' });
    await m.agent.post('/api/spasers', { organisationId: org.id, title: 'SPASER révisé', periodStart: 2026, periodEnd: 2030 });
    expect(await statusOf(org.id)).toEqual({ status: 'in_revision', source: 'platform', url: 'https://revisionville.example/spaser-2020.pdf', adoptedOn: '2020-10-05' });
    // The observatory declaration answers with the same derived status.
    const again = await m.agent.post(`/api/organisations/${org.id}/spaser-declaration`, { url: 'https://revisionville.example/spaser-2020.pdf', adoptedOn: '2020-10-05' });
    expect(again.json().spaserStatus).toBe('in_revision');
  });

  it('a joint schéma gives every accepted buyer its status, not an invited one', async () => {
    const { org: lead, m } = await member('Chef-lieu');
    const { org: partner, m: pm } = await member('Partenaire');
    const { org: invited } = await member('Invitée');
    const id = (await m.agent.post('/api/spasers', { organisationId: lead.id, title: 'Schéma commun', periodStart: 2026 })).json().id as string;
    await m.agent.post(`/api/spasers/${id}/buyers`, { organisationId: partner.id });
    await m.agent.post(`/api/spasers/${id}/buyers`, { organisationId: invited.id });
    expect((await pm.agent.post(`/api/spasers/${id}/buyers/${partner.id}/accept`)).statusCode).toBe(200);
    await m.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-04-02', reference: 'Délibérations concordantes' });
    expect((await statusOf(lead.id)).status).toBe('adopted');
    expect((await statusOf(partner.id)).status).toBe('adopted');
    expect((await statusOf(invited.id)).status).toBe('unknown');
    // The search results show the same status.
    const found = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('Partenaire')}`)).json();
    expect(found.items.find((o: { id: string }) => o.id === partner.id)?.spaserStatus).toBe('adopted');
  });
});

describe('the cohort applicant’s stage', () => {
  it('is told with the platform’s vocabulary, their nuance kept', () => {
    expect(spaserStageStatus).toEqual({ pas_commence: 'none', reflexion: 'in_preparation', redaction: 'in_preparation', adopte_a_mettre_en_oeuvre: 'adopted', en_revision: 'in_revision' });
    expect(spaserStageLabels).toEqual({
      pas_commence: 'Aucun SPASER — pas encore commencé',
      reflexion: 'En préparation — réflexion (diagnostic, portage politique)',
      redaction: 'En préparation — rédaction',
      adopte_a_mettre_en_oeuvre: 'Adopté — à mettre en œuvre',
      en_revision: 'En révision',
    });
  });
});
