import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';
import { linkIn } from '../../../tests/helpers/smtp.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const tokenOf = (url: string) => new URL(url).searchParams.get('jeton')!;

describe('sign up, verify, log in, log out', () => {
  it('runs the whole journey through HTTP with a real SMTP receiver', async () => {
    const agent = t.agent();
    const email = 'ines.garcia@ville-exemple.test';
    const signUp = await agent.post('/api/auth/signup', { email: 'Ines.Garcia@Ville-Exemple.test', password: 'un mot de passe solide', firstName: 'Inès', lastName: 'Garcia', acceptTerms: true });
    expect(signUp.statusCode).toBe(201);

    // Before verification, logging in is refused with its own message.
    const early = await agent.post('/api/auth/login', { email, password: 'un mot de passe solide' });
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toBe('EMAIL_NOT_VERIFIED');

    expect(t.smtp.to(email)).toHaveLength(0);
    await t.drainJobs();
    const [mail] = t.smtp.to(email);
    expect(mail!.subject).toBe('Confirmez votre adresse e-mail sur Entraide');
    expect(mail!.html).toContain('Inès');
    const link = linkIn(mail!, 'http://entraide.test/confirmer-email?jeton=');

    const verify = await agent.post('/api/auth/verify-email', { token: tokenOf(link) });
    expect(verify.statusCode).toBe(200);
    const again = await agent.post('/api/auth/verify-email', { token: tokenOf(link) });
    expect(again.json().error).toBe('TOKEN_USED');

    const login = await agent.post('/api/auth/login', { email, password: 'un mot de passe solide' });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ email, firstName: 'Inès', role: 'member', verified: false, memberships: [] });
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/entraide_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // Without "remember me" the session cookie has no expiry: it ends with the browser.
    expect(setCookie.split(',').find((c) => c.includes('entraide_session'))).not.toMatch(/Expires/);

    expect((await agent.get('/api/me')).json().email).toBe(email);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });

  it('keeps a "remember me" session for 30 days and expires a short one after 12 idle hours', async () => {
    const m = await t.createMember();
    const long = t.agent();
    const res = await long.post('/api/auth/login', { email: m.email, password: PASSWORD, remember: true });
    const cookie = String(res.headers['set-cookie']).split(',').join(' ');
    const expires = new Date(cookie.match(/entraide_session=[^;]+;[^]*?Expires=([^;]+)/)![1]!);
    const days = (expires.getTime() - t.clock.now().getTime()) / 86400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const short = t.agent();
    await short.post('/api/auth/login', { email: m.email, password: PASSWORD });
    t.clock.advance(13 * 3600_000);
    expect((await short.get('/api/me')).statusCode).toBe(401);
    expect((await long.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(31 * 24 * 3600_000);
    expect((await long.get('/api/me')).statusCode).toBe(401);
  });

  it('rejects bad input with French messages per field, and changes nothing', async () => {
    const agent = t.agent();
    const res = await agent.post('/api/auth/signup', { email: 'pas-une-adresse', password: 'court', firstName: '', lastName: 'X', acceptTerms: false });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('VALIDATION');
    expect(body.message).toMatch(/champs/);
    expect(body.fields.email).toMatch(/adresse e-mail n'est pas valide/);
    expect(body.fields.password).toBe('Le mot de passe doit comporter au moins 12 caractères.');
    expect(body.fields.firstName).toBe('Saisissez le prénom.');
    expect(body.fields.acceptTerms).toMatch(/conditions d'utilisation/);
    expect(await t.userByEmail('pas-une-adresse')).toBeUndefined();
  });

  it('refuses a duplicate e-mail, a wrong password and an unknown token with their own messages', async () => {
    const m = await t.createMember({ email: 'deja.inscrit@acheteur.test' });
    const agent = t.agent();
    const dup = await agent.post('/api/auth/signup', { email: 'DEJA.inscrit@acheteur.test', password: 'un mot de passe solide', firstName: 'A', lastName: 'B', acceptTerms: true });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'EMAIL_TAKEN', fields: { email: 'Un compte existe déjà avec cette adresse e-mail.' } });
    const wrong = await agent.post('/api/auth/login', { email: m.email, password: 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const unknown = await agent.post('/api/auth/verify-email', { token: 'x'.repeat(43) });
    expect(unknown.json().error).toBe('TOKEN_INVALID');
  });
});

describe('password reset', () => {
  it('sends a one-time link valid one hour, closes other sessions, and tells the owner', async () => {
    const m = await t.createMember({ firstName: 'Paul' });
    const other = t.agent();
    await other.post('/api/auth/login', { email: m.email, password: PASSWORD });
    const agent = t.agent();
    const ask = await agent.post('/api/auth/password-reset/request', { email: m.email });
    expect(ask.statusCode).toBe(200);
    // Unknown address: the same answer, and no e-mail.
    const unknown = await agent.post('/api/auth/password-reset/request', { email: 'personne@nulle-part.test' });
    expect(unknown.json().message).toBe(ask.json().message);
    await t.drainJobs();
    expect(t.smtp.to('personne@nulle-part.test')).toHaveLength(0);
    const [mail] = t.smtp.to(m.email);
    expect(mail!.subject).toBe('Réinitialisation de votre mot de passe Entraide');
    const token = tokenOf(linkIn(mail!, 'http://entraide.test/mot-de-passe/nouveau?jeton='));

    const weak = await agent.post('/api/auth/password-reset/confirm', { token, password: 'court' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.password).toMatch(/12 caractères/);

    const done = await agent.post('/api/auth/password-reset/confirm', { token, password: 'un tout nouveau mot de passe' });
    expect(done.statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await agent.post('/api/auth/login', { email: m.email, password: PASSWORD })).statusCode).toBe(401);
    expect((await agent.post('/api/auth/login', { email: m.email, password: 'un tout nouveau mot de passe' })).statusCode).toBe(200);
    await t.drainJobs();
    expect(t.smtp.to(m.email).map((x) => x.subject)).toContain('Votre mot de passe Entraide a été modifié');
    expect((await agent.post('/api/auth/password-reset/confirm', { token, password: 'encore un autre mot de passe' })).json().error).toBe('TOKEN_USED');
  });

  it('refuses an expired link', async () => {
    const m = await t.createMember();
    await t.agent().post('/api/auth/password-reset/request', { email: m.email });
    await t.drainJobs();
    const token = tokenOf(linkIn(t.smtp.to(m.email).at(-1)!, 'http://entraide.test/mot-de-passe/nouveau?jeton='));
    t.clock.advance(61 * 60_000);
    const res = await t.agent().post('/api/auth/password-reset/confirm', { token, password: 'un tout nouveau mot de passe' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'TOKEN_EXPIRED', message: 'Ce lien a expiré. Demandez-en un nouveau.' });
  });
});

describe('CSRF and login throttling', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const { agent } = await t.loggedIn();
    const res = await agent.request('PUT', '/api/me/profile', { firstName: 'X' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'CSRF', message: 'La page a expiré. Rechargez-la puis recommencez.' });
    const forged = await agent.request('POST', '/api/auth/logout', {}, { csrf: false, headers: { 'x-csrf-token': 'abc.def' } });
    expect(forged.statusCode).toBe(403);
  });

  it('locks an account for one address after 5 failures, without locking its owner elsewhere', async () => {
    const m = await t.createMember();
    const attacker = new (t.agent().constructor as any)(t.app, '203.0.113.7');
    for (let i = 0; i < 5; i++) expect((await attacker.post('/api/auth/login', { email: m.email, password: 'mauvais' })).statusCode).toBe(401);
    // Locked now, even with the right password, from that address.
    const locked = await attacker.post('/api/auth/login', { email: m.email, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    // The owner, from another address, still logs in.
    const owner = new (t.agent().constructor as any)(t.app, '198.51.100.20');
    expect((await owner.post('/api/auth/login', { email: m.email, password: PASSWORD })).statusCode).toBe(200);
    // After 15 minutes the lock is lifted.
    t.clock.advance(16 * 60_000);
    expect((await attacker.post('/api/auth/login', { email: m.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('locks an address that tries many accounts', async () => {
    const sprayer = new (t.agent().constructor as any)(t.app, '203.0.113.99');
    for (let i = 0; i < 30; i++) await sprayer.post('/api/auth/login', { email: `cible${i}@acheteur.test`, password: 'mauvais' });
    const m = await t.createMember();
    expect((await sprayer.post('/api/auth/login', { email: m.email, password: PASSWORD })).statusCode).toBe(429);
  });
});

describe('profile', () => {
  it('edits the profile and validates each field', async () => {
    const { agent } = await t.loggedIn();
    const profile = { firstName: 'Élise', lastName: 'Fontaine', jobTitle: 'Acheteuse', regionCode: '53', themes: ['gouvernance', 'alimentation'], availableToHelp: true, directoryVisibility: 'hidden' };
    const res = await agent.put('/api/me/profile', profile);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(profile);
    const bad = await agent.put('/api/me/profile', { ...profile, regionCode: '99', themes: ['inconnu'] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['regionCode', 'themes.0']);
    expect((await agent.get('/api/me')).json().regionCode).toBe('53');
  });
});
