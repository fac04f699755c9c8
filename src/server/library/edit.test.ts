import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { makeDocx, makePdf, multipart } from '../../../tests/helpers/documents.js';
import { rows } from '../platform/db.js';

/**
 * Editing a published resource (PATCH /api/library/resources/:id, facilitators): metadata, files
 * removed and added, the edit trace, the search index in the same transaction, bad input changing
 * nothing, and a new audience applied at once on every read path.
 */
let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let facilitator: A;
let member: A;
let orgId: string;

const send = (a: A, method: 'POST' | 'PATCH', url: string, body: ReturnType<typeof multipart>) => a.request(method, url, body.payload, { headers: body.headers });
const storedDir = () => path.join(t.deps.config.dataDir, 'files', 'library');
const stored = () => (fs.existsSync(storedDir()) ? fs.readdirSync(storedDir()).sort() : []);
const staged = () => {
  const dir = path.join(t.deps.config.dataDir, 'tmp', 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
const revisions = async (id: string) =>
  rows<{ changed: string[]; previous: Record<string, unknown>; edited_by: string }>(t.db, sql`SELECT changed, previous, edited_by FROM library_resource_revisions WHERE resource_id = ${id} ORDER BY edited_at`);

let facilitatorId = '';
beforeAll(async () => {
  t = await createTestContext({ LIBRARY_MAX_FILE_MB: '1' });
  const org = await t.createOrganisation({ name: 'Métropole de Lyon' });
  orgId = org.id;
  const f = await t.loggedIn({ role: 'facilitator', firstName: 'Anne', lastName: 'Animatrice' });
  facilitator = f.agent;
  facilitatorId = f.user.id;
  member = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
});
afterAll(() => t?.close());

/** A published resource with two PDFs: « lombricompostage » is only in the first, « méthanisation » only in the second. */
async function publish(title = 'Guide du compostage') {
  const res = await send(facilitator, 'POST', '/api/library/resources', multipart(
    { kind: 'guide', title, summary: 'Pour les cantines.', themes: ['alimentation'], links: [{ label: 'Vidéo', url: 'https://video.example/1' }] },
    [
      { fileName: 'partie1.pdf', content: await makePdf(['Le lombricompostage en établissement scolaire.']) },
      { fileName: 'partie2.pdf', content: await makePdf(['La méthanisation des biodéchets.']) },
    ],
  ));
  expect(res.statusCode, res.body).toBe(201);
  await t.drainJobs();
  const id = res.json().id as string;
  return { id, files: (await facilitator.get(`/api/library/resources/${id}`)).json().files as { id: string; fileName: string }[] };
}

describe('editing the metadata', () => {
  it('changes title, kind, themes, links, licence and producer; search follows in the same transaction; the page says who edited when', async () => {
    const { id } = await publish();
    const before = (await member.get(`/api/library/resources/${id}`)).json();
    expect(before.lastEdit).toBeNull();
    expect(before.can).toEqual({ review: false, delete: false, edit: false });
    expect(before.editable).toBeNull();
    expect((await facilitator.get(`/api/library/resources/${id}`)).json().can.edit).toBe(true);

    t.clock.set(new Date('2026-03-04T09:30:00Z'));
    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({
      title: 'Guide de la gestion des biodéchets',
      kind: 'template',
      themes: ['economie_circulaire'],
      links: [{ label: 'Vidéo', url: 'https://video.example/1' }, { label: 'Fiche ADEME', url: 'https://ademe.example/fiche' }],
      licence: 'Licence Ouverte 2.0',
      producer: 'Métropole de Lyon',
      organisationId: orgId,
    }));
    expect(res.statusCode, res.body).toBe(200);

    const after = (await member.get(`/api/library/resources/${id}`)).json();
    expect(after).toMatchObject({
      title: 'Guide de la gestion des biodéchets',
      kind: 'template',
      summary: 'Pour les cantines.',
      themes: ['economie_circulaire'],
      licence: 'Licence Ouverte 2.0',
      producer: 'Métropole de Lyon',
      organisation: { id: orgId, name: 'Métropole de Lyon' },
      lastEdit: { by: 'Anne Animatrice' },
    });
    expect(after.lastEdit.at).toMatch(/^2026-03-04T09:30:0/);
    expect(after.links).toHaveLength(2);
    // Anonymous readers see that it was edited, not by whom.
    expect((await t.agent().get(`/api/library/resources/${id}`)).json().lastEdit).toEqual({ at: after.lastEdit.at, by: null });

    expect(ids((await member.get('/api/library/resources?q=biodechets')).json())).toContain(id);
    expect(ids((await member.get(`/api/library/resources?q=${encodeURIComponent('compostage cantines')}`)).json())).not.toContain(id);
    expect(ids((await member.get('/api/library/resources?kind=template')).json())).toEqual([id]);

    const [rev] = await revisions(id);
    expect(rev!.edited_by).toBe(facilitatorId);
    expect(rev!.changed.sort()).toEqual(['kind', 'licence', 'links', 'organisationId', 'producer', 'themes', 'title']);
    expect(rev!.previous).toMatchObject({ title: 'Guide du compostage', kind: 'guide', themes: ['alimentation'], licence: '', producer: '', organisationId: null });
  });

  it('refuses bad input with French messages per field and changes nothing', async () => {
    const { id } = await publish('Guide des nappes phréatiques');
    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: '  ', links: [{ label: 'Site', url: 'ftp://x' }], themes: ['inconnu'], removeFileIds: ['pas-un-id'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      title: 'Saisissez le titre.',
      'links.0.url': "L'adresse doit commencer par https:// ou http://.",
      'themes.0': 'Thème inconnu.',
      'removeFileIds.0': 'Identifiant invalide.',
    });
    const r = (await member.get(`/api/library/resources/${id}`)).json();
    expect([r.title, r.lastEdit, r.files.length]).toEqual(['Guide des nappes phréatiques', null, 2]);
    expect(await revisions(id)).toEqual([]);
  });

  it('records nothing when nothing changes', async () => {
    const { id } = await publish('Guide inchangé');
    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: 'Guide inchangé', kind: 'guide' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(await revisions(id)).toEqual([]);
    expect((await member.get(`/api/library/resources/${id}`)).json().lastEdit).toBeNull();
  });
});

describe('editing the files', () => {
  it('removes a file (no row, no stored file, its words leave the search at once) and adds one (checked, extracted by the job)', async () => {
    const { id, files } = await publish('Guide des déchets verts');
    const before = stored();
    expect(ids((await member.get('/api/library/resources?q=lombricompostage')).json())).toContain(id);

    const docx = await makeDocx(['Le broyage des déchets verts sur place évite les transports.']);
    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ removeFileIds: [files[0]!.id] }, [{ fileName: 'broyage.docx', content: docx }]));
    expect(res.statusCode, res.body).toBe(200);

    const after = (await member.get(`/api/library/resources/${id}`)).json();
    expect(after.files.map((f: { fileName: string; extractionStatus: string }) => [f.fileName, f.extractionStatus])).toEqual([
      ['partie2.pdf', 'done'],
      ['broyage.docx', 'pending'],
    ]);
    expect((await member.get(`/api/library/files/${files[0]!.id}`)).statusCode).toBe(404);
    const now = stored();
    expect(now).toHaveLength(before.length);
    expect(before.filter((k) => !now.includes(k))).toHaveLength(1);
    expect(staged()).toEqual([]);
    // The removed PDF's words are gone with the edit's transaction; the other file's words stay.
    expect(ids((await member.get('/api/library/resources?q=lombricompostage')).json())).not.toContain(id);
    expect(ids((await member.get('/api/library/resources?q=methanisation')).json())).toContain(id);
    // The new file's words come with its extraction job.
    expect(ids((await member.get('/api/library/resources?q=broyage')).json())).toEqual([]);
    await t.drainJobs();
    expect(ids((await member.get('/api/library/resources?q=broyage')).json())).toEqual([id]);
    expect((await member.get(`/api/library/resources/${id}`)).json().files[1].extractionStatus).toBe('done');

    const [rev] = await revisions(id);
    expect(rev!.changed).toEqual(['files']);
    expect(rev!.previous).toEqual({ filesRemoved: ['partie1.pdf'], filesAdded: ['broyage.docx'] });
  });

  it('a disguised, too large or extra file, or a file of another resource, changes nothing', async () => {
    const { id, files } = await publish('Guide des composteurs partagés');
    const other = await publish('Autre guide');
    const before = stored();
    const disguised = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: 'Nouveau titre', removeFileIds: [files[0]!.id] }, [{ fileName: 'note.pdf', content: await makeDocx(['Un document Word.']) }]));
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json()).toMatchObject({ error: 'FILE_TYPE_MISMATCH', fields: { files: '« note.pdf » est en réalité un fichier DOCX : renommez-le avec la bonne extension.' } });

    const big = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: 'Nouveau titre' }, [{ fileName: 'gros.pdf', content: Buffer.concat([await makePdf(['x']), Buffer.alloc(1024 * 1024)]) }]));
    expect(big.statusCode).toBe(413);

    const pdf = await makePdf(['y']);
    const tooMany = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: 'Nouveau titre' }, [1, 2, 3, 4].map((i) => ({ fileName: `f${i}.pdf`, content: pdf }))));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: 'TOO_MANY_FILES', fields: { files: '5 fichiers au plus.' } });

    const foreign = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ title: 'Nouveau titre', removeFileIds: [other.files[0]!.id] }));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().fields).toEqual({ removeFileIds: "Un des fichiers à retirer n'est pas (ou plus) joint à cette ressource." });

    const r = (await member.get(`/api/library/resources/${id}`)).json();
    expect([r.title, r.files.length, r.lastEdit]).toEqual(['Guide des composteurs partagés', 2, null]);
    expect((await member.get(`/api/library/resources/${other.id}`)).json().files).toHaveLength(2);
    expect(stored()).toEqual(before);
    expect(staged()).toEqual([]);
  });
});

describe('access', () => {
  it('only facilitators edit: members (even of the producing organisation), visitors and unknown ids are refused', async () => {
    const { id } = await publish('Guide réservé');
    await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ organisationId: orgId }));
    const body = multipart({ title: 'Piraté' });
    expect((await send(member, 'PATCH', `/api/library/resources/${id}`, body)).statusCode).toBe(403);
    expect((await send(t.agent(), 'PATCH', `/api/library/resources/${id}`, body)).statusCode).toBe(401);
    expect((await send(facilitator, 'PATCH', '/api/library/resources/00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(404);
    expect((await member.get(`/api/library/resources/${id}`)).json().title).toBe('Guide réservé');
  });
});

describe('a new audience applies at once on every read path', () => {
  it('public → verified members: visitors lose it in the list, search, similar, collections, page and downloads', async () => {
    const { id, files } = await publish('Guide du paillage');
    const { id: neighbour } = await publish('Guide du paillage des massifs');
    const c = await facilitator.post('/api/library/collections', { title: 'Jardins', resourceIds: [id, neighbour] });
    expect(c.statusCode).toBe(201);
    const anonymous = t.agent();
    const seenBy = async (a: A) => ({
      list: ids((await a.get('/api/library/resources')).json()).includes(id),
      search: ids((await a.get('/api/library/resources?q=paillage')).json()).includes(id),
      similar: ids({ items: (await a.get(`/api/library/resources/${neighbour}`)).json().similar }).includes(id),
      collection: ids((await a.get(`/api/library/collections/${c.json().id}`)).json()).includes(id),
      page: (await a.get(`/api/library/resources/${id}`)).statusCode,
      download: (await a.get(`/api/library/files/${files[0]!.id}`)).statusCode,
    });
    const everywhere = { list: true, search: true, similar: true, collection: true, page: 200, download: 200 };
    expect(await seenBy(anonymous)).toEqual(everywhere);

    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ visibility: 'verified' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(await seenBy(anonymous)).toEqual({ list: false, search: false, similar: false, collection: false, page: 404, download: 404 });
    expect(await seenBy(member)).toEqual(everywhere);
    expect((await anonymous.get('/api/library/collections')).json().items.find((x: { id: string }) => x.id === c.json().id).resourcesCount).toBe(1);
  });

  it('a group audience needs an existing group', async () => {
    const { id } = await publish('Guide des haies');
    const res = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ visibility: 'group' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ groupId: 'Choisissez le groupe de membres.' });
    const unknown = await send(facilitator, 'PATCH', `/api/library/resources/${id}`, multipart({ visibility: 'group', groupId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.json()).toMatchObject({ error: 'AUDIENCE_UNKNOWN' });
    expect((await t.agent().get(`/api/library/resources/${id}`)).statusCode).toBe(200);
  });
});
