import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { makeDocx, makePdf, multipart } from '../../../tests/helpers/documents.js';
import { rows } from '../platform/db.js';

// Evidence files of indicator values (issue 17, item 4) through HTTP with a 1 MB limit: an editor
// uploads, readers of the schéma download, a figure points at a file of its own schéma only, a file
// still cited cannot be removed, and every refused upload leaves nothing (no row, no stored file, no
// temporary file).

let t: TestContext;
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;
let org: { id: string };
let editor: Member;
let reader: Member;
let outsider: Member;
let spaserId: string;
let otherSpaserId: string;

const upload = (m: Member, id: string, files: { fileName: string; content: Buffer }[]) => {
  const body = multipart(undefined, files);
  return m.agent.request('POST', `/api/spasers/${id}/evidence`, body.payload, { headers: body.headers });
};
const listDir = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
const storedFiles = () => listDir(path.join(t.deps.config.dataDir, 'files', 'spaser'));
const stagedFiles = () => listDir(path.join(t.deps.config.dataDir, 'tmp', 'uploads'));
const evidenceRows = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM spaser_evidence_files`))[0]!.n;

/** An indicator in hours with one yearly value of 2027 citing `fileId`. */
const indicatorCiting = (fileId: string | null) => [
  {
    id: 'heures',
    name: "Heures d'insertion réalisées",
    category: 'insertion',
    unit: 'hours',
    perBuyer: [{ organisationId: org.id, values: [{ year: 2027, value: 1200, source: 'Bilan du facilitateur', evidenceFileId: fileId }] }],
  },
];
const saveIndicators = async (version: number, fileId: string | null) => editor.agent.put(`/api/spasers/${spaserId}/sections/indicators`, { version, body: indicatorCiting(fileId) });

beforeAll(async () => {
  t = await createTestContext({ LIBRARY_MAX_FILE_MB: '1' });
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  org = await t.createOrganisation({ name: 'Ville de Bréhat-sur-Lie' });
  editor = await t.loggedIn({ verifiedIn: [org.id] });
  reader = await t.loggedIn({ verifiedIn: [org.id] });
  const elsewhere = await t.createOrganisation({ name: 'Ailleurs' });
  outsider = await t.loggedIn({ verifiedIn: [elsewhere.id] });
  const created = await editor.agent.post('/api/spasers', { organisationId: org.id, title: 'SPASER 2026-2028', periodStart: 2026, periodEnd: 2028 });
  spaserId = created.json().id;
  const other = await outsider.agent.post('/api/spasers', { organisationId: elsewhere.id, title: 'Autre', periodStart: 2026, periodEnd: 2028 });
  otherSpaserId = other.json().id;
});
afterAll(() => t?.close());

describe('SPASER evidence files', () => {
  it('an editor uploads a PDF; readers of the schéma download the same bytes; nobody else does', async () => {
    const pdf = await makePdf(['Bilan 2027 des heures d’insertion : 1 200 heures.']);
    const res = await upload(editor, spaserId, [{ fileName: 'Bilan insertion 2027.pdf', content: pdf }]);
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ fileName: 'Bilan insertion 2027.pdf', kind: 'pdf', size: pdf.length, downloadUrl: `/api/spasers/${spaserId}/evidence/${file.id}` });
    // The test clock runs on from 10:00 (it is set, not frozen).
    expect(file.uploadedAt).toMatch(/^2026-06-01T10:0/);
    expect((await reader.agent.get(`/api/spasers/${spaserId}`)).json().evidenceFiles).toEqual([file]);

    const download = await reader.agent.get(file.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Bilan insertion 2027.pdf"; filename*=UTF-8''Bilan%20insertion%202027.pdf`);
    expect(download.headers['cache-control']).toBe('private, no-store');
    // Someone who does not read the schéma gets the same answer as for a file that does not exist.
    expect((await outsider.agent.get(file.downloadUrl)).json().error).toBe('SPASER_NOT_FOUND');
    expect((await t.agent().get(file.downloadUrl)).statusCode).toBe(401);
    // Through another schéma's address: not found.
    expect((await outsider.agent.get(`/api/spasers/${otherSpaserId}/evidence/${file.id}`)).json().error).toBe('SPASER_EVIDENCE_NOT_FOUND');
  });

  it('a value cites a file of its own schéma only; a file still cited is not removed', async () => {
    const res = await upload(editor, spaserId, [{ fileName: 'attestation.docx', content: await makeDocx(['Attestation du facilitateur de clauses']) }]);
    const fileId = res.json().id as string;
    const foreign = (await upload(outsider, otherSpaserId, [{ fileName: 'autre.pdf', content: await makePdf(['Autre']) }])).json().id as string;

    // A file of another schéma, and an id that is no file: refused on the field, nothing saved.
    for (const wrong of [foreign, '7d1f6a52-3b1e-4c8e-9f4a-2f0e5b1c9d00']) {
      const refused = await saveIndicators(0, wrong);
      expect([refused.statusCode, refused.json().fields]).toEqual([400, { '0.perBuyer.0.values.0.evidenceFileId': 'Ce fichier justificatif n’appartient pas à ce schéma : envoyez-le à nouveau.' }]);
    }
    expect((await editor.agent.get(`/api/spasers/${spaserId}`)).json().sections.indicators.version).toBe(0);

    expect((await saveIndicators(0, fileId)).statusCode).toBe(200);
    const saved = (await reader.agent.get(`/api/spasers/${spaserId}`)).json().sections.indicators.body[0].perBuyer[0].values[0];
    expect(saved).toMatchObject({ year: 2027, value: 1200, evidenceFileId: fileId });

    // Cited: refused, kept. A reader may not remove it either.
    const inUse = await editor.agent.delete(`/api/spasers/${spaserId}/evidence/${fileId}`);
    expect([inUse.statusCode, inUse.json().error]).toEqual([409, 'SPASER_EVIDENCE_IN_USE']);
    expect((await reader.agent.delete(`/api/spasers/${spaserId}/evidence/${fileId}`)).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await reader.agent.get(`/api/spasers/${spaserId}/evidence/${fileId}`)).statusCode).toBe(200);

    // No longer cited: removed, with its stored bytes.
    const before = storedFiles().length;
    expect((await saveIndicators(1, null)).statusCode).toBe(200);
    expect((await editor.agent.delete(`/api/spasers/${spaserId}/evidence/${fileId}`)).statusCode).toBe(200);
    expect(storedFiles().length).toBe(before - 1);
    expect((await reader.agent.get(`/api/spasers/${spaserId}/evidence/${fileId}`)).json().error).toBe('SPASER_EVIDENCE_NOT_FOUND');
    expect((await editor.agent.get(`/api/spasers/${spaserId}`)).json().evidenceFiles.map((f: { id: string }) => f.id)).not.toContain(fileId);
  });

  it('refused uploads: reader, outsider, wrong type, disguised file, too large, no file — French message on the field, nothing written', async () => {
    const before = { rows: await evidenceRows(), files: storedFiles().length };
    const pdf = await makePdf(['x']);
    const cases: [Member, { fileName: string; content: Buffer }[], number, string, Record<string, string> | undefined][] = [
      [reader, [{ fileName: 'a.pdf', content: pdf }], 403, 'SPASER_EDIT_FORBIDDEN', undefined],
      [outsider, [{ fileName: 'a.pdf', content: pdf }], 404, 'SPASER_NOT_FOUND', undefined],
      [editor, [{ fileName: 'notes.txt', content: Buffer.from('de simples notes\n') }], 415, 'FILE_TYPE_REFUSED', { file: "« notes.txt » n'est pas un PDF, un document Word (DOCX), un tableur Excel (XLSX) ou un document OpenDocument (ODT)." }],
      [editor, [{ fileName: 'bilan.pdf', content: await makeDocx(['en réalité un DOCX']) }], 415, 'FILE_TYPE_MISMATCH', { file: '« bilan.pdf » est en réalité un fichier DOCX : renommez-le avec la bonne extension.' }],
      // 1 MB + 1 byte over the configured 1 MB: the PDF signature first, so only the size can refuse it.
      [editor, [{ fileName: 'gros.pdf', content: Buffer.concat([pdf, Buffer.alloc(2 ** 20 + 1 - pdf.length + 1, 0x20)]) }], 413, 'FILE_TOO_LARGE', { file: '« gros.pdf » dépasse la taille maximale de 1 Mo.' }],
      [editor, [], 400, 'UPLOAD_MALFORMED', { file: 'Choisissez un fichier à envoyer.' }],
    ];
    for (const [who, files, status, error, fields] of cases) {
      const res = await upload(who, spaserId, files);
      expect([res.statusCode, res.json().error, res.json().fields], error).toEqual([status, error, fields]);
      expect(await evidenceRows()).toBe(before.rows);
      expect(storedFiles().length).toBe(before.files);
      expect(stagedFiles()).toEqual([]);
    }
    // Not multipart at all.
    const json = await editor.agent.post(`/api/spasers/${spaserId}/evidence`, { file: 'x' });
    expect([json.statusCode, json.json().fields]).toEqual([400, { file: 'Choisissez un fichier à envoyer.' }]);
    expect(await evidenceRows()).toBe(before.rows);
  });
});
