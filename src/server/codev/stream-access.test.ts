import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';
import { openEventStream } from '../../../tests/helpers/sse.js';
import { buildApp } from '../app.js';
import { codevFixture } from './codev.fixtures.js';

// Live streams of co-development notes end with access (issue 11, item 4): removal from the group or
// the cohort, logout and account disablement close the subscriber's open stream, with a French
// message, even when the change is made through another instance (the revocation travels on the bus).

let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;
let port: number;
/** A second instance of the platform: same database, same bus, its own HTTP server. */
let other: Awaited<ReturnType<typeof buildApp>>;

const SIGNED_OUT = 'Votre session est terminée : reconnectez-vous pour suivre la séance.';
const NO_ACCESS = "Vous n'avez plus accès à cette séance : elle est réservée aux membres de son groupe, à son animateur ou animatrice et à l'équipe de la plateforme.";

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-26T15:00:00Z'));
  f = await codevFixture(t);
  expect((await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/steps`, { action: 'start' })).statusCode).toBe(200);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  other = await buildApp(t.deps, { serveWeb: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

/** Opens the session's stream with these cookies, on the first instance, and collects its events. */
const openStream = (cookies: Map<string, string>) => openEventStream(`http://127.0.0.1:${port}/api/codev/sessions/${f.sessionId}/events`, cookies);
type Stream = ReturnType<typeof openStream>;

const versions = new Map<string, number>();
/** The client writes a note at step 1; returns its text. */
async function clientWrites(body: string) {
  const v = versions.get(f.client.user.id) ?? 0;
  const res = await f.client.agent.put(`/api/codev/sessions/${f.sessionId}/steps/1/notes/mine`, { body, version: v });
  expect(res.statusCode, res.body).toBe(200);
  versions.set(f.client.user.id, res.json().note.version);
  return body;
}

/** Opens streams, waits for their snapshot, and checks a first note reaches each. */
async function live(...who: { agent: Agent }[]): Promise<Stream[]> {
  const streams = who.map((w) => openStream(w.agent.cookies));
  for (const s of streams) await s.until(() => s.events.some((e) => e.event === 'snapshot'));
  const body = await clientWrites(`Avant le changement ${Math.random()}`);
  for (const s of streams) await s.until(() => s.notes().includes(body));
  return streams;
}

async function expectEnded(s: Stream, message: string) {
  await s.until(() => s.ended());
  expect(s.events.at(-1)).toEqual({ event: 'ended', data: { message } });
}

describe('item 4: a live stream ends with its subscriber’s access', () => {
  it('item 4: removal from the group, made through another instance, closes the stream; the others go on', async () => {
    const moved = f.members[2]!;
    const stays = f.members[1]!;
    const [movedStream, staysStream] = await live(moved, stays);
    // The groups are saved through the second instance: the stream on the first one hears it on the bus.
    const agentOnOther = Object.assign(new Agent({ inject: (o: any) => other.inject(o) }), { cookies: f.staff.agent.cookies });
    const saved = await agentOnOther.put(`/api/codev/cohorts/${f.cohortId}/groups`, {
      groups: [
        { id: f.groupId, name: 'Groupe A', memberIds: f.members.filter((m) => m !== moved).map((m) => m.user.id) },
        { name: 'Groupe B', memberIds: [...f.others.map((o) => o.user.id), moved.user.id] },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await expectEnded(movedStream!, NO_ACCESS);
    const after = await clientWrites('Après le départ du groupe');
    await staysStream!.until(() => staysStream!.notes().includes(after));
    expect(movedStream!.notes()).not.toContain(after);
    // Reconnecting is refused.
    expect((await moved.agent.get(`/api/codev/sessions/${f.sessionId}/events`)).statusCode).toBe(403);
    staysStream!.close();
  });

  it('item 4: removal from the cohort closes the stream, though the group was not edited', async () => {
    const removed = f.members[3]!;
    const [stream] = await live(removed);
    expect((await f.staff.agent.delete(`/api/cohorts/${f.cohortId}/members/${removed.user.id}`)).statusCode).toBe(200);
    await expectEnded(stream!, NO_ACCESS);
    const after = await clientWrites('Après le départ de la promotion');
    expect(stream!.notes()).not.toContain(after);
    expect((await removed.agent.get(`/api/codev/sessions/${f.sessionId}`)).statusCode).toBe(403);
  });

  it('item 4: logout closes that session’s stream, not the stream of the same member on another device', async () => {
    const member = f.members[4]!;
    const otherDevice = new Agent({ inject: (o: any) => t.app.inject(o) });
    expect((await otherDevice.post('/api/auth/login', { email: member.user.email, password: PASSWORD })).statusCode).toBe(200);
    const [stream, otherStream] = await live(member, { agent: otherDevice });
    expect((await member.agent.post('/api/auth/logout')).statusCode).toBe(200);
    await expectEnded(stream!, SIGNED_OUT);
    const after = await clientWrites('Après la déconnexion');
    await otherStream!.until(() => otherStream!.notes().includes(after));
    expect(stream!.notes()).not.toContain(after);
    otherStream!.close();
  });

  it('item 4: disabling the account closes its streams', async () => {
    const member = f.members[5]!;
    const [stream] = await live(member);
    const admin = await t.loggedIn({ role: 'admin' });
    expect((await admin.agent.patch(`/api/admin/users/${member.user.id}`, { disabled: true })).statusCode).toBe(200);
    await expectEnded(stream!, SIGNED_OUT);
    const after = await clientWrites('Après la désactivation');
    expect(stream!.notes()).not.toContain(after);
  });

  it('item 4: deleting the account from another device closes its streams at once', async () => {
    const member = f.members[1]!;
    const phone = new Agent({ inject: (o: any) => t.app.inject(o) });
    expect((await phone.post('/api/auth/login', { email: member.user.email, password: PASSWORD })).statusCode).toBe(200);
    const [stream] = await live(member);
    expect((await phone.post('/api/me/delete', { password: PASSWORD, confirm: true })).statusCode).toBe(200);
    // A note written right after the deletion never reaches the stream (without the announcement it
    // would, until the stream's next heartbeat 20 s later re-reads the session).
    const after = await clientWrites('Après la suppression du compte');
    await expectEnded(stream!, SIGNED_OUT);
    expect(stream!.notes()).not.toContain(after);
  });
});
