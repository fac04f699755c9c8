import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codevFixture, runWholeSession } from '../../src/server/codev/codev.fixtures.js';
import { PASSWORD, createTestContext, type TestContext } from '../helpers/context.js';

/**
 * Issue 12, item 7, in a cohort: a participant who answered the start questionnaire and brought the
 * case of a co-development session downloads their data, then deletes their account. Expected values
 * are worked out by hand from this file and the fixture (codev.fixtures.ts: « Mission SPASER », the
 * client is « Prénom1 Nom01 » of « Organisation 1 » in « Groupe A », 11 participants in all).
 */
let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;
let surveyId: string;
let archivedResourceId: string;
const Q_ABLE = 'Vous sentez-vous capable de déployer un SPASER ?';
const Q_PUBLISH = 'Prévoyez-vous de publier un SPASER dans les six mois ?';
const Q_TEXT = 'Qu’attendez-vous de la promotion ?';
const SUBJECT = 'Gouvernance du SPASER avec les élus';
const notes = ['Notre SPASER est voté.', 'Un comité annuel.', 'Comment impliquer les élus ?', 'Trois indicateurs.', 'Un tableau de bord pour mars.', 'Formuler une demande précise.'];

const at = (iso: string) => t.clock.set(new Date(iso));
const toMinute = (v: unknown): unknown =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)
    ? v.slice(0, 16)
    : Array.isArray(v)
      ? v.map(toMinute)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toMinute(x)]))
        : v;

const raw = (res: unknown) => (res as { rawPayload: Buffer }).rawPayload;

async function pdfText(buf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    texts.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return texts.join('\n');
}

beforeAll(async () => {
  t = await createTestContext();
  at('2026-11-26T15:00:00Z');
  f = await codevFixture(t);
  const created = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/surveys`, {
    phase: 'start',
    title: 'Questionnaire de décollage',
    opensAt: '2026-11-26T17:00',
    closesAt: '2026-12-10T18:00',
    questions: [
      { kind: 'scale', label: Q_ABLE },
      { kind: 'single', label: Q_PUBLISH, options: ['Oui', 'Non'] },
      { kind: 'text', label: Q_TEXT, required: false },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  surveyId = created.json().id;
  const q = (await f.staff.agent.get(`/api/cohorts/surveys/${surveyId}`)).json().questions.map((x: { id: string }) => x.id) as string[];
  // 17:30 in Paris: the questionnaire is open.
  at('2026-11-26T16:30:00Z');
  const answer = (who: typeof f.client, answers: object) => who.agent.post(`/api/cohorts/surveys/${surveyId}/responses`, { answers });
  expect((await answer(f.client, { [q[0]!]: { scale: 4 }, [q[1]!]: { choices: [0] }, [q[2]!]: { text: 'Un appui' } })).statusCode).toBe(201);
  expect((await answer(f.consultant, { [q[0]!]: { scale: 2 }, [q[1]!]: { choices: [1] } })).statusCode).toBe(201);
  at('2026-11-26T16:35:00Z');
  await runWholeSession(f, notes);
  at('2026-11-26T16:40:00Z');
  // Archives the sheet in the library (the e-mails wait for 9:00 tomorrow).
  await t.drainJobs();
  archivedResourceId = (await f.consultant.agent.get(`/api/codev/sessions/${f.sessionId}/summary`)).json().resourceId;
  expect(archivedResourceId).toBeTruthy();
});
afterAll(() => t?.close());

describe('a cohort participant’s data (issue 12, item 7)', () => {
  it('item 7: the export holds the cohort role, the questionnaire answers, the codev group, session and notes', async () => {
    at('2026-11-26T17:00:00Z');
    const data = toMinute((await f.client.agent.get('/api/me/export')).json()) as Record<string, unknown>;
    expect(data.cohorts).toEqual({
      roles: [{ cohortId: f.cohortId, cohort: 'Mission SPASER', role: 'participant', organisation: 'Organisation 1', since: '2026-11-26T15:00' }],
      applications: [],
      attendance: [],
      surveyResponses: [
        {
          cohort: 'Mission SPASER',
          survey: 'Questionnaire de décollage',
          phase: 'start',
          submittedAt: '2026-11-26T16:30',
          answers: [
            { question: Q_ABLE, kind: 'scale', scale: 4 },
            { question: Q_PUBLISH, kind: 'single', choices: ['Oui'] },
            { question: Q_TEXT, kind: 'text', text: 'Un appui' },
          ],
        },
      ],
      cohortsCreated: [],
    });
    expect(data.codev).toEqual({
      groups: [{ cohort: 'Mission SPASER', group: 'Groupe A' }],
      sessions: [{ sessionId: f.sessionId, title: SUBJECT, role: 'caseOwner', status: 'ended', createdAt: '2026-11-26T15:00' }],
      notes: notes.map((body, i) => ({ session: SUBJECT, step: i + 1, body, createdAt: '2026-11-26T16:35', updatedAt: '2026-11-26T16:35' })),
      summariesSent: [],
    });
    // The session is an agenda event the group members were enrolled in (17:00–18:30 in Paris).
    expect(data.events).toMatchObject({
      registrations: [{ title: `Codéveloppement — Groupe A : ${SUBJECT}`, kind: 'codev', startsAt: '2026-11-26T15:00', endsAt: '2026-11-26T16:30', status: 'registered', cancelledAt: null }],
    });
    // The archived sheet is reserved to a library group made of its recipients.
    expect((data.library as { groups: unknown }).groups).toEqual([{ name: `Groupe A — séance « ${SUBJECT} »`, since: '2026-11-26T16:40' }]);
  });

  it('item 7: after the deletion, the group, the sheet, its archive and the questionnaire results follow', async () => {
    const before = (await f.staff.agent.get(`/api/cohorts/surveys/${surveyId}/results`)).json();
    expect({ invited: before.invited, respondents: before.respondents }).toEqual({ invited: 11, respondents: 2 });

    // Her secret address of the cohort's calendar works until the deletion.
    const calendar = new URL((await f.client.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.calendarUrl).pathname;
    expect((await t.agent().get(calendar)).statusCode).toBe(200);

    at('2026-11-26T17:05:00Z');
    expect((await f.client.agent.post('/api/me/delete', { password: PASSWORD, confirm: true })).statusCode).toBe(200);
    expect((await t.agent().get(calendar)).statusCode).toBe(404);
    at('2026-11-26T17:06:00Z');
    await t.drainJobs();

    // The group page lists the five other members; the session keeps its case under « Membre supprimé ».
    const codev = (await f.staff.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json();
    const groupA = codev.groups.find((g: { name: string }) => g.name === 'Groupe A');
    expect(groupA.members.map((m: { id: string }) => m.id).sort()).toEqual(f.members.slice(1).map((m) => m.user.id).sort());
    expect(groupA.sessions[0].caseOwner).toEqual({ id: f.client.user.id, firstName: 'Membre', lastName: 'supprimé' });
    expect(JSON.stringify(codev)).not.toContain('Prénom1 ');

    // The frozen sheet: her name replaced everywhere it was written.
    const sheet = (await f.consultant.agent.get(`/api/codev/sessions/${f.sessionId}/summary`)).json();
    expect(sheet.content.caseOwner).toBe('Membre supprimé');
    expect(sheet.content.participants).toContain('Membre supprimé');
    expect(sheet.content.participants).toHaveLength(6);
    expect(sheet.content.steps.flatMap((s: { entries: { author: string }[] }) => s.entries.map((e) => e.author))).toEqual(Array(6).fill('Membre supprimé'));
    expect(JSON.stringify(sheet)).not.toContain('Nom01');
    expect(await pdfText(raw(await f.consultant.agent.get(`/api/codev/sessions/${f.sessionId}/summary.pdf`)))).not.toContain('Nom01');

    // Archived again from the rewritten sheet: the old archive is gone, the new one names nobody deleted.
    expect(sheet.resourceId).not.toBe(archivedResourceId);
    expect((await f.consultant.agent.get(`/api/library/resources/${archivedResourceId}`)).statusCode).toBe(404);
    const archive = (await f.consultant.agent.get(`/api/library/resources/${sheet.resourceId}`)).json();
    expect(archive.bodyHtml).toContain('Membre supprimé');
    expect(archive.bodyHtml).not.toContain('Nom01');
    const file = await f.consultant.agent.get(archive.files[0].downloadUrl);
    const text = await pdfText(raw(file));
    expect(text).toContain('Membre supprimé');
    expect(text).not.toContain('Nom01');

    // Her answers left the results, and she left the participants: 10 invited, 1 respondent.
    const after = (await f.staff.agent.get(`/api/cohorts/surveys/${surveyId}/results`)).json();
    expect({ invited: after.invited, respondents: after.respondents }).toEqual({ invited: 10, respondents: 1 });
    expect(after.questions[2].texts).toEqual([]);
    // The public page of the cohort counts the participants without her.
    expect((await t.agent().get(`/api/cohorts/${f.cohortId}`)).json().acceptedCount).toBe(10);
  });
});
