import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { makePdf } from '../../../tests/helpers/documents.js';
import { createPrivateSpace } from '../helpspace/spaces/spaces.service.js';
import { createResource, upsertGroup } from './resources/resources.service.js';

/**
 * The visibility matrix, over every read path (list, search, facet counts, resource page, file
 * download, similar resources, collections): four resources, one per audience, each with a PDF
 * holding the word « quinoa », read by six personas. Expected sets are written by hand below.
 */
let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
const personas = ['anonymous', 'unverified', 'verified', 'spaceMember', 'groupMember', 'facilitator'] as const;
type Persona = (typeof personas)[number];
const p = {} as Record<Persona, A>;
const ids = {} as Record<'public' | 'verified' | 'space' | 'group', string>;
const files = {} as Record<keyof typeof ids, string>;
let collectionId = '';
let groupId = '';

const expected: Record<Persona, (keyof typeof ids)[]> = {
  anonymous: ['public'],
  unverified: ['public'],
  verified: ['public', 'verified'],
  spaceMember: ['public', 'verified', 'space'],
  groupMember: ['public', 'verified', 'group'],
  facilitator: ['public', 'verified', 'space', 'group'],
};
const kindOf = { public: 'guide', verified: 'template', space: 'clause', group: 'summary_sheet' } as const;

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation();
  p.anonymous = t.agent();
  p.unverified = (await t.loggedIn({ pendingIn: [org.id] })).agent;
  p.verified = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
  const spaceMember = await t.loggedIn({ verifiedIn: [org.id] });
  p.spaceMember = spaceMember.agent;
  const groupMember = await t.loggedIn({ verifiedIn: [org.id] });
  p.groupMember = groupMember.agent;
  const facilitator = await t.loggedIn({ role: 'facilitator' });
  p.facilitator = facilitator.agent;

  const space = await createPrivateSpace(t.deps, { ...facilitator.user, verifiedOrganisationIds: [] }, { name: 'Promotion 2027', description: '', memberIds: [spaceMember.user.id] });
  const group = await upsertGroup(t.deps, { sourceKey: 'cohort:matrix', name: 'Groupe de codéveloppement', memberIds: [groupMember.user.id] });
  if (!space.ok || !group.ok) throw new Error('setup failed');
  groupId = group.value.id;
  const audiences = { public: {}, verified: {}, space: { spaceId: space.value.id }, group: { groupId } } as const;
  for (const v of ['public', 'verified', 'space', 'group'] as const) {
    const pdf = await makePdf([`Menus au quinoa, fiche ${v}.`]);
    const r = await createResource(
      t.deps,
      { kind: kindOf[v], title: `Restauration ${v}`, themes: ['alimentation'], visibility: v, ...audiences[v] },
      [{ fileName: `${v}.pdf`, content: pdf }],
      { createdBy: facilitator.user.id },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    ids[v] = r.value.id;
  }
  await t.drainJobs();
  for (const v of ['public', 'verified', 'space', 'group'] as const) files[v] = (await p.facilitator.get(`/api/library/resources/${ids[v]}`)).json().files[0].id;
  const c = await p.facilitator.post('/api/library/collections', { title: 'Restauration collective', resourceIds: [ids.group, ids.space, ids.verified, ids.public] });
  expect(c.statusCode).toBe(201);
  collectionId = c.json().id;
});
afterAll(() => t?.close());

const idsOf = (who: Persona) => expected[who].map((v) => ids[v]);
const sorted = (list: string[]) => [...list].sort();

describe('each persona sees exactly its audience, on every path', () => {
  it('list and search', async () => {
    for (const who of personas) {
      const list = (await p[who].get('/api/library/resources')).json();
      expect(sorted(list.items.map((i: { id: string }) => i.id)), who).toEqual(sorted(idsOf(who)));
      expect(list.total, who).toBe(expected[who].length);
      const found = (await p[who].get('/api/library/resources?q=quinoa')).json();
      expect(sorted(found.items.map((i: { id: string }) => i.id)), who).toEqual(sorted(idsOf(who)));
    }
  });

  it('facet counts', async () => {
    for (const who of personas) {
      const { facets } = (await p[who].get('/api/library/resources?q=quinoa')).json();
      expect(sorted(facets.kind.map((f: { value: string; count: number }) => `${f.value}:${f.count}`)), who).toEqual(sorted(expected[who].map((v) => `${kindOf[v]}:1`)));
      expect(facets.theme, who).toEqual([{ value: 'alimentation', count: expected[who].length }]);
      expect(facets.year.reduce((n: number, f: { count: number }) => n + f.count, 0), who).toBe(expected[who].length);
    }
  });

  it('resource pages and file downloads', async () => {
    for (const who of personas) {
      for (const v of ['public', 'verified', 'space', 'group'] as const) {
        const visible = expected[who].includes(v);
        expect((await p[who].get(`/api/library/resources/${ids[v]}`)).statusCode, `${who} ${v}`).toBe(visible ? 200 : 404);
        const download = await p[who].get(`/api/library/files/${files[v]}`);
        expect(download.statusCode, `${who} ${v} file`).toBe(visible ? 200 : 404);
        if (!visible) expect(download.body, `${who} ${v} file`).not.toContain('quinoa');
      }
    }
  });

  it('similar resources', async () => {
    for (const who of personas) {
      const page = (await p[who].get(`/api/library/resources/${ids.public}`)).json();
      expect(sorted(page.similar.map((s: { id: string }) => s.id)), who).toEqual(sorted(idsOf(who).filter((id) => id !== ids.public)));
    }
  });

  it('collections', async () => {
    const order = [ids.group, ids.space, ids.verified, ids.public];
    for (const who of personas) {
      const list = (await p[who].get('/api/library/collections')).json();
      expect(list.items[0].resourcesCount, who).toBe(expected[who].length);
      const page = (await p[who].get(`/api/library/collections/${collectionId}`)).json();
      expect(page.items.map((i: { id: string }) => i.id), who).toEqual(order.filter((id) => idsOf(who).includes(id)));
    }
  });

  it('a member removed from the group loses the resource everywhere', async () => {
    expect((await upsertGroup(t.deps, { sourceKey: 'cohort:matrix', name: 'Groupe de codéveloppement', memberIds: [] })).ok).toBe(true);
    expect((await p.groupMember.get(`/api/library/resources/${ids.group}`)).statusCode).toBe(404);
    expect((await p.groupMember.get(`/api/library/files/${files.group}`)).statusCode).toBe(404);
    expect((await p.groupMember.get('/api/library/resources?q=quinoa')).json().total).toBe(2);
  });
});
