import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../accounts/accounts.tables.js';
import { rows } from '../platform/db.js';
import { Agent, createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// Issue 15, item 5: the contact form. Messages go through the real SMTP receiver of the test context.

let t: TestContext;
const QUOTA = 3;
beforeAll(async () => {
  t = await createTestContext({ CONTACT_MESSAGES_PER_HOUR: String(QUOTA) });
  await t.createMember({ role: 'facilitator', email: 'animation-1@entraide.test' });
  await t.createMember({ role: 'facilitator', email: 'animation-2@entraide.test' });
  const gone = await t.createMember({ role: 'facilitator', email: 'ancienne-animatrice@entraide.test' });
  await t.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, gone.id));
  await t.createMember({ role: 'admin', email: 'admin@entraide.test' });
});
afterAll(() => t?.close());

let nextIp = 1;
/** A visitor from an address of their own: the quota counts per client address without an account. */
const visitor = () => new Agent({ inject: (o) => t.app.inject(o) }, `10.0.0.${nextIp++}`);
let nextSender = 1;
/** The form filled in by a sender of their own (the quota counts the copies per e-mail address too). */
const from = () => ({ ...good, email: `expediteur-${nextSender++}@ville-exemple.test` });

const good = {
  name: 'Nadia Roche',
  email: 'nadia.roche@ville-exemple.test',
  subject: 'Notre commune n’est pas dans le référentiel',
  message: 'Bonjour,\n\nNous ne trouvons pas notre syndicat intercommunal.\n\nMerci !',
};

const queuedJobs = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM jobs WHERE kind LIKE 'contact.%'`))[0]!.n;

describe('contact form (issue 15, item 5)', () => {
  it('sends a visitor’s message to every active facilitator, replying to the sender, and a copy to the sender', async () => {
    t.smtp.clear();
    const res = await visitor().post('/api/contact', good);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      message: "Votre message est envoyé à l'équipe d'animation. Une copie vous est adressée à nadia.roche@ville-exemple.test ; la réponse arrivera à cette adresse.",
    });
    // Sent by jobs, not during the request.
    expect(t.smtp.received).toHaveLength(0);
    await t.drainJobs();
    // Two active facilitators and the sender; not the disabled facilitator, not the admin (facilitators exist).
    expect(t.smtp.received.map((m) => m.to).sort()).toEqual(['animation-1@entraide.test', 'animation-2@entraide.test', 'nadia.roche@ville-exemple.test']);
    for (const to of ['animation-1@entraide.test', 'animation-2@entraide.test']) {
      const [mail] = t.smtp.to(to);
      expect(mail!.subject).toBe('Message de contact : Notre commune n’est pas dans le référentiel');
      expect(mail!.headers.get('reply-to')).toMatchObject({ value: [{ name: 'Nadia Roche', address: 'nadia.roche@ville-exemple.test' }] });
      expect(mail!.text).toContain('De : Nadia Roche <nadia.roche@ville-exemple.test>');
      expect(mail!.text).toContain('Nous ne trouvons pas notre syndicat intercommunal.');
      expect(mail!.text).toContain('Envoyé sans être connecté');
    }
    const [copy] = t.smtp.to('nadia.roche@ville-exemple.test');
    expect(copy!.subject).toBe("Copie de votre message à l'équipe d'animation d'Entraide : Notre commune n’est pas dans le référentiel");
    expect(copy!.text).toContain('Bonjour Nadia Roche,');
    expect(copy!.text).toContain('Nous ne trouvons pas notre syndicat intercommunal.');
    expect(copy!.headers.get('reply-to')).toBeUndefined();
  });

  it('tells the facilitators which account a member wrote from', async () => {
    const org = await t.createOrganisation({ name: 'Commune de Contact-sur-Test' });
    const { agent } = await t.loggedIn({ email: 'acheteur@contact.test', firstName: 'Hugo', lastName: 'Vidal', verifiedIn: [org.id] });
    t.smtp.clear();
    expect((await agent.post('/api/contact', { ...good, name: 'Hugo Vidal', email: 'acheteur@contact.test' })).statusCode).toBe(200);
    await t.drainJobs();
    const [mail] = t.smtp.to('animation-1@entraide.test');
    expect(mail!.text).toContain('Envoyé depuis le compte de Hugo Vidal (acheteur@contact.test), membre vérifié de : Commune de Contact-sur-Test.');
    expect(t.smtp.to('acheteur@contact.test')).toHaveLength(1);
  });

  it('refuses bad input field by field in French, and then nothing is queued nor sent, nor counted', async () => {
    t.smtp.clear();
    const before = await queuedJobs();
    const ip = visitor();
    const res = await ip.post('/api/contact', { name: '   ', email: 'pas-une-adresse', subject: '', message: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION',
      fields: {
        name: 'Saisissez votre nom.',
        email: "L'adresse e-mail n'est pas valide (exemple : prenom.nom@ville.fr).",
        subject: "Saisissez l'objet du message.",
        message: 'Saisissez votre message.',
      },
    });
    // Header injection: a line break in a header field is refused (the CRLF pair passes the platform's input guard).
    const injected = await ip.post('/api/contact', { ...good, name: 'Eve\r\nBcc: victime@ailleurs.test', subject: 'Salut\r\nBcc: victime@ailleurs.test' });
    expect(injected.statusCode).toBe(400);
    expect(injected.json().fields).toEqual({ name: 'Le nom tient sur une seule ligne.', subject: "L'objet tient sur une seule ligne." });
    const tooLong = await ip.post('/api/contact', { ...good, message: 'x'.repeat(5001) });
    expect(tooLong.json().fields).toEqual({ message: 'Le message ne peut dépasser 5\u202f000 caractères.' });
    const control = await ip.post('/api/contact', { ...good, subject: 'Objet\u0007' });
    expect(control.statusCode).toBe(400);
    expect(Object.keys(control.json().fields)).toEqual(['subject']);

    await t.drainJobs();
    expect(await queuedJobs()).toBe(before);
    expect(t.smtp.received).toHaveLength(0);
    // The refused messages did not use the quota of this address.
    for (let i = 0; i < QUOTA; i++) expect((await ip.post('/api/contact', from())).statusCode).toBe(200);
  });

  it('keeps a name with quotes and brackets in the Reply-To display name, never as another address', async () => {
    await t.drainJobs();
    t.smtp.clear();
    const res = await visitor().post('/api/contact', { ...good, name: 'Eve "<pirate@ailleurs.test>", autre@ailleurs.test' });
    expect(res.statusCode).toBe(200);
    await t.drainJobs();
    expect(t.smtp.received.map((m) => m.to).sort()).toEqual(['animation-1@entraide.test', 'animation-2@entraide.test', 'nadia.roche@ville-exemple.test']);
    const replyTo = t.smtp.to('animation-1@entraide.test')[0]!.headers.get('reply-to') as { value: { address: string; name: string }[] };
    expect(replyTo.value).toEqual([{ name: 'Eve "<pirate@ailleurs.test>", autre@ailleurs.test', address: 'nadia.roche@ville-exemple.test' }]);
  });

  it(`accepts ${QUOTA} messages an hour per address, then refuses in French until the hour is over`, async () => {
    await t.drainJobs();
    t.smtp.clear();
    const ip = visitor();
    for (let i = 0; i < QUOTA; i++) expect((await ip.post('/api/contact', from())).statusCode).toBe(200);
    const refused = await ip.post('/api/contact', from());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe('QUOTA_CONTACT');
    expect(refused.json().message).toMatch(
      new RegExp(`^Vous avez déjà envoyé ${QUOTA} messages à l'équipe d'animation dans l'heure, le maximum\\. Vous pourrez en envoyer de nouveau (le \\d\\d/\\d\\d )?à \\d{1,2} h \\d\\d \\(heure de Paris\\) : votre message reste dans le formulaire\\.$`),
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await t.drainJobs();
    // The refused message was not queued: only the accepted ones were sent (2 facilitators + copy each).
    expect(t.smtp.received).toHaveLength(QUOTA * 3);
    // Another address is not affected; an hour later, this one may write again.
    expect((await visitor().post('/api/contact', from())).statusCode).toBe(200);
    t.clock.advance(3600_000 + 1000);
    expect((await ip.post('/api/contact', from())).statusCode).toBe(200);
  });

  it('sends at most as many copies an hour to one e-mail address, whoever asks', async () => {
    const victim = { ...good, email: 'destinataire-unique@ailleurs.test' };
    for (let i = 0; i < QUOTA; i++) expect((await visitor().post('/api/contact', victim)).statusCode).toBe(200);
    const refused = await visitor().post('/api/contact', victim);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe('QUOTA_CONTACT');
  });

  it('counts a member’s messages per account, wherever they write from', async () => {
    const { agent } = await t.loggedIn();
    for (let i = 0; i < QUOTA; i++) expect((await agent.post('/api/contact', from())).statusCode).toBe(200);
    agent.ip = '10.9.9.9';
    expect((await agent.post('/api/contact', from())).statusCode).toBe(429);
  });
});

describe('contact form on a platform without a facilitator yet', () => {
  let bare: TestContext;
  beforeAll(async () => {
    bare = await createTestContext();
    await bare.createMember({ role: 'admin', email: 'seule-admin@entraide.test' });
  });
  afterAll(() => bare?.close());

  it('reaches the admins, so no message is lost', async () => {
    expect((await bare.agent().post('/api/contact', good)).statusCode).toBe(200);
    await bare.drainJobs();
    expect(bare.smtp.received.map((m) => m.to).sort()).toEqual(['nadia.roche@ville-exemple.test', 'seule-admin@entraide.test']);
    expect(bare.smtp.to('seule-admin@entraide.test')[0]!.subject).toBe('Message de contact : Notre commune n’est pas dans le référentiel');
  });
});
