import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { makePdf, multipart } from '../../../tests/helpers/documents.js';
import { createResource, upsertGroup } from './resources/resources.service.js';

let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let facilitator: A;
let member: A;
let memberId: string;
let outsider: A;

const post = (a: A, url: string, body: ReturnType<typeof multipart>) => a.request('POST', url, body.payload, { headers: body.headers });
const filesDir = () => path.join(t.deps.config.dataDir, 'files', 'library');
const storedFiles = () => (fs.existsSync(filesDir()) ? fs.readdirSync(filesDir()) : []);

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation();
  facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
  const m = await t.loggedIn({ verifiedIn: [org.id] });
  member = m.agent;
  memberId = m.user.id;
  outsider = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
});
afterAll(() => t?.close());

describe('publishing with a PDF', () => {
  it('stores the file, extracts its text in a job, and finds the resource by a word only in the PDF', async () => {
    const pdf = await makePdf(['Le référentiel mentionne la mutualisation des ressourceries intercommunales.']);
    const res = await post(facilitator, '/api/library/resources', multipart({ kind: 'guide', title: 'Guide du réemploi', summary: 'Pour commencer.', themes: ['economie_circulaire'], segments: ['39'] }, [{ fileName: 'guide.pdf', content: pdf }]));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(storedFiles()).toHaveLength(1);
    // Before the job: the word is nowhere in the row.
    expect((await member.get('/api/library/resources?q=ressourceries')).json().total).toBe(0);
    await t.drainJobs();
    const found = (await member.get('/api/library/resources?q=ressourcerie')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(found.items[0].excerptHtml).toContain('<mark>ressourceries</mark>');
    const detail = (await t.agent().get(`/api/library/resources/${id}`)).json();
    expect(detail.files[0]).toMatchObject({ fileName: 'guide.pdf', kind: 'pdf', extractionStatus: 'done', size: pdf.length });
    const download = await t.agent().get(detail.files[0].downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.from(download.body, 'latin1').subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the service API other modules call', () => {
  it('creates a resource reserved to a named group of members', async () => {
    const group = await upsertGroup(t.deps, { sourceKey: 'cohort:test', name: 'Promotion test', memberIds: [memberId] });
    expect(group.ok).toBe(true);
    const groupId = group.ok ? group.value.id : '';
    const created = await createResource(t.deps, { kind: 'summary_sheet', title: 'Fiche récapitulative séance 1', body: 'Le cas du **sourcing**.', visibility: 'group', groupId }, [], { createdBy: null, sourceKey: 'codev:1' });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    expect((await member.get(`/api/library/resources/${id}`)).statusCode).toBe(200);
    expect((await outsider.get(`/api/library/resources/${id}`)).statusCode).toBe(404);
    expect((await t.agent().get(`/api/library/resources/${id}`)).statusCode).toBe(404);
    // The same source twice is refused and writes nothing.
    const again = await createResource(t.deps, { kind: 'summary_sheet', title: 'Doublon', visibility: 'group', groupId }, [{ fileName: 'x.pdf', content: await makePdf(['x']) }], { createdBy: null, sourceKey: 'codev:1' });
    expect(again).toMatchObject({ ok: false, error: 'RESOURCE_SOURCE_EXISTS' });
    expect(storedFiles()).toHaveLength(1);
  });
});

describe('collections, managed by facilitators', () => {
  it('edits title, description and order, refuses unknown resources and bad input in French, and deletes', async () => {
    const make = async (title: string) => {
      const r = await createResource(t.deps, { kind: 'guide', title }, [], { createdBy: null });
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.value.id;
    };
    const [a, b, c] = [await make('Guide A'), await make('Guide B'), await make('Guide C')];
    const created = await facilitator.post('/api/library/collections', { title: 'Premiers pas', resourceIds: [a, b] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const put = await facilitator.put(`/api/library/collections/${id}`, { title: 'Premiers pas du SPASER', description: 'À lire dans cet ordre.', resourceIds: [c, a] });
    expect(put.statusCode, put.body).toBe(200);
    const page = (await member.get(`/api/library/collections/${id}`)).json();
    expect([page.title, page.description, page.items.map((i: { id: string }) => i.id), page.can.manage]).toEqual(['Premiers pas du SPASER', 'À lire dans cet ordre.', [c, a], false]);

    const bad = await facilitator.put(`/api/library/collections/${id}`, { title: ' ', resourceIds: [a, '00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ title: 'Saisissez le titre de la collection.' });
    const unknown = await facilitator.put(`/api/library/collections/${id}`, { title: 'X', resourceIds: [a, '00000000-0000-4000-8000-000000000000'] });
    expect(unknown.json()).toMatchObject({ error: 'UNKNOWN_RESOURCES', fields: { resourceIds: "Une des ressources choisies n'existe pas." } });
    expect((await member.put(`/api/library/collections/${id}`, { title: 'Membre' })).statusCode).toBe(403);
    expect((await member.delete(`/api/library/collections/${id}`)).statusCode).toBe(403);
    expect((await member.get(`/api/library/collections/${id}`)).json().title).toBe('Premiers pas du SPASER');

    expect((await facilitator.delete(`/api/library/collections/${id}`)).statusCode).toBe(200);
    expect((await member.get(`/api/library/collections/${id}`)).statusCode).toBe(404);
    expect((await facilitator.delete(`/api/library/collections/${id}`)).statusCode).toBe(404);
    // The resources stay.
    expect((await member.get(`/api/library/resources/${a}`)).statusCode).toBe(200);
  });
});
