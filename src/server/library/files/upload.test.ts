import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { makeDocx, makeHostileDocx, makePdf, multipart } from '../../../../tests/helpers/documents.js';
import { rows } from '../../platform/db.js';

// Uploads with a 1 MB limit: type recognised from the bytes, size, disguised files, unreadable PDFs,
// and nothing half-written (no row, no stored file, no temporary file) whenever an upload fails.
let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let facilitator: A;
let member: A;
let memberEmail: string;
let otherMember: A;

const post = (a: A, url: string, body: ReturnType<typeof multipart>) => a.request('POST', url, body.payload, { headers: body.headers });
const listDir = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
const stored = () => listDir(path.join(t.deps.config.dataDir, 'files', 'library'));
const staged = () => listDir(path.join(t.deps.config.dataDir, 'tmp', 'uploads'));
const resourceCount = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM library_resources`))[0]!.n;
const meta = (title: string, extra: Record<string, unknown> = {}) => ({ kind: 'template', title, ...extra });

beforeAll(async () => {
  t = await createTestContext({ LIBRARY_MAX_FILE_MB: '1' });
  const org = await t.createOrganisation();
  facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
  const m = await t.loggedIn({ verifiedIn: [org.id] });
  member = m.agent;
  memberEmail = m.user.email;
  otherMember = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
});
afterAll(() => t?.close());

/** A failed upload changes nothing: same number of rows, no stored file, no temporary file. */
async function expectNothingWritten(res: { statusCode: number; json: () => any }, status: number, error: string, before: { rows: number; files: number }) {
  expect(res.statusCode).toBe(status);
  expect(res.json().error).toBe(error);
  expect(await resourceCount()).toBe(before.rows);
  expect(stored()).toHaveLength(before.files);
  expect(staged()).toEqual([]);
}
const snapshot = async () => ({ rows: await resourceCount(), files: stored().length });

describe('accepted files', () => {
  it('recognises PDF, DOCX and XLSX from their bytes and keeps their names and sizes', async () => {
    const pdf = await makePdf(['Modèle de cahier des charges.']);
    const docx = await makeDocx(['Clause de réemploi du mobilier.']);
    const xlsx = fs.readFileSync(path.join(import.meta.dirname, '../../../../tests/fixtures/library/indicateurs.xlsx'));
    const res = await post(facilitator, '/api/library/resources', multipart(meta('Trois formats'), [
      { fileName: 'cahier.pdf', content: pdf },
      { fileName: 'Clause réemploi.docx', content: docx },
      { fileName: 'indicateurs.xlsx', content: xlsx },
    ]));
    expect(res.statusCode, res.body).toBe(201);
    await t.drainJobs();
    const r = (await member.get(`/api/library/resources/${res.json().id}`)).json();
    expect(r.files.map((f: any) => [f.fileName, f.kind, f.size, f.extractionStatus])).toEqual([
      ['cahier.pdf', 'pdf', pdf.length, 'done'],
      ['Clause réemploi.docx', 'docx', docx.length, 'done'],
      ['indicateurs.xlsx', 'xlsx', xlsx.length, 'not_applicable'],
    ]);
    expect(r.files[0].previewUrl).toBe(`${r.files[0].downloadUrl}?inline=1`);
    expect(r.files[1].previewUrl).toBeNull();
    const inline = await member.get(r.files[0].previewUrl);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    const word = await member.get(r.files[1].downloadUrl);
    expect(word.headers['content-disposition']).toBe(`attachment; filename="Clause reemploi.docx"; filename*=UTF-8''Clause%20r%C3%A9emploi.docx`);
    expect(stored()).toHaveLength(3);
    expect(staged()).toEqual([]);
  });

  it('a PDF that cannot be read is kept, downloadable, with an « unreadable » status', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nceci n’est pas un PDF complet\n');
    const res = await post(facilitator, '/api/library/resources', multipart(meta('PDF abîmé'), [{ fileName: 'abime.pdf', content: broken }]));
    expect(res.statusCode, res.body).toBe(201);
    await t.drainJobs();
    const r = (await member.get(`/api/library/resources/${res.json().id}`)).json();
    expect(r.files[0].extractionStatus).toBe('unreadable');
    expect(r.files[0].extractionReason).toBe('Le fichier est abîmé, protégé ou ne contient pas de texte lisible (document scanné).');
    expect((await member.get(r.files[0].downloadUrl)).statusCode).toBe(200);
    const [job] = await rows<{ status: string }>(t.db, sql`SELECT status FROM jobs WHERE kind = 'library.extract' AND payload->>'fileId' = ${r.files[0].id}`);
    expect(job!.status).toBe('done');
    // Searching still works, and finds the resource by its title.
    expect((await member.get('/api/library/resources?q=abime')).json().items.map((i: any) => i.title)).toEqual(['PDF abîmé']);
  });
});

describe('refused uploads write nothing', () => {
  it('a file over the size limit (1 MB here)', async () => {
    const before = await snapshot();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const res = await post(facilitator, '/api/library/resources', multipart(meta('Trop gros'), [{ fileName: 'gros.pdf', content: big }]));
    await expectNothingWritten(res, 413, 'FILE_TOO_LARGE', before);
    expect(res.json().fields.files).toBe('« gros.pdf » dépasse la taille maximale de 1 Mo.');
  });

  it('a program or a web page renamed .pdf, and a PDF renamed .docx', async () => {
    const before = await snapshot();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    const exeRes = await post(facilitator, '/api/library/resources', multipart(meta('Programme'), [{ fileName: 'guide.pdf', content: exe, type: 'application/pdf' }]));
    await expectNothingWritten(exeRes, 415, 'FILE_TYPE_REFUSED', before);
    expect(exeRes.json().fields.files).toContain('« guide.pdf » n\'est pas un PDF');
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    await expectNothingWritten(await post(facilitator, '/api/library/resources', multipart(meta('Page'), [{ fileName: 'page.pdf', content: html }])), 415, 'FILE_TYPE_REFUSED', before);
    const pdfAsDocx = await post(facilitator, '/api/library/resources', multipart(meta('Déguisé'), [{ fileName: 'modele.docx', content: await makePdf(['x']) }]));
    await expectNothingWritten(pdfAsDocx, 415, 'FILE_TYPE_MISMATCH', before);
    expect(pdfAsDocx.json().fields.files).toBe('« modele.docx » est en réalité un fichier PDF : renommez-le avec la bonne extension.');
  });

  it('a good file followed by a bad one: neither is kept', async () => {
    const before = await snapshot();
    const res = await post(facilitator, '/api/library/resources', multipart(meta('Mélange'), [
      { fileName: 'bon.pdf', content: await makePdf(['bon']) },
      { fileName: 'mauvais.pdf', content: Buffer.from('texte brut') },
    ]));
    await expectNothingWritten(res, 415, 'FILE_TYPE_REFUSED', before);
  });

  it('six files, a missing or unreadable `data` field, invalid metadata', async () => {
    const before = await snapshot();
    const pdf = await makePdf(['x']);
    const six = Array.from({ length: 6 }, (_, i) => ({ fileName: `f${i}.pdf`, content: pdf }));
    const tooMany = await post(facilitator, '/api/library/resources', multipart(meta('Six'), six));
    await expectNothingWritten(tooMany, 400, 'TOO_MANY_FILES', before);
    expect(tooMany.json().fields.files).toBe('5 fichiers au plus.');
    await expectNothingWritten(await post(facilitator, '/api/library/resources', multipart(undefined, [{ fileName: 'a.pdf', content: pdf }])), 400, 'UPLOAD_MALFORMED', before);
    const notJson = await post(facilitator, '/api/library/resources', multipart('{titre', [{ fileName: 'a.pdf', content: pdf }]));
    await expectNothingWritten(notJson, 400, 'UPLOAD_MALFORMED', before);
    expect(notJson.json().fields.data).toBe('Les informations de la ressource sont illisibles.');
    const invalid = await post(facilitator, '/api/library/resources', multipart({ kind: 'roman', title: ' ', links: [{ label: 'Vidéo', url: 'javascript:alert(1)' }], visibility: 'group' }, [{ fileName: 'a.pdf', content: pdf }]));
    await expectNothingWritten(invalid, 400, 'VALIDATION', before);
    expect(invalid.json().fields).toEqual({
      kind: 'Choisissez le type de ressource.',
      title: 'Saisissez le titre.',
      'links.0.url': "L'adresse doit commencer par https:// ou http://.",
    });
    const noGroup = await post(facilitator, '/api/library/resources', multipart(meta('Sans groupe', { visibility: 'group' }), [{ fileName: 'a.pdf', content: pdf }]));
    await expectNothingWritten(noGroup, 400, 'VALIDATION', before);
    expect(noGroup.json().fields).toEqual({ groupId: 'Choisissez le groupe de membres.' });
    const unknownGroup = await post(facilitator, '/api/library/resources', multipart(meta('Groupe inconnu', { visibility: 'group', groupId: '00000000-0000-4000-8000-000000000000' }), [{ fileName: 'a.pdf', content: pdf }]));
    await expectNothingWritten(unknownGroup, 400, 'AUDIENCE_UNKNOWN', before);
  });

  it('a JSON body instead of a form', async () => {
    const before = await snapshot();
    const res = await facilitator.post('/api/library/resources', meta('JSON'));
    await expectNothingWritten(res, 400, 'UPLOAD_MALFORMED', before);
  });
});

describe('proposals and review', () => {
  it('a member proposes, a facilitator rejects with a message then another is approved; the member is e-mailed', async () => {
    const spaceProposal = await post(member, '/api/library/proposals', multipart(meta('Pour mon espace', { visibility: 'space', spaceId: '00000000-0000-4000-8000-000000000000' })));
    expect(spaceProposal.statusCode).toBe(403);
    expect(spaceProposal.json().error).toBe('PROPOSAL_AUDIENCE');

    const proposed = await post(member, '/api/library/proposals', multipart(meta('Modèle de grille de notation', { visibility: 'verified' }), [{ fileName: 'grille.pdf', content: await makePdf(['Grille de notation pondérée']) }]));
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().id;
    // Only the proposer and facilitators see a proposal, anywhere.
    expect((await member.get(`/api/library/resources/${id}`)).json().status).toBe('proposed');
    expect((await otherMember.get(`/api/library/resources/${id}`)).statusCode).toBe(404);
    const fileUrl = (await member.get(`/api/library/resources/${id}`)).json().files[0].downloadUrl;
    expect((await otherMember.get(fileUrl)).statusCode).toBe(404);
    await t.drainJobs();
    expect((await otherMember.get('/api/library/resources?q=notation')).json().total).toBe(0);
    expect((await facilitator.get('/api/library/resources?q=notation')).json().total).toBe(0);
    const queue = (await facilitator.get('/api/library/proposals')).json();
    expect(queue.items.map((i: any) => [i.title, i.proposedBy.email])).toEqual([['Modèle de grille de notation', memberEmail]]);

    const noMessage = await facilitator.post(`/api/library/resources/${id}/review`, { decision: 'reject' });
    expect(noMessage.statusCode).toBe(400);
    expect(noMessage.json().fields.message).toBe('Expliquez au membre pourquoi la ressource est refusée.');
    expect((await facilitator.post(`/api/library/resources/${id}/review`, { decision: 'reject', message: 'Une grille existe déjà dans la boîte à outils.' })).statusCode).toBe(200);
    expect((await facilitator.post(`/api/library/resources/${id}/review`, { decision: 'approve' })).json().error).toBe('NOT_A_PROPOSAL');
    await t.drainJobs();
    const rejected = t.smtp.to(memberEmail).find((m) => m.subject === "Votre proposition « Modèle de grille de notation » n'a pas été retenue");
    expect(rejected?.text).toContain('Une grille existe déjà dans la boîte à outils.');
    expect((await member.get(`/api/library/resources/${id}`)).json()).toMatchObject({ status: 'rejected', reviewMessage: 'Une grille existe déjà dans la boîte à outils.' });

    const second = await post(member, '/api/library/proposals', multipart(meta('Modèle de convention de groupement', { visibility: 'verified' })));
    expect((await facilitator.post(`/api/library/resources/${second.json().id}/review`, { decision: 'approve', message: 'Merci !' })).statusCode).toBe(200);
    await t.drainJobs();
    expect(t.smtp.to(memberEmail).some((m) => m.subject === 'Votre ressource « Modèle de convention de groupement » est publiée' && m.text.includes('Merci !'))).toBe(true);
    expect((await otherMember.get(`/api/library/resources/${second.json().id}`)).json().status).toBe('published');
    expect((await t.agent().get(`/api/library/resources/${second.json().id}`)).statusCode).toBe(404);
  });
});

describe('hostile files (issue 11, item 1)', () => {
  it('item 1: a 60 kB DOCX expanding to 50 MB is « illisible » with its reason, and the server answers meanwhile', async () => {
    const bomb = await makeHostileDocx({ paragraphs: 1, runLength: 50 * 2 ** 20 });
    const res = await post(member, '/api/library/proposals', multipart(meta('Document piégé', { visibility: 'verified' }), [{ fileName: 'piege.docx', content: bomb }]));
    expect(res.statusCode, res.body).toBe(201);
    let extracted = false;
    const drained = t.drainJobs().then(() => (extracted = true));
    // The extraction runs in a child process: the server answers while it is in progress.
    const health = await t.agent().get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(extracted).toBe(false);
    await drained;
    const r = (await member.get(`/api/library/resources/${res.json().id}`)).json();
    expect(r.files[0]).toMatchObject({
      fileName: 'piege.docx',
      extractionStatus: 'unreadable',
      extractionReason: "Une fois décompressé, le document dépasserait 40 Mo : il n'a pas été ouvert.",
    });
    // Final: the job is done (not retried), the file is kept and downloadable.
    const [job] = await rows<{ status: string; attempts: number }>(t.db, sql`SELECT status, attempts FROM jobs WHERE kind = 'library.extract' AND payload->>'fileId' = ${r.files[0].id}`);
    expect(job).toEqual({ status: 'done', attempts: 1 });
    expect((await member.get(r.files[0].downloadUrl)).statusCode).toBe(200);
    expect((await t.agent().get('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('item 1: a DOCX lying about its expanded size is « illisible » too', async () => {
    const liar = await makeHostileDocx({ paragraphs: 1, runLength: 50 * 2 ** 20, declaredBytes: 1000 });
    const res = await post(facilitator, '/api/library/resources', multipart(meta('Document menteur'), [{ fileName: 'menteur.docx', content: liar }]));
    expect(res.statusCode, res.body).toBe(201);
    await t.drainJobs();
    const r = (await member.get(`/api/library/resources/${res.json().id}`)).json();
    expect(r.files[0]).toMatchObject({ extractionStatus: 'unreadable', extractionReason: "Le document se décompresse en plus de données qu'il n'en annonce : il n'a pas été ouvert." });
  });

  it('item 1: a file whose extraction job is given up after crashing the server twice is « illisible », said why', async () => {
    const res = await post(facilitator, '/api/library/resources', multipart(meta('Extraction abandonnée'), [{ fileName: 'lourd.pdf', content: await makePdf(['texte']) }]));
    expect(res.statusCode, res.body).toBe(201);
    const fileId = (await member.get(`/api/library/resources/${res.json().id}`)).json().files[0].id;
    // As the queue leaves it after a process died during its second attempt (the real kill is in
    // tests/integration/poison-jobs.test.ts): running, one crash counted, lease over.
    await t.db.execute(sql`UPDATE jobs SET status = 'running', attempts = 2, crashes = 1, locked_until = ${new Date(t.clock.now().getTime() - 1000)}
      WHERE kind = 'library.extract' AND payload->>'fileId' = ${fileId}`);
    await t.drainJobs();
    const [job] = await rows<{ status: string; crashes: number }>(t.db, sql`SELECT status, crashes FROM jobs WHERE kind = 'library.extract' AND payload->>'fileId' = ${fileId}`);
    expect(job).toEqual({ status: 'failed', crashes: 2 });
    const r = (await member.get(`/api/library/resources/${res.json().id}`)).json();
    expect(r.files[0]).toMatchObject({ extractionStatus: 'unreadable', extractionReason: 'La lecture du texte a été abandonnée après plusieurs interruptions du serveur.' });
  });
});
