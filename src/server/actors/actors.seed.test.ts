import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { seedActors } from './actors.seed.js';

// Issue 20, item 1: the directory starts with the actors of the reference notes that have a source.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('seeded actors', () => {
  it('puts the 42 sourced actors of the reference notes in the directory once, each with a source', async () => {
    // Counted by hand in the notes: 9 State services, 1 training body, 3 hospital purchasing bodies,
    // 11 regional networks (ARBIO, a 3AR expert network, among them), 3 guichets verts,
    // 2 local-government networks, 4 buyers' associations, 9 ESS and inclusion actors.
    expect(await seedActors(t.deps)).toBe(42);
    expect(await seedActors(t.deps)).toBe(0);
    const all = (await t.agent().get('/api/public/actors')).json();
    expect(all.total).toBe(42);
    for (const a of all.items) expect(a.sources.length).toBeGreaterThan(0);
    const byKind = (kind: string) => all.items.filter((a: { kind: string }) => a.kind === kind).length;
    expect([byKind('national_institution'), byKind('training_body'), byKind('hospital_purchasing'), byKind('regional_network'), byKind('guichet_vert'), byKind('local_government_network'), byKind('buyers_association'), byKind('ess_inclusion')]).toEqual([
      9, 1, 3, 11, 3, 2, 4, 9,
    ]);
    // Nothing the notes mark unverified is stated.
    expect(all.items.map((a: { name: string }) => a.name).some((n: string) => /Chambres régionales des comptes|APASP/.test(n))).toBe(false);
    // Bretagne: RESECO first, then national actors (training before State services).
    const bzh = (await t.agent().get('/api/public/actors/nearby?region=53')).json().items.map((a: { name: string }) => a.name);
    expect(bzh).toHaveLength(5);
    expect(bzh[0]).toBe('RESECO — Réseau Grand Ouest commande publique et développement durable');
    expect(bzh[1]).toBe('CNFPT (Centre national de la fonction publique territoriale)');
  });
});
