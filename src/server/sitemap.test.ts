import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeKeys } from '../shared/fields.js';
import { seedActors } from './actors/actors.seed.js';
import { rows } from './platform/db.js';
import { createTestContext, type TestContext } from '../../tests/helpers/context.js';

// /robots.txt and /sitemap.xml (issue 18, item 3): the directories of schémas and actors, published
// SPASERs and their bilans, actors' pages (issue 20), theme pages (issue 23), organisation pages; an index of parts above 50,000 addresses.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

describe('robots.txt and sitemap.xml', () => {
  it('robots.txt keeps crawlers out of the API and personal pages and names the sitemap', async () => {
    const res = await t.agent().get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('Disallow: /api/');
    expect(res.body).toContain('Disallow: /mon-profil');
    // The programme report's partner links carry a token: never crawled.
    expect(res.body).toContain('Disallow: /promotions/bilan/partage/');
    expect(res.body).toContain('Sitemap: http://entraide.test/sitemap.xml');
  });

  it('lists the three directories, published schémas and their bilans (not drafts, not withdrawn ones) and organisation pages', async () => {
    const org = await t.createOrganisation({ name: 'Valbourg', kind: 'commune' });
    const writer = await t.loggedIn({ verifiedIn: [org.id] });
    const make = async (title: string) => (await writer.agent.post('/api/spasers', { organisationId: org.id, title, periodStart: 2026, periodEnd: 2028 })).json().id as string;
    const [kept, draft, withdrawn] = [await make('Schéma publié'), await make('Brouillon'), await make('Schéma retiré')];
    const paths: Record<string, string> = {};
    for (const id of [kept, withdrawn]) {
      expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération 12' })).statusCode).toBe(200);
      paths[id] = (await writer.agent.post(`/api/spasers/${id}/publication`)).json().path;
      const bilan = await writer.agent.post(`/api/spasers/${id}/bilan/publications`);
      expect(bilan.statusCode, bilan.body).toBe(201);
      paths[`${id}:bilan`] = bilan.json().path;
    }
    await writer.agent.delete(`/api/spasers/${withdrawn}/publication`);
    // The support actors of the reference, one of them archived.
    expect(await seedActors(t.deps)).toBeGreaterThan(1);
    await t.deps.db.execute(sql`UPDATE actors SET archived_at = now() WHERE id = (SELECT id FROM actors ORDER BY id LIMIT 1)`);

    const res = await t.agent().get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const urls = locs(res.body);
    expect(urls.slice(0, 3)).toEqual(['http://entraide.test/schemas', 'http://entraide.test/acteurs', 'http://entraide.test/formations']);
    expect(urls).toContain(`http://entraide.test${paths[kept]}`);
    expect(urls).toContain(`http://entraide.test${paths[`${kept}:bilan`]}`);
    expect(paths[`${kept}:bilan`]).toBe(`${paths[kept]}/bilan`);
    expect(urls).not.toContain(`http://entraide.test${paths[withdrawn]}`);
    expect(urls).not.toContain(`http://entraide.test${paths[`${withdrawn}:bilan`]}`);
    expect(urls.some((u) => u.includes('brouillon'))).toBe(false);
    expect(draft).toBeTruthy();
    expect(urls).toContain(`http://entraide.test/organisations/${org.id}`);
    // Every actor's page, not an archived one's.
    const actors = await rows<{ id: string; archived: boolean }>(t.deps.db, sql`SELECT id, archived_at IS NOT NULL AS archived FROM actors`);
    for (const a of actors) expect(urls.includes(`http://entraide.test/acteurs/${a.id}`), a.id).toBe(!a.archived);
    const listed = actors.filter((a) => !a.archived).length;
    // The theme pages (issue 23, item 9): the list and one page per theme.
    expect(urls).toContain('http://entraide.test/themes');
    for (const k of themeKeys) expect(urls).toContain(`http://entraide.test/themes/${k}`);
    // The three directories (no course is published here), the published schéma and its bilan, the
    // actors, the theme pages, one address per organisation: nothing else.
    const [{ n }] = (await rows<{ n: number }>(t.deps.db, sql`SELECT count(*)::int AS n FROM organisations`)) as [{ n: number }];
    expect(urls.length).toBe(3 + 2 + listed + 1 + themeKeys.length + n);
  });

  it('above 50,000 addresses: an index of parts, each at most 50,000', async () => {
    const [{ before }] = (await rows<{ before: number }>(t.deps.db, sql`SELECT count(*)::int AS before FROM organisations`)) as [{ before: number }];
    // 50,001 organisations: 2 organisation parts, whatever the other pages.
    const extra = 50_001 - before;
    await t.deps.db.execute(sql`
      INSERT INTO organisations (name, kind, source, created_at, updated_at)
      SELECT 'Commune de test ' || i, 'commune', 'admin', now(), now() FROM generate_series(1, ${extra}) AS i`);
    const index = await t.agent().get('/sitemap.xml');
    expect(index.body).toContain('<sitemapindex');
    expect(locs(index.body)).toEqual([
      'http://entraide.test/sitemap-schemas.xml',
      'http://entraide.test/sitemap-organisations-1.xml',
      'http://entraide.test/sitemap-organisations-2.xml',
    ]);
    expect(locs((await t.agent().get('/sitemap-organisations-1.xml')).body).length).toBe(50_000);
    expect(locs((await t.agent().get('/sitemap-organisations-2.xml')).body).length).toBe(1);
    // The three directories, the schéma and its bilan, the actors not archived (previous test) and the theme pages.
    const [{ actors }] = (await rows<{ actors: number }>(t.deps.db, sql`SELECT count(*)::int AS actors FROM actors WHERE archived_at IS NULL`)) as [{ actors: number }];
    expect(locs((await t.agent().get('/sitemap-schemas.xml')).body).length).toBe(5 + actors + 1 + themeKeys.length);
    expect((await t.agent().get('/sitemap-organisations-3.xml')).statusCode).toBe(404);
  });
});
