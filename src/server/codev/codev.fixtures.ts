import type { TestContext } from '../../../tests/helpers/context.js';

// Test fixtures of the co-development module (imported by its test files only): a cohort with a
// staff facilitator, participants from organisations of several kinds, one group, one session.

type Logged = Awaited<ReturnType<TestContext['loggedIn']>>;

export async function codevFixture(t: TestContext, opts: { reviewRequired?: boolean; groupSize?: number } = {}) {
  const staff = await t.loggedIn({ role: 'facilitator', firstName: 'Farid', lastName: 'Animateur' });
  const res = await staff.agent.post('/api/cohorts', { name: 'Mission SPASER', edition: 3, startsOn: '2026-09-01', endsOn: '2027-06-30', capacity: 30 });
  if (res.statusCode !== 201) throw new Error(res.body);
  const cohortId = res.json().id as string;
  const kinds = ['commune', 'epci', 'departement', 'region', 'commune', 'epci', 'commune', 'departement'] as const;
  const size = opts.groupSize ?? 6;
  const people: Logged[] = [];
  for (let i = 0; i < size + 5; i++) {
    const org = await t.createOrganisation({ name: `Organisation ${i + 1}`, kind: kinds[i % kinds.length] });
    const p = await t.loggedIn({ verifiedIn: [org.id], firstName: `Prénom${i + 1}`, lastName: `Nom${String(i + 1).padStart(2, '0')}` });
    const put = await staff.agent.put(`/api/cohorts/${cohortId}/members/${p.user.id}`, { role: 'participant', organisationId: org.id });
    if (put.statusCode !== 200) throw new Error(put.body);
    people.push(p);
  }
  const members = people.slice(0, size);
  const others = people.slice(size);
  const saved = await staff.agent.put(`/api/codev/cohorts/${cohortId}/groups`, {
    groups: [
      { name: 'Groupe A', memberIds: members.map((m) => m.user.id) },
      { name: 'Groupe B', memberIds: others.map((m) => m.user.id) },
    ],
  });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  const groups = (await staff.agent.get(`/api/codev/cohorts/${cohortId}`)).json().groups as { id: string; name: string }[];
  const groupId = groups.find((g) => g.name === 'Groupe A')!.id;
  const created = await staff.agent.post(`/api/codev/groups/${groupId}/sessions`, {
    title: 'Gouvernance du SPASER avec les élus',
    caseOwnerId: members[0]!.user.id,
    startsAt: '2026-11-26T16:00',
    endsAt: '2026-11-26T17:30',
    place: 'Salle Gaspard-Monge, Paris',
    reviewRequired: opts.reviewRequired ?? false,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const outsider = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Ailleurs' })).id] });
  return { staff, cohortId, groupId, sessionId: created.json().id as string, members, others, outsider, client: members[0]!, consultant: members[1]! };
}

/** Starts the session and runs it to the end, writing a note at each step as the client. */
export async function runWholeSession(f: Awaited<ReturnType<typeof codevFixture>>, notes: string[]) {
  const steps = `/api/codev/sessions/${f.sessionId}/steps`;
  const ok = (r: { statusCode: number; body: string }) => {
    if (r.statusCode !== 200) throw new Error(r.body);
  };
  ok(await f.staff.agent.post(steps, { action: 'start' }));
  for (let n = 1; n <= 6; n++) {
    if (notes[n - 1]) ok(await f.client.agent.put(`/api/codev/sessions/${f.sessionId}/steps/${n}/notes/mine`, { body: notes[n - 1], version: 0 }));
    ok(await f.staff.agent.post(steps, { action: n < 6 ? 'next' : 'end' }));
  }
}
