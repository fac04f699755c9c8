import { and, asc, eq, isNull } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import type { ContactBody } from './contact.contract.js';
import { contactMails, contactTexts } from './contact.messages.js';

export const JOB_CONTACT_MESSAGE = 'contact.message';
export const JOB_CONTACT_MAIL = 'contact.mail';

/** The payload of a contact message: what was typed, who was logged in (for the facilitators and for erasure). */
type MessagePayload = ContactBody & { userId: string | null; sentAt: string };
type MailPayload = MessagePayload & { to: string; kind: 'facilitator' | 'copy' };

const parisDateTime = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)).replace(':', ' h ');

/**
 * A message of the contact form, from a visitor or a member: queued, so the answer never waits for
 * the mail server; the facilitators and the copy to the sender are e-mailed by jobs. The quota and
 * the validation are the route's business (nothing is queued for a refused message).
 */
export async function sendContactMessage(deps: Deps, user: AuthUser | null, body: ContactBody): Promise<{ ok: true; message: string }> {
  const payload: MessagePayload = { ...body, userId: user?.id ?? null, sentAt: deps.clock.now().toISOString() };
  await deps.jobs.enqueue(JOB_CONTACT_MESSAGE, payload);
  return { ok: true as const, message: contactTexts.sent(body.email) };
}

/** Who the facilitators are when the message is delivered: active facilitators, or else the admins. */
export async function facilitatorAddresses(deps: Deps): Promise<string[]> {
  const active = (role: 'facilitator' | 'admin') =>
    deps.db.select({ email: users.email }).from(users).where(and(eq(users.role, role), isNull(users.disabledAt))).orderBy(asc(users.email));
  let found = await active('facilitator');
  // A platform without a facilitator yet: the message must still reach someone.
  if (!found.length) found = await active('admin');
  return found.map((f) => f.email);
}

/** How the facilitators see the sender's account, read when the e-mail is built. */
async function accountLine(deps: Deps, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [u] = await deps.db.select({ email: users.email, firstName: users.firstName, lastName: users.lastName, role: users.role }).from(users).where(eq(users.id, userId));
  if (!u) return null;
  const orgs = await deps.db
    .select({ name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'verified')))
    .orderBy(asc(organisations.name));
  const who = `Envoyé depuis le compte de ${u.firstName} ${u.lastName} (${u.email})`;
  if (u.role !== 'member') return `${who}, ${u.role === 'admin' ? 'administrateur' : "membre de l'équipe d'animation"}.`;
  return orgs.length ? `${who}, membre vérifié de : ${orgs.map((o) => o.name).join(', ')}.` : `${who}, sans organisation vérifiée.`;
}

export function registerContactJobs(deps: Deps) {
  const { jobs, mailer } = deps;
  // One job per e-mail, so a failed delivery is retried alone and never sends the others twice.
  jobs.register(JOB_CONTACT_MESSAGE, async (p: MessagePayload) => {
    const to = await facilitatorAddresses(deps);
    await deps.db.transaction(async (tx) => {
      for (const address of to) await jobs.enqueue(JOB_CONTACT_MAIL, { ...p, to: address, kind: 'facilitator' } satisfies MailPayload, {}, tx);
      await jobs.enqueue(JOB_CONTACT_MAIL, { ...p, to: p.email, kind: 'copy' } satisfies MailPayload, {}, tx);
    });
  });
  jobs.register(JOB_CONTACT_MAIL, async (p: MailPayload) => {
    const sentAt = parisDateTime(p.sentAt);
    if (p.kind === 'copy') {
      await mailer.send({ to: p.to, ...contactMails.copyToSender({ ...p, sentAt }) });
      return;
    }
    await mailer.send({
      to: p.to,
      replyTo: { name: p.name, address: p.email },
      ...contactMails.toFacilitators({ ...p, sentAt, account: await accountLine(deps, p.userId) }),
    });
  });
}
