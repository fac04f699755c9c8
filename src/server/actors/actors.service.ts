import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import { facilitatorAddresses } from '../contact/contact.service.js';
import { isStaff, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { fail, ok, type Result } from '../platform/result.js';
import { paths } from '../../web/paths.js';
import { regionCodes, regionNames } from '../../shared/fields.js';
import { actorFields, type ActorDetail, type ActorField, type ActorInput, type ActorKind, type ActorsQuery, type ActorsResponse, type ActorSummary } from './actors.contract.js';
import { actorMails } from './actors.messages.js';
import { actorCorrections, actorRevisions, actors } from './actors.tables.js';

/**
 * The directory of support actors (issue 20, items 1–2): public reading with filters and the count
 * per région for the map, facilitators' maintenance with a revision per change, members' corrections
 * accepted or refused by a facilitator, and the few actors shown on an organisation's pages.
 */

export const JOB_CORRECTION_PROPOSED = 'actors.correction-proposed';
export const JOB_CORRECTION_DECIDED = 'actors.correction-decided';
export const JOB_ACTORS_MAIL = 'actors.mail';

type ActorRow = typeof actors.$inferSelect;

const summary = (a: ActorRow): ActorSummary => ({
  id: a.id,
  name: a.name,
  kind: a.kind as ActorKind,
  national: a.national,
  regionCodes: a.regionCodes,
  themes: a.themes,
  description: a.description,
  website: a.website,
  contact: a.contact,
  sources: a.sources,
  archived: a.archivedAt !== null,
});

const values = (a: ActorRow): Record<ActorField, unknown> => ({
  name: a.name,
  kind: a.kind,
  national: a.national,
  regionCodes: a.regionCodes,
  themes: a.themes,
  description: a.description,
  website: a.website,
  contact: a.contact,
  sources: a.sources,
});

// A national actor's régions are « all »: none are stored, so a correction cannot leave stale ones.
const normalise = (input: ActorInput): ActorInput => ({ ...input, regionCodes: input.national ? [] : [...new Set(input.regionCodes)].sort(), themes: [...new Set(input.themes)] });

/** The fields of `next` that differ from the stored actor, with the stored (previous) values. */
function diff(current: ActorRow, next: ActorInput): { changed: ActorField[]; previous: Record<string, unknown> } {
  const before = values(current);
  const changed = actorFields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
  return { changed, previous: Object.fromEntries(changed.map((f) => [f, before[f]])) };
}

// jsonb keeps its own key order: the fields of a correction in the form's order.
const fieldsOf = (proposed: Record<string, unknown>) => actorFields.filter((f) => f in proposed);

/** Actors acting in a région: the ones covering it and the national ones. */
const inRegion = (code: string) => sql`(${actors.national} OR ${code} = ANY(${actors.regionCodes}))`;

/** The directory's list under the filters, and the count per région (under the other filters). */
export async function listActors(deps: Deps, q: ActorsQuery): Promise<ActorsResponse> {
  const common: SQL[] = [isNull(actors.archivedAt)];
  if (q.type) common.push(eq(actors.kind, q.type));
  if (q.theme) common.push(sql`${q.theme} = ANY(${actors.themes})`);
  const listed = q.region ? [...common, inRegion(q.region)] : common;
  // Regional actors first (those of the chosen région when one is), then national ones, by name.
  const found = await deps.db.select().from(actors).where(and(...listed)).orderBy(asc(actors.national), sql`lower(${actors.name})`);
  const counted = await deps.db.select({ national: actors.national, regionCodes: actors.regionCodes }).from(actors).where(and(...common));
  const nationalCount = counted.filter((a) => a.national).length;
  return {
    items: found.map(summary),
    total: found.length,
    regions: regionCodes
      .map((code) => ({ code, name: regionNames[code] ?? code, count: nationalCount + counted.filter((a) => !a.national && a.regionCodes.includes(code)).length }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

// The order of kinds among the actors shown on an organisation's pages: networks and guichets verts
// answer a buyer's first questions, then training, then the State's services.
const nearbyKindOrder: ActorKind[] = ['regional_network', 'guichet_vert', 'training_body', 'national_institution', 'buyers_association', 'local_government_network', 'ess_inclusion', 'hospital_purchasing'];
export const NEARBY_MAX = 5;

/**
 * « Qui peut vous aider dans votre région » (issue 20, item 2): at most five actors, those covering
 * the région first, then national ones, each group by the order of kinds above and then by name.
 */
export async function nearbyActors(deps: Deps, region: string | undefined): Promise<ActorSummary[]> {
  const found = await deps.db.select().from(actors).where(and(isNull(actors.archivedAt), region ? inRegion(region) : eq(actors.national, true)));
  const rank = (a: ActorRow) => nearbyKindOrder.indexOf(a.kind as ActorKind);
  return found
    .sort((a, b) => Number(a.national) - Number(b.national) || rank(a) - rank(b) || a.name.localeCompare(b.name, 'fr'))
    .slice(0, NEARBY_MAX)
    .map(summary);
}

const personName = sql<string | null>`CASE WHEN ${users.id} IS NULL THEN NULL ELSE ${users.firstName} || ' ' || ${users.lastName} END`;

/** One actor; facilitators also see archived ones, the history and the corrections waiting. */
export async function getActor(deps: Deps, user: AuthUser | null, id: string): Promise<Result<ActorDetail>> {
  const staff = !!user && isStaff(user);
  const [a] = await deps.db.select().from(actors).where(eq(actors.id, id));
  if (!a || (a.archivedAt && !staff)) return fail('ACTOR_NOT_FOUND');
  let history: ActorDetail['history'] = null;
  let corrections: ActorDetail['corrections'] = null;
  if (staff) {
    const revs = await deps.db
      .select({ at: actorRevisions.editedAt, by: personName, change: actorRevisions.change, changed: actorRevisions.changed })
      .from(actorRevisions)
      .leftJoin(users, eq(users.id, actorRevisions.editedBy))
      .where(eq(actorRevisions.actorId, id))
      .orderBy(desc(actorRevisions.editedAt), desc(actorRevisions.id));
    history = revs.map((r) => ({ at: r.at.toISOString(), by: r.by, change: r.change as never, changed: r.changed }));
    const cs = await deps.db
      .select({ id: actorCorrections.id, proposedBy: personName, proposedAt: actorCorrections.proposedAt, comment: actorCorrections.comment, proposed: actorCorrections.proposed, status: actorCorrections.status })
      .from(actorCorrections)
      .leftJoin(users, eq(users.id, actorCorrections.proposedBy))
      .where(and(eq(actorCorrections.actorId, id), eq(actorCorrections.status, 'pending')))
      .orderBy(asc(actorCorrections.proposedAt));
    corrections = cs.map((c) => ({ ...c, proposedAt: c.proposedAt.toISOString(), changed: fieldsOf(c.proposed), status: c.status as never }));
  }
  return ok({
    actor: summary(a),
    history,
    corrections,
    can: { edit: staff, proposeCorrection: !!user && !a.archivedAt },
  });
}

/** A facilitator adds an actor; its first revision says who and when. */
export async function createActor(deps: Deps, user: AuthUser, input: ActorInput): Promise<ActorSummary> {
  const now = deps.clock.now();
  const a = normalise(input);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(actors).values({ ...a, createdAt: now, updatedAt: now }).returning();
    await tx.insert(actorRevisions).values({ actorId: row!.id, editedBy: user.id, editedAt: now, change: 'created', changed: [], previous: {} });
    return summary(row!);
  });
}

/** A facilitator edits an actor: the changed fields and their previous values are kept. */
export async function updateActor(deps: Deps, user: AuthUser, id: string, input: ActorInput): Promise<Result<ActorSummary>> {
  return deps.db.transaction(async (tx) => {
    const [a] = await tx.select().from(actors).where(eq(actors.id, id)).for('update');
    if (!a) return fail('ACTOR_NOT_FOUND');
    if (a.archivedAt) return fail('ACTOR_ARCHIVED');
    const next = normalise(input);
    const { changed, previous } = diff(a, next);
    if (!changed.length) return ok(summary(a));
    const now = deps.clock.now();
    const [row] = await tx.update(actors).set({ ...next, updatedAt: now }).where(eq(actors.id, id)).returning();
    await tx.insert(actorRevisions).values({ actorId: id, editedBy: user.id, editedAt: now, change: 'edited', changed, previous });
    return ok(summary(row!));
  });
}

/** Archive (out of the directory, kept with its history) or bring back an actor. */
export async function setArchived(deps: Deps, user: AuthUser, id: string, archived: boolean): Promise<Result<ActorSummary>> {
  return deps.db.transaction(async (tx) => {
    const [a] = await tx.select().from(actors).where(eq(actors.id, id)).for('update');
    if (!a) return fail('ACTOR_NOT_FOUND');
    if ((a.archivedAt !== null) === archived) return ok(summary(a));
    const now = deps.clock.now();
    const [row] = await tx.update(actors).set({ archivedAt: archived ? now : null, updatedAt: now }).where(eq(actors.id, id)).returning();
    await tx.insert(actorRevisions).values({ actorId: id, editedBy: user.id, editedAt: now, change: archived ? 'archived' : 'restored', changed: [], previous: {} });
    return ok(summary(row!));
  });
}

/** A member proposes a correction: only what differs is kept; the facilitators are e-mailed by a job. */
export async function proposeCorrection(deps: Deps, user: AuthUser, id: string, input: { proposed: ActorInput; comment: string }): Promise<Result<{ id: string }>> {
  const [a] = await deps.db.select().from(actors).where(eq(actors.id, id));
  if (!a || a.archivedAt) return fail('ACTOR_NOT_FOUND');
  const next = normalise(input.proposed);
  const { changed } = diff(a, next);
  if (!changed.length) return fail('CORRECTION_EMPTY');
  const proposed = Object.fromEntries(changed.map((f) => [f, next[f]]));
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(actorCorrections)
      .values({ actorId: id, proposedBy: user.id, proposedAt: deps.clock.now(), comment: input.comment, proposed })
      .returning({ id: actorCorrections.id });
    await deps.jobs.enqueue(JOB_CORRECTION_PROPOSED, { correctionId: row!.id }, {}, tx);
    return ok({ id: row!.id });
  });
}

/**
 * A facilitator accepts (the proposed values are applied, as a « correction » revision) or refuses a
 * correction; the member is e-mailed by a job either way.
 */
export async function decideCorrection(
  deps: Deps,
  user: AuthUser,
  actorId: string,
  correctionId: string,
  decision: { decision: 'accept' | 'refuse'; note: string | null },
): Promise<Result<{ status: 'accepted' | 'refused' }>> {
  return deps.db.transaction(async (tx) => {
    // The actor comes from the stored correction's row, never from the request alone (no IDOR).
    const [c] = await tx.select().from(actorCorrections).where(and(eq(actorCorrections.id, correctionId), eq(actorCorrections.actorId, actorId))).for('update');
    if (!c) return fail('CORRECTION_NOT_FOUND');
    if (c.status !== 'pending') return fail('CORRECTION_DECIDED');
    const now = deps.clock.now();
    const status = decision.decision === 'accept' ? ('accepted' as const) : ('refused' as const);
    if (status === 'accepted') {
      const [a] = await tx.select().from(actors).where(eq(actors.id, c.actorId)).for('update');
      if (!a) return fail('ACTOR_NOT_FOUND');
      if (a.archivedAt) return fail('ACTOR_ARCHIVED');
      const next = normalise({ ...(values(a) as ActorInput), ...(c.proposed as Partial<ActorInput>) });
      const { changed, previous } = diff(a, next);
      if (changed.length) {
        await tx.update(actors).set({ ...next, updatedAt: now }).where(eq(actors.id, a.id));
        await tx.insert(actorRevisions).values({ actorId: a.id, editedBy: user.id, editedAt: now, change: 'correction', changed, previous });
      }
    }
    await tx.update(actorCorrections).set({ status, decidedBy: user.id, decidedAt: now, decisionNote: decision.note }).where(eq(actorCorrections.id, c.id));
    await deps.jobs.enqueue(JOB_CORRECTION_DECIDED, { correctionId: c.id }, {}, tx);
    return ok({ status });
  });
}

type MailPayload = { to: string; subject: string; text: string; html: string };

export function registerActorJobs(deps: Deps) {
  const { jobs, mailer } = deps;
  const actorUrl = (id: string) => `${deps.config.baseUrl}${paths.actor(id)}`;
  // The e-mails are built when the job runs, from the rows as they are then; one job per e-mail so a
  // failed delivery is retried alone.
  jobs.register(JOB_CORRECTION_PROPOSED, async ({ correctionId }: { correctionId: string }) => {
    const [c] = await deps.db
      .select({ actorId: actors.id, actor: actors.name, comment: actorCorrections.comment, proposed: actorCorrections.proposed, status: actorCorrections.status, proposer: personName })
      .from(actorCorrections)
      .innerJoin(actors, eq(actors.id, actorCorrections.actorId))
      .leftJoin(users, eq(users.id, actorCorrections.proposedBy))
      .where(eq(actorCorrections.id, correctionId));
    // Already decided (or gone): nobody needs to look at it any more.
    if (!c || c.status !== 'pending') return;
    const mail = actorMails.correctionProposed({ actor: c.actor, proposer: c.proposer ?? 'Un membre', comment: c.comment, changed: fieldsOf(c.proposed), url: actorUrl(c.actorId) });
    const to = await facilitatorAddresses(deps);
    await deps.db.transaction(async (tx) => {
      for (const address of to) await jobs.enqueue(JOB_ACTORS_MAIL, { to: address, ...mail } satisfies MailPayload, {}, tx);
    });
  });
  jobs.register(JOB_CORRECTION_DECIDED, async ({ correctionId }: { correctionId: string }) => {
    const [c] = await deps.db
      .select({ actorId: actors.id, actor: actors.name, status: actorCorrections.status, note: actorCorrections.decisionNote, email: users.email, disabledAt: users.disabledAt })
      .from(actorCorrections)
      .innerJoin(actors, eq(actors.id, actorCorrections.actorId))
      .innerJoin(users, eq(users.id, actorCorrections.proposedBy))
      .where(eq(actorCorrections.id, correctionId));
    // The member deleted or disabled their account since: no one to tell.
    if (!c || c.disabledAt) return;
    await mailer.send({ to: c.email, ...actorMails.correctionDecided({ actor: c.actor, accepted: c.status === 'accepted', note: c.note, url: actorUrl(c.actorId) }) });
  });
  jobs.register(JOB_ACTORS_MAIL, async (p: MailPayload) => {
    await mailer.send(p);
  });
}
