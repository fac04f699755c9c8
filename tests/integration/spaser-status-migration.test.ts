import { describe, expect, it } from 'vitest';
import { databaseBefore, migrationIndex } from '../helpers/migrations.js';

/**
 * The hand-written data migration of ADR 0025 (located by its tag): a database whose organisations
 * still carry spaser_status, spaser_url and spaser_adopted_on is migrated; each organisation keeps its
 * status, now derived by the view organisation_spaser_status, and the dropped columns are gone.
 */
const cut = migrationIndex('_spaser_status_data');

describe('migration: the organisation SPASER status becomes derived', () => {
  it('keeps statements, keeps older adoptions as declarations, drops the copies the builder wrote', async () => {
    expect(cut).toBeGreaterThan(0);
    const { q, rest, close } = await databaseBefore(cut);
    try {
      const org = async (name: string, status: string, url: string | null, adoptedOn: string | null, updatedAt: string) =>
        (await q(
          `INSERT INTO organisations (name, kind, source, spaser_status, spaser_url, spaser_adopted_on, created_at, updated_at)
           VALUES ($1, 'commune', 'table', $2, $3, $4, '2026-01-01T00:00:00Z', $5) RETURNING id`,
          [name, status, url, adoptedOn, updatedAt],
        ))[0]!.id as string;
      const none = await org('Sans', 'none', null, null, '2026-03-01T10:00:00Z');
      const preparing = await org('Prépare', 'in_progress', null, null, '2026-03-02T10:00:00Z');
      const oldAdopted = await org('Ancienne', 'adopted', 'https://ancienne.example/spaser.pdf', '2019-05-06', '2026-03-03T10:00:00Z');
      const declared = await org('Déclarée', 'adopted', 'https://declaree.example/spaser.pdf', '2024-02-12', '2026-03-04T10:00:00Z');
      await q(`INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_at) VALUES ($1, 'https://declaree.example/spaser.pdf', '2024-02-12', '2026-03-04T10:00:00Z')`, [declared]);
      // A member said « none » after a declaration: the declaration stays withdrawn.
      const withdrawn = await org('Retirée', 'none', null, null, '2026-03-06T10:00:00Z');
      await q(`INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_at) VALUES ($1, 'https://retiree.example/s.pdf', '2023-01-10', '2026-03-05T10:00:00Z')`, [withdrawn]);
      // A schéma adopted in the builder, whose adoption was copied as a declaration.
      const builder = await org('Constructeur', 'adopted', 'https://entraide.example/spaser/x', '2026-02-20', '2026-03-07T10:00:00Z');
      const spaser = (await q(
        `INSERT INTO spasers (title, lead_organisation_id, period_start, status, adopted_on, adoption_reference, created_at, updated_at)
         VALUES ('Schéma', $1, 2026, 'adopted', '2026-02-20', 'Délibération 1', '2026-01-05T00:00:00Z', '2026-03-07T10:00:00Z') RETURNING id`,
        [builder],
      ))[0]!.id as string;
      await q(`INSERT INTO spaser_buyers (spaser_id, organisation_id, status, created_at) VALUES ($1, $2, 'accepted', '2026-01-05T00:00:00Z')`, [spaser, builder]);
      await q(`INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_at) VALUES ($1, $2, '2026-02-20', '2026-03-07T10:00:00Z')`, [builder, `https://entraide.example/spaser/${spaser}`]);

      await rest();

      const view = await q(`SELECT o.name, v.status, v.source, v.url, v.adopted_on::text AS adopted_on FROM organisation_spaser_status v JOIN organisations o ON o.id = v.organisation_id ORDER BY o.name`);
      expect(view).toEqual([
        { name: 'Ancienne', status: 'adopted', source: 'declaration', url: 'https://ancienne.example/spaser.pdf', adopted_on: '2019-05-06' },
        { name: 'Constructeur', status: 'adopted', source: 'platform', url: null, adopted_on: '2026-02-20' },
        { name: 'Déclarée', status: 'adopted', source: 'declaration', url: 'https://declaree.example/spaser.pdf', adopted_on: '2024-02-12' },
        { name: 'Prépare', status: 'in_preparation', source: 'statement', url: null, adopted_on: null },
        { name: 'Retirée', status: 'none', source: 'statement', url: null, adopted_on: null },
        { name: 'Sans', status: 'none', source: 'statement', url: null, adopted_on: null },
      ]);
      // One declaration each for the two adoptions outside the builder, the withdrawn one kept in the history.
      const counts = await q(`SELECT o.name, count(*)::int AS n FROM spaser_declarations d JOIN organisations o ON o.id = d.organisation_id GROUP BY o.name ORDER BY o.name`);
      expect(counts).toEqual([
        { name: 'Ancienne', n: 1 },
        { name: 'Déclarée', n: 1 },
        { name: 'Retirée', n: 1 },
      ]);
      expect((await q(`SELECT spaser_statement FROM organisations WHERE id = $1`, [preparing]))[0]).toEqual({ spaser_statement: 'in_preparation' });
      expect((await q(`SELECT spaser_statement FROM organisations WHERE id = $1`, [none]))[0]).toEqual({ spaser_statement: 'none' });
      expect((await q(`SELECT spaser_statement FROM organisations WHERE id = $1`, [oldAdopted]))[0]).toEqual({ spaser_statement: 'unknown' });
      const columns = await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'organisations' AND column_name IN ('spaser_status', 'spaser_url', 'spaser_adopted_on')`);
      expect(columns).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
