import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { seedRegistry } from '../../organisations/registry.js';
import { seedDemo } from '../../seed/demo.js';

// The demo's running cohort shows the décollage and the follow-up at once (issue 23, items 1–2).

let t: TestContext;
let password: string;
const login = async (email: string) => {
  const a = t.agent();
  expect((await a.post('/api/auth/login', { email, password })).statusCode).toBe(200);
  return a;
};

beforeAll(async () => {
  t = await createTestContext();
  await seedRegistry(t.db, t.clock.now());
  const seeded = await seedDemo(t.deps);
  password = seeded!.password;
}, 300_000);
afterAll(() => t?.close());

describe('demo: décollage cards and participants follow-up', () => {
  it('« édition 2 » has two cards in its trombinoscope and one participant flagged for missed sessions', async () => {
    const farid = await login('animation@entraide.example');
    const cohort = (await t.agent().get('/api/cohorts')).json().items.find((c: { name: string }) => c.name === 'Mission SPASER — édition 2');
    const cards = (await farid.get(`/api/cohorts/${cohort.id}/cards`)).json();
    expect(cards.items.map((c: { firstName: string }) => c.firstName)).toHaveLength(2);
    // Marc, and the seven participants who joined for the co-development groups (issue 23, item 10).
    expect(cards.missing.noCard).toHaveLength(8);
    const followUp = (await farid.get(`/api/cohorts/${cohort.id}/follow-up`)).json();
    // The demo marks attendance for Claire, Sophie and Marc only; Claire was the client of Groupe A's session.
    expect(followUp.summary).toMatchObject({ participants: 10, cardsFilled: 2, attendance: { present: 4, marked: 6 }, codevSessions: 1 });
    expect(followUp.rows.find((r: { lastName: string }) => r.lastName === 'Girard').codev).toEqual({ asClient: 0, asConsultant: 1 });
    const flagged = followUp.rows.filter((r: { flags: { rule: string }[] }) => r.flags.some((f) => f.rule === 'missed_sessions'));
    expect(flagged.map((r: { lastName: string }) => r.lastName)).toHaveLength(1);
    // A participant of the demo gets the trombinoscope, not the follow-up.
    const claire = await login('claire.martin@lyon.example');
    expect((await claire.get(`/api/cohorts/${cohort.id}/cards`)).statusCode).toBe(200);
    expect((await claire.get(`/api/cohorts/${cohort.id}/follow-up`)).statusCode).toBe(403);
  });
});
