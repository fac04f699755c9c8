import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { openEventStream } from '../../../tests/helpers/sse.js';
import { codevFixture } from './codev.fixtures.js';

let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-26T15:00:00Z'));
  f = await codevFixture(t);
});
afterAll(() => t?.close());

const session = () => `/api/codev/sessions/${f.sessionId}`;
const note = (step: number) => `${session()}/steps/${step}/notes/mine`;

describe('groups', () => {
  it('suggests groups over the cohort participants, or says why it cannot', async () => {
    // 11 participants of 11 organisations → 2 groups (6 and 5).
    const r = await f.staff.agent.post(`/api/codev/cohorts/${f.cohortId}/suggestion`);
    expect(r.statusCode).toBe(200);
    expect(r.json().groups.map((g: { name: string; memberIds: string[] }) => [g.name, g.memberIds.length])).toEqual([
      ['Groupe 1', 6],
      ['Groupe 2', 5],
    ]);
    expect((await f.client.agent.post(`/api/codev/cohorts/${f.cohortId}/suggestion`)).statusCode).toBe(403);
  });

  it('refuses groups that break the rules, with a French message per group, and changes nothing', async () => {
    const ids = f.members.map((m) => m.user.id);
    const before = (await f.staff.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json();
    const r = await f.staff.agent.put(`/api/codev/cohorts/${f.cohortId}/groups`, {
      groups: [
        { name: 'Petit', memberIds: ids.slice(0, 4) },
        { name: 'Doublon', memberIds: [ids[3], ...f.others.map((o) => o.user.id)] },
        { name: 'Intrus', memberIds: [f.outsider.user.id] },
      ],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({
      'groups.0.memberIds': 'Un groupe compte de 5 à 8 participants (celui-ci en compte 4).',
      'groups.1.memberIds': 'Une personne ne peut être que dans un seul groupe.',
      'groups.2.memberIds': 'Une des personnes choisies ne participe pas à la promotion.',
    });
    expect((await f.staff.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json()).toEqual(before);
  });

  it('shows a participant their own group only, and nothing to an outsider', async () => {
    const mine = (await f.client.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json();
    expect(mine.groups.map((g: { name: string }) => g.name)).toEqual(['Groupe A']);
    expect(mine.participants).toBeNull();
    expect(mine.groups[0].sessions[0].title).toBe('Gouvernance du SPASER avec les élus');
    const out = await f.outsider.agent.get(`/api/codev/cohorts/${f.cohortId}`);
    expect(out.statusCode).toBe(403);
  });
});

describe('a session: roles and the timer kept by the server', () => {
  it('refuses a client who is not in the group', async () => {
    const r = await f.staff.agent.post(`/api/codev/groups/${f.groupId}/sessions`, { title: 'Autre sujet', caseOwnerId: f.others[0]!.user.id, startsAt: '2026-12-01T10:00', endsAt: '2026-12-01T11:30', place: 'Salle 2' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({ caseOwnerId: 'Le client (porteur du sujet) doit être membre du groupe.' });
  });

  it('gives roles: the client, five consultants, the facilitator', async () => {
    const s = (await f.consultant.agent.get(session())).json();
    expect(s.caseOwner.id).toBe(f.client.user.id);
    expect(s.consultants.map((c: { id: string }) => c.id).sort()).toEqual(f.members.slice(1).map((m) => m.user.id).sort());
    expect(s.facilitator.lastName).toBe('Animateur');
    expect(s.me.role).toBe('consultant');
    expect(s.can).toEqual({ facilitate: false, write: false, editEvent: false });
    expect(s.state).toMatchObject({ status: 'planned', currentStep: 0, secondsLeft: null });
  });

  it('only the facilitator conducts the steps; every screen gets the same time left from the platform clock', async () => {
    expect((await f.consultant.agent.post(`${session()}/steps`, { action: 'start' })).json().error).toBe('CODEV_FACILITATE_FORBIDDEN');
    t.clock.set(new Date('2026-11-26T15:00:00Z'));
    const start = await f.staff.agent.post(`${session()}/steps`, { action: 'start' });
    // Step 1 (exposé) lasts 10 minutes: 600 s left at the start (the clock runs on by a few ms).
    const state = start.json().state;
    expect(state).toMatchObject({ status: 'running', currentStep: 1, stepDurationSeconds: 600, secondsLeft: 600, endedAt: null });
    expect(Date.parse(state.stepStartedAt) - Date.parse('2026-11-26T15:00:00Z')).toBeLessThan(1000);
    expect(state.serverNow).toBe(state.stepStartedAt);
    // Each read below happens at a set instant: the clock stands still there (a request can take
    // over a second on a loaded machine).
    const unfreeze = t.freezeClock();
    onTestFinished(unfreeze);
    const at = (seconds: number) => t.clock.set(new Date(Date.parse(state.stepStartedAt) + seconds * 1000));
    // 4 minutes later, two screens both read 600 − 240 = 360 s.
    at(240);
    for (const who of [f.client, f.consultant]) expect((await who.agent.get(session())).json().state.secondsLeft).toBe(360);
    // Extended by 5 minutes: 900 s long, 900 − 240 = 660 s left.
    at(240);
    const ext = await f.staff.agent.post(`${session()}/steps`, { action: 'extend', minutes: 5 });
    expect(ext.json().state).toMatchObject({ stepDurationSeconds: 900, secondsLeft: 660 });
    // 20 minutes into a 15-minute step: 300 s over time.
    at(1200);
    expect((await f.client.agent.get(session())).json().state.secondsLeft).toBe(-300);
    at(1200);
    const next = await f.staff.agent.post(`${session()}/steps`, { action: 'next' });
    // Step 2 (clarification) lasts 15 minutes.
    expect(next.json().state).toMatchObject({ currentStep: 2, stepDurationSeconds: 900, secondsLeft: 900 });
    expect(Date.parse(next.json().state.stepStartedAt) - Date.parse(state.stepStartedAt)).toBeGreaterThanOrEqual(1200_000);
  });
});

describe('notes written at the same time', () => {
  it('keeps each author’s note apart: two participants writing the same step both keep their text', async () => {
    const [a, b] = await Promise.all([
      f.client.agent.put(note(2), { body: 'Texte du client', version: 0 }),
      f.consultant.agent.put(note(2), { body: 'Question du consultant', version: 0 }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().note).toMatchObject({ step: 2, version: 1, body: 'Texte du client', authorId: f.client.user.id });
    const notes = (await f.staff.agent.get(session())).json().notes.filter((n: { step: number }) => n.step === 2);
    expect(notes.map((n: { body: string }) => n.body).sort()).toEqual(['Question du consultant', 'Texte du client']);
  });

  it('refuses a save based on a stale version (another tab) with 409 in French, and loses nothing', async () => {
    const v2 = await f.client.agent.put(note(2), { body: 'Texte du client, complété', version: 1 });
    expect(v2.json().note.version).toBe(2);
    const stale = await f.client.agent.put(note(2), { body: 'Ancien onglet', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({
      error: 'CODEV_NOTE_CONFLICT',
      message:
        "Votre note a été modifiée entre-temps (dans un autre onglet ou sur un autre appareil). La version enregistrée est affichée ; votre texte est conservé dans le champ : vérifiez-le puis enregistrez à nouveau.",
    });
    // A second "first save" is stale too.
    expect((await f.client.agent.put(note(2), { body: 'Autre appareil', version: 0 })).statusCode).toBe(409);
    const mine = (await f.client.agent.get(session())).json().notes.find((n: { step: number; authorId: string }) => n.step === 2 && n.authorId === f.client.user.id);
    expect(mine).toMatchObject({ body: 'Texte du client, complété', version: 2 });
  });

  it('opens a step’s notes only once the step has started', async () => {
    const r = await f.client.agent.put(note(3), { body: 'Trop tôt', version: 0 });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe("Cette étape n'a pas encore commencé : ses notes ne sont pas ouvertes.");
  });

  it('refuses another group’s notes with a clear French error', async () => {
    for (const who of [f.others[0]!, f.outsider]) {
      const r = await who.agent.put(note(2), { body: 'Intrusion', version: 0 });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe(
        "Vous ne pouvez pas écrire dans les notes d'un autre groupe : seuls les membres du groupe, l'animation de la séance et l'équipe de la plateforme le peuvent.",
      );
    }
    const bodies = (await f.staff.agent.get(session())).json().notes.map((n: { body: string }) => n.body);
    expect(bodies).not.toContain('Intrusion');
  });
});

describe('access: an outsider sees nothing', () => {
  it('refuses the session, its sheet, its PDF and its stream to outsiders and to another group', async () => {
    for (const path of ['', '/summary', '/summary.pdf', '/events']) {
      expect((await t.agent().get(`${session()}${path}`)).statusCode).toBe(401);
      for (const who of [f.outsider, f.others[0]!]) {
        const r = await who.agent.get(`${session()}${path}`);
        expect(r.statusCode).toBe(403);
        expect(r.body).not.toContain('Texte du client');
      }
    }
  });

  it('has no sheet before the session has happened', async () => {
    const r = await f.client.agent.get(`${session()}/summary`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe("Cette séance n'a pas encore eu lieu : sa fiche récapitulative n'existe qu'une fois la séance terminée.");
    expect((await f.staff.agent.post(`${session()}/summary/approve`)).json().error).toBe('CODEV_SESSION_NOT_HAPPENED');
  });
});

describe('live notes over server-sent events (real HTTP)', () => {
  /** Opens the stream as `cookies` and collects its events. */
  const openStream = (port: number, cookies: Map<string, string>) => openEventStream(`http://127.0.0.1:${port}${session()}/events`, cookies);

  it('pushes a snapshot, then each note and step change to the other screens', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const consultantStream = openStream(port, f.consultant.agent.cookies);
    await consultantStream.until((e) => e.some((x) => x.event === 'snapshot'));
    const snap = consultantStream.events[0]!;
    expect(snap.event).toBe('snapshot');
    expect(snap.data.state.currentStep).toBe(2);
    expect(snap.data.notes.map((n: { body: string }) => n.body)).toContain('Texte du client, complété');

    await f.client.agent.put(note(2), { body: 'Texte du client, complété en direct', version: 2 });
    await consultantStream.until((e) => e.some((x) => x.event === 'note'));
    expect(consultantStream.events.find((x) => x.event === 'note')!.data.note).toMatchObject({ authorId: f.client.user.id, body: 'Texte du client, complété en direct', version: 3 });

    await f.staff.agent.post(`${session()}/steps`, { action: 'next' });
    await consultantStream.until((e) => e.some((x) => x.event === 'state'));
    expect(consultantStream.events.find((x) => x.event === 'state')!.data.state).toMatchObject({ currentStep: 3, stepDurationSeconds: 300 });

    // A reconnection (new stream) starts with a fresh snapshot holding everything said meanwhile.
    consultantStream.close();
    await f.client.agent.put(note(3), { body: 'Ma demande au groupe', version: 0 });
    const again = openStream(port, f.consultant.agent.cookies);
    await again.until((e) => e.some((x) => x.event === 'snapshot'));
    expect(again.events[0]!.data.notes.map((n: { body: string }) => n.body)).toContain('Ma demande au groupe');
    again.close();

    // An outsider's stream is refused before any event.
    const out = openStream(port, f.outsider.agent.cookies);
    await out.until(() => out.status() !== 0);
    expect(out.status()).toBe(403);
    out.close();
  });
});
