import { eq, sql } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { libraryResources } from '../../library/library.tables.js';
import { readableResourceSql } from '../../library/resources/resources.service.js';
import { rows } from '../../platform/db.js';
import { jobs } from '../../platform/jobs.tables.js';
import { codevSummaries } from '../codev.tables.js';
import { codevFixture, runWholeSession } from '../codev.fixtures.js';
import { SUMMARY_JOB, summaryDueAt } from './summary.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({}, { restartable: true });
});
afterAll(() => t?.close());

const notes = [
  'Notre SPASER est voté mais les élus ne suivent pas sa mise en œuvre.',
  'Il existe un comité de pilotage annuel, sans indicateurs.',
  'Comment impliquer les élus dans le suivi du SPASER ?',
  'Présenter trois indicateurs simples en commission chaque trimestre.',
  'Objectif : un tableau de bord pour mars ; étapes : choisir 3 indicateurs, valider avec la DGS.',
  'J’ai appris à formuler une demande précise au groupe.',
];

async function pdfText(buf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    texts.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return texts.join('\n');
}

describe('when the sheet is due', () => {
  it('is the 9:00 Paris after the session’s event end, or after its real end when that is later', () => {
    // Run a day early (ended Wednesday 2 December 2026 at 18:00 Paris) for an event ending Thursday 3 at 11:30 Paris:
    // due Friday 4 at 9:00 Paris (UTC+1) = 08:00 UTC.
    expect(summaryDueAt(new Date('2026-12-02T17:00:00Z'), new Date('2026-12-03T10:30:00Z')).toISOString()).toBe('2026-12-04T08:00:00.000Z');
    // Overran until Friday 4 at 9:30 Paris for an event that ended Thursday 3 at 18:00 Paris: due Saturday 5 at 9:00 Paris.
    expect(summaryDueAt(new Date('2026-12-04T08:30:00Z'), new Date('2026-12-03T17:00:00Z')).toISOString()).toBe('2026-12-05T08:00:00.000Z');
  });
});

describe('summary sheet: next morning 9:00 Paris, once per participant, across a restart', () => {
  it('is scheduled at the next 9:00 in Paris across the spring DST change, survives a restart, and sends exactly one e-mail per participant', async () => {
    // Saturday 27 March 2027, 19:50 Paris (UTC+1): the session runs; it ends at 20:00 Paris = 19:00 UTC.
    t.clock.set(new Date('2027-03-27T18:50:00Z'));
    const f = await codevFixture(t);
    // The session's event sends its invitations at once (its date, 26 November 2026, is past here: no reminders).
    await t.drainJobs();
    expect(t.smtp.received.map((m) => m.subject)).toEqual(Array(7).fill('Inscription confirmée : Codéveloppement — Groupe A : Gouvernance du SPASER avec les élus'));
    t.smtp.clear();
    await runWholeSession(f, notes);
    const s = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json();
    expect(s.state.status).toBe('ended');
    // Clocks go forward on Sunday 28 at 2:00: 9:00 Paris is then UTC+2, i.e. 07:00 UTC.
    expect(s.summaryDueAt).toBe('2027-03-28T07:00:00.000Z');

    // The sheet is archived now, readable by the group, as HTML data and as a PDF.
    const sheet = (await f.consultant.agent.get(`/api/codev/sessions/${f.sessionId}/summary`)).json();
    expect(sheet.content.steps.map((x: { label: string; entries: { text: string }[] }) => [x.label, x.entries.map((e) => e.text)])).toEqual([
      ['Le cas exposé', [notes[0]]],
      ['Questions de clarification', [notes[1]]],
      ['La demande (contrat de consultation)', [notes[2]]],
      ['Les idées principales de la consultation', [notes[3]]],
      ["Le plan d'action", [notes[4]]],
      ['Les apprentissages', [notes[5]]],
    ]);
    expect(sheet.participantCount).toBe(7);
    const pdf = await f.consultant.agent.get(`/api/codev/sessions/${f.sessionId}/summary.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText((pdf as unknown as { rawPayload: Buffer }).rawPayload);
    expect(text).toContain('Fiche récapitulative');

    // Nothing goes before 9:00.
    t.clock.set(new Date('2027-03-28T06:59:00Z'));
    await t.drainJobs();
    // Only the daily digests of news went (07:00 Paris = 05:00 UTC, issue 16): the new cohort to every
    // member, and the session to group A; the staff member created both, so hears of neither.
    const digests = t.smtp.received.map((m) => [m.to, m.subject]).sort();
    expect(digests).toEqual(
      [
        ...f.members.map((m) => [m.user.email, 'Entraide : 2 nouveautés de la journée']),
        ...[...f.others, f.outsider].map((m) => [m.user.email, 'Entraide : 1 nouveauté de la journée']),
      ].sort(),
    );
    t.smtp.clear();

    // The process stops and another opens the same database.
    await t.restart();
    t.clock.set(new Date('2027-03-28T07:00:00Z'));
    await t.drainJobs();
    const recipients = [...f.members.map((m) => m.user.email), f.staff.user.email].sort();
    expect(t.smtp.received.map((m) => m.to).sort()).toEqual(recipients);
    const mail = t.smtp.to(f.consultant.user.email)[0]!;
    expect(mail.subject).toBe('Fiche récapitulative de votre séance de codéveloppement : Gouvernance du SPASER avec les élus');
    expect(mail.text).toContain('Comment impliquer les élus dans le suivi du SPASER ?');
    expect(mail.text).toContain(`http://entraide.test/codeveloppement/seances/${f.sessionId}/fiche`);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['fiche-recapitulative.pdf', 'application/pdf']]);
    expect(await pdfText(mail.attachments[0]!.content)).toContain('Comment impliquer les élus dans le suivi du SPASER ?');

    // Run again: a job enqueued twice, another restart, more drains — still one each.
    await t.deps.jobs.enqueue(SUMMARY_JOB, { sessionId: f.sessionId, userId: f.consultant.user.id });
    await t.restart();
    t.clock.advance(3600_000);
    await t.drainJobs();
    expect(t.smtp.received.length).toBe(7);
    expect(t.smtp.to(f.consultant.user.email).length).toBe(1);
    const left = await t.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, SUMMARY_JOB));
    expect(left.every((j) => j.status === 'done')).toBe(true);

    // Archived once in the library as a « fiche récapitulative » the group alone reads.
    const archived = (await t.db.select().from(codevSummaries).where(eq(codevSummaries.sessionId, f.sessionId)))[0]!;
    expect(archived.resourceId).not.toBeNull();
    const resources = await t.db.select().from(libraryResources).where(eq(libraryResources.sourceKey, `codev:${f.sessionId}`));
    expect(resources.map((r) => [r.kind, r.visibility, r.title])).toEqual([['summary_sheet', 'group', 'Fiche récapitulative — Gouvernance du SPASER avec les élus']]);
    // The library's own read rule: the group's members and facilitator, not another group, not an outsider.
    const readable = async (userId: string, staff = false) =>
      (await rows(t.db, sql`SELECT 1 FROM library_resources r WHERE r.id = ${archived.resourceId} AND ${readableResourceSql({ id: userId, staff, verified: true })}`)).length === 1;
    expect(await readable(f.consultant.user.id)).toBe(true);
    expect(await readable(f.client.user.id)).toBe(true);
    expect(await readable(f.others[0]!.user.id)).toBe(false);
    expect(await readable(f.outsider.user.id)).toBe(false);
    t.smtp.clear();
  }, 240_000);

  it('waits for the facilitator’s approval when the review setting is on', async () => {
    // Friday 27 November 2026, an early session ends before 8:00 Paris (UTC+1): due the same morning at 9:00 Paris, 08:00 UTC.
    t.clock.set(new Date('2026-11-27T06:30:00Z'));
    const f = await codevFixture(t, { reviewRequired: true });
    await t.drainJobs();
    t.smtp.clear();
    expect((await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/summary/approve`)).json().error).toBe('CODEV_SESSION_NOT_HAPPENED');
    await runWholeSession(f, notes);
    expect((await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().summaryDueAt).toBe('2026-11-27T08:00:00.000Z');
    t.clock.set(new Date('2026-11-27T10:00:00Z'));
    await t.drainJobs();
    expect(t.smtp.received).toEqual([]);
    const pending = (await f.staff.agent.get(`/api/codev/sessions/${f.sessionId}/summary`)).json();
    expect(pending).toMatchObject({ reviewRequired: true, approvedAt: null, sentCount: 0, can: { approve: true } });
    // Only the session's facilitator (or staff) approves.
    expect((await f.client.agent.post(`/api/codev/sessions/${f.sessionId}/summary/approve`)).statusCode).toBe(403);
    expect((await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/summary/approve`)).statusCode).toBe(200);
    expect((await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/summary/approve`)).json().error).toBe('CODEV_ALREADY_APPROVED');
    // 9:00 has passed: the e-mails leave at once.
    await t.drainJobs();
    expect(t.smtp.received.length).toBe(7);
    expect((await f.staff.agent.get(`/api/codev/sessions/${f.sessionId}/summary`)).json().sentCount).toBe(7);
  }, 240_000);
});
