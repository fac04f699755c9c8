import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPostgres, rows, type Database } from '../../src/server/platform/db.js';
import { makePdf, multipart } from '../helpers/documents.js';
import { startSmtpReceiver } from '../helpers/smtp.js';
import { Browser, createUser, logIn } from './client.js';
import { startCluster, type Cluster } from './launch.js';

// Issue 24, item 1 (docs/reliability.md, « Deux instances derrière nginx »): two processes of the
// production build behind nginx, on one PostgreSQL database and one S3-compatible bucket (s3rver),
// each with its own data folder as on two machines. Every check crosses from one process to the other.

let cluster: Cluster;
let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
/** The two processes' own addresses, and nginx's. */
let a: string;
let b: string;
let lb: string;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  cluster = await startCluster({
    instances: 2,
    s3: true,
    env: { SMTP_URL: smtp.url, UPLOADS_PER_HOUR: '3', CONTACT_MESSAGES_PER_HOUR: '1000' },
    // Each process signs its e-mails with its own sender, so the test sees who ran each job.
    instanceEnv: (i) => ({ MAIL_FROM: `Entraide app${i + 1} <app${i + 1}@entraide.test>` }),
  });
  [a, b] = cluster.instances.map((i) => i.url) as [string, string];
  lb = cluster.baseUrl;
  database = await openPostgres(cluster.databaseUrl, 2);
});
afterAll(async () => {
  await database?.close();
  await cluster?.stop();
  await smtp?.close();
});

/** Waits until `pred` holds (work done by another process: no delay to guess). */
async function eventually(pred: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two instances behind nginx', () => {
  it('nginx sends requests to both processes in turn', async () => {
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${lb}/readyz`);
      expect(res.status).toBe(200);
      served.push(res.headers.get('x-upstream')!);
    }
    const [p1, p2] = cluster.instances.map((i) => `127.0.0.1:${i.port}`);
    // Round-robin: whichever comes first, the two alternate.
    expect([[p1, p2, p1, p2], [p2, p1, p2, p1]]).toContainEqual(served);
  });

  it('a session opened on one process is valid on the other and through nginx; a logout on the other ends it for both', async () => {
    const user = await createUser(database.db);
    const browser = await logIn(a, user);
    for (const base of [a, b, lb, lb]) {
      const res = await browser.get(base, '/api/session');
      expect(res.status).toBe(200);
      expect(res.json().user?.email).toBe(user.email);
    }
    // A copy of the cookies kept from before the logout (a second tab, a thief) is refused by both.
    const copy = new Map(browser.cookies);
    expect((await browser.post(b, '/api/auth/logout')).status).toBe(200);
    browser.cookies = copy;
    for (const base of [a, b]) expect((await browser.get(base, '/api/session')).json().user ?? null).toBeNull();
  });

  it('a file uploaded through one process is downloaded, byte for byte, through the other and through nginx (S3 store)', async () => {
    const member = await createUser(database.db, { verifiedOrganisation: true });
    const browser = await logIn(lb, member);
    const pdf = await makePdf(['Grille de notation pondérée — critères sociaux et environnementaux']);
    const body = multipart({ kind: 'template', title: 'Grille déposée sur app1', visibility: 'verified' }, [{ fileName: 'grille.pdf', content: pdf }]);
    const created = await browser.request(a, 'POST', '/api/library/proposals', body.payload, body.headers);
    expect(created.status, created.text).toBe(201);
    const detail = await browser.get(b, `/api/library/resources/${created.json().id}`);
    expect(detail.status, detail.text).toBe(200);
    const file = detail.json().files[0] as { downloadUrl: string; size: number };
    expect(file.size).toBe(pdf.length);
    for (const base of [b, lb, lb]) {
      const download = await browser.get(base, file.downloadUrl);
      expect(download.status).toBe(200);
      expect(download.bytes.equals(pdf)).toBe(true);
    }
    // Nothing in either process's own folder: the bytes are in the bucket.
    const objects: string[] = [];
    const { S3FileStore } = await import('../../src/server/platform/files.js');
    for await (const key of new S3FileStore(cluster.s3!.config).list()) objects.push(key);
    expect(objects.length).toBeGreaterThanOrEqual(1);
  });

  it('the upload quota is counted across processes: 3 per hour, the 4th refused whichever process takes it', async () => {
    const member = await createUser(database.db, { verifiedOrganisation: true });
    const browser = await logIn(a, member);
    const pdf = await makePdf(['Quota']);
    const propose = (base: string, title: string) => {
      const body = multipart({ kind: 'template', title, visibility: 'verified' }, [{ fileName: 'q.pdf', content: pdf }]);
      return browser.request(base, 'POST', '/api/library/proposals', body.payload, body.headers);
    };
    expect((await propose(a, 'Envoi 1 sur app1')).status).toBe(201);
    expect((await propose(b, 'Envoi 2 sur app2')).status).toBe(201);
    expect((await propose(a, 'Envoi 3 sur app1')).status).toBe(201);
    for (const base of [b, a, lb]) {
      const refused = await propose(base, 'Envoi de trop');
      expect(refused.status).toBe(429);
      expect(refused.json().error).toBe('QUOTA_UPLOADS');
      expect(refused.json().message).toMatch(/^Vous avez déjà envoyé 3 fichiers ou formulaires avec fichiers dans l'heure, le maximum par compte\./);
    }
  });

  it('jobs enqueued through both processes are each run exactly once while both run jobs', async () => {
    const N = 60;
    const marker = Date.now().toString(36);
    const address = (i: number) => `job-${marker}-${i}@acheteur.test`;
    // Through nginx: half the messages are enqueued by each process.
    // A visitor's CSRF token, signed by one process, is accepted by the other (one SESSION_SECRET).
    const visitor = new Browser();
    for (let i = 0; i < N; i++) {
      const res = await visitor.post(lb, '/api/contact', { name: `Expéditeur ${i}`, email: address(i), subject: `Message ${i}`, message: `Contenu ${marker} ${i}` });
      expect(res.status, res.text).toBe(200);
    }
    const copies = () => smtp.received.filter((m) => m.to.includes(`job-${marker}-`));
    await eventually(() => copies().length >= N, `${N} copies to the senders`);
    // Each job's e-mail once: no address twice, none missing.
    const perAddress = new Map<string, number>();
    for (const m of copies()) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    expect(perAddress.size).toBe(N);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    // In the queue: each job claimed once (one attempt), and done.
    const [stats] = await rows<{ jobs: number; done: number; once: number }>(
      database.db,
      sql`SELECT count(*)::int AS jobs, count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE attempts = 1)::int AS once
          FROM jobs WHERE kind IN ('contact.message', 'contact.mail') AND payload->>'email' LIKE ${`job-${marker}-%`}`,
    );
    // One job per message, then one e-mail job per message (the copy; no facilitator on this platform yet).
    expect(stats).toEqual({ jobs: 2 * N, done: 2 * N, once: 2 * N });
    // Who ran them: the sender names the process.
    const byProcess = new Map<string, number>();
    for (const m of copies()) {
      const from = String(m.headers.get('from') && (m.headers.get('from') as { text: string }).text);
      const who = /app\d/.exec(from)?.[0] ?? '?';
      byProcess.set(who, (byProcess.get(who) ?? 0) + 1);
    }
    console.log(`jobs: ${N} e-mails sent, by process: ${JSON.stringify(Object.fromEntries(byProcess))}`);
    expect([...byProcess.keys()].every((k) => k === 'app1' || k === 'app2')).toBe(true);
  });
});

describe('live notes and access changes across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let staff: Browser;
  let client: Browser;
  let consultant: Browser;
  let sessionId: string;

  beforeAll(async () => {
    const staffUser = await createUser(database.db, { role: 'facilitator', firstName: 'Farid' });
    staff = await logIn(a, staffUser);
    const cohort = await staff.post(a, '/api/cohorts', { name: 'Promotion de grappe', edition: 1, startsOn: '2027-01-04', endsOn: '2027-06-30', capacity: 30 });
    expect(cohort.status, cohort.text).toBe(201);
    const cohortId = cohort.json().id as string;
    const people = [];
    // A co-development group counts 5 to 8 participants.
    for (let i = 0; i < 5; i++) {
      const u = await createUser(database.db, { verifiedOrganisation: true, firstName: `Prénom${i + 1}` });
      const [m] = await rows<{ organisation_id: string }>(database.db, sql`SELECT organisation_id FROM memberships WHERE user_id = ${u.id}`);
      const put = await staff.put(b, `/api/cohorts/${cohortId}/members/${u.id}`, { role: 'participant', organisationId: m!.organisation_id });
      expect(put.status, put.text).toBe(200);
      people.push(u);
    }
    const groups = await staff.put(a, `/api/codev/cohorts/${cohortId}/groups`, { groups: [{ name: 'Groupe A', memberIds: people.map((p) => p.id) }] });
    expect(groups.status, groups.text).toBe(200);
    const groupId = ((await staff.get(b, `/api/codev/cohorts/${cohortId}`)).json().groups as { id: string; name: string }[]).find((g) => g.name === 'Groupe A')!.id;
    const created = await staff.post(a, `/api/codev/groups/${groupId}/sessions`, {
      title: 'Clauses sociales dans les marchés de nettoyage',
      caseOwnerId: people[0]!.id,
      startsAt: '2027-03-10T16:00',
      endsAt: '2027-03-10T17:30',
      place: 'Salle Gaspard-Monge, Paris',
      reviewRequired: false,
    });
    expect(created.status, created.text).toBe(201);
    sessionId = created.json().id;
    expect((await staff.post(b, `/api/codev/sessions/${sessionId}/steps`, { action: 'start' })).status).toBe(200);
    client = await logIn(a, people[0]!);
    consultant = await logIn(b, people[1]!);
  });

  it('a note saved on one process reaches streams served by the other and through nginx, once each; a step change too', async () => {
    const onB = consultant.stream(b, `/api/codev/sessions/${sessionId}/events`);
    const viaLb = consultant.stream(lb, `/api/codev/sessions/${sessionId}/events`);
    const onA = staff.stream(a, `/api/codev/sessions/${sessionId}/events`);
    for (const s of [onB, viaLb, onA]) await s.until(() => s.events.some((e) => e.event === 'snapshot'));
    const put = await client.put(a, `/api/codev/sessions/${sessionId}/steps/1/notes/mine`, { body: 'Note écrite sur app1', version: 0 });
    expect(put.status, put.text).toBe(200);
    // The step change comes from app2 after the note: once a stream has it, it has had the note too.
    expect((await staff.post(b, `/api/codev/sessions/${sessionId}/steps`, { action: 'next' })).status).toBe(200);
    for (const s of [onB, viaLb, onA]) {
      await s.until(() => s.events.some((e) => e.event === 'state' && e.data.state.currentStep === 2));
      const live = s.events.filter((e) => e.event !== 'snapshot').map((e) => (e.event === 'note' ? `note:${e.data.note.body}` : `state:${e.data.state.currentStep}`));
      expect(live).toEqual(['note:Note écrite sur app1', 'state:2']);
    }
    for (const s of [onB, viaLb, onA]) s.close();
  });

  it('logging out on one process ends the stream the other serves, before anything more is sent to it', async () => {
    const onB = consultant.stream(b, `/api/codev/sessions/${sessionId}/events`);
    await onB.until(() => onB.events.some((e) => e.event === 'snapshot'));
    expect((await consultant.post(a, '/api/auth/logout')).status).toBe(200);
    // Written on app1 right after the logout: app2 hears the access change first (one process's
    // events arrive in order) and holds everything until it has read the session again, so this
    // note never reaches the stream. Without the announcement it would, until the stream's own
    // check 20 s later.
    const put = await client.put(a, `/api/codev/sessions/${sessionId}/steps/2/notes/mine`, { body: 'Après la déconnexion', version: 0 });
    expect(put.status, put.text).toBe(200);
    await onB.until(() => onB.ended());
    expect(onB.events.at(-1)).toEqual({ event: 'ended', data: { message: 'Votre session est terminée : reconnectez-vous pour suivre la séance.' } });
    expect(onB.events.filter((e) => e.event === 'note')).toEqual([]);
  });
});
