import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { territories } from '../territories/territories.tables.js';
import { paths } from '../../web/paths.js';
import { organisationKindKeys, type OrganisationDetail, type OrganisationSummary } from './organisations.contract.js';
import { organisationMails, publicMailDomains } from './organisations.messages.js';
import { spaserVerdict, verdictKind, verdictPeriod, type Verdict } from './obligation.js';
import { expandQuery } from './search-terms.js';
import { decpYears, estimateMany } from '../procurement/indicators/estimate.service.js';
import { adoptionDateError, parisToday, recordSpaserAdoption } from '../observatory/observatory.service.js';
import { spaserStatusOf } from '../spaser/spaser-status.js';
import type { SpaserStatement, SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import * as policy from './organisations.policy.js';
import { memberships, organisationDomains, organisations, type OrganisationKind } from './organisations.tables.js';

export const SEARCH_PAGE_SIZE = 20;
export const JOB_NOTIFY_REQUEST = 'organisations.notifyMembershipRequest';
export const JOB_NOTIFY_DECISION = 'organisations.notifyMembershipDecision';

const parisDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

type SearchInput = { q?: string; kind?: OrganisationKind; region?: string; departement?: string; page: number; sirenToComplete?: boolean; needsReview?: boolean };

/** Totals are counted up to this many matches: beyond, the page says « plus de 1 000 » (issue 15). */
export const SEARCH_COUNT_CAP = 1000;

type SearchRow = {
  id: string; name: string; siren: string | null; kind: OrganisationKind; population: number | null;
  departement_code: string | null; region_code: string | null; postcodes: string[]; spaser_status: OrganisationSummary['spaserStatus'];
  members_count: string | number;
};

/**
 * Ranked search by name (accents and case ignored), acronym or usual abbreviation, SIREN, SIRET or
 * postcode: exact SIREN first, then the kind the query names, exact name, name prefix, the written-out
 * abbreviations, the closeness of the words, then the larger population. Spelling mistakes are
 * tolerated by trigram similarity only when no name holds the words typed: over 120 000 names a
 * similarity scan of a several-word query costs ~200 ms where the word and substring indexes answer in
 * a few (bench/org-search.ts, docs/performance.md). The total is counted up to SEARCH_COUNT_CAP.
 */
export async function search(deps: Deps, input: SearchInput): Promise<{ items: OrganisationSummary[]; total: number; totalCapped: boolean; page: number; pageSize: number }> {
  const filters = [sql`true`];
  if (input.kind) filters.push(sql`o.kind = ${input.kind}`);
  if (input.region) filters.push(sql`o.region_code = ${input.region}`);
  if (input.departement) filters.push(sql`o.departement_code = ${input.departement}`);
  if (input.sirenToComplete) filters.push(sql`o.siren IS NULL`);
  // Created from an unknown SIREN of a ProConnect identity, waiting for an admin (ADR 0030).
  if (input.needsReview) filters.push(sql`o.needs_review`);
  const q = (input.q ?? '').trim();
  const digits = q.replace(/\s/g, '');
  const byPopulation = sql`o.population DESC NULLS LAST, o.name`;

  let attempts: { match: ReturnType<typeof sql>; order: ReturnType<typeof sql> }[];
  if (!q) attempts = [{ match: sql`true`, order: byPopulation }];
  else if (/^\d{2,14}$/.test(digits)) {
    // A SIRET starts with the SIREN; five digits may also be a postcode. Both branches use an index
    // (siren text_pattern_ops, postcodes GIN), combined by a bitmap OR.
    const siren = digits.slice(0, 9);
    attempts = [{
      match: sql`(o.siren LIKE ${`${siren}%`} OR o.postcodes @> ARRAY[${digits}]::text[])`,
      order: sql`(o.siren = ${siren}) DESC, ${byPopulation}`,
    }];
  } else {
    // Substring of the folded name, or French words (« centres sociaux » finds « Centre communal
    // d'action sociale »), each with its index, combined by a bitmap OR. Abbreviations written out
    // (« chu st etienne » → « centre hospitalier universitaire saint etienne »), words in any order;
    // a query naming a kind ranks that kind first.
    const { expanded, kind, place } = expandQuery(q);
    const folded = sql`search_normalize(${q})`;
    const spelledOut = sql`french_search_vector(o.name) @@ french_search_query(${expanded})`;
    // The unit's sigle from the SIRENE stock (« HCF », « SDIS 42 »), by its own index (ADR 0021).
    const isAcronym = sql`search_normalize(o.acronym) = btrim(${folded})`;
    const closeness = sql`word_similarity(${folded}, o.name_search) DESC`;
    const ranked = sql`${kind ? sql`(o.kind = ${kind} AND ${spelledOut}) DESC,` : sql``}
        (${isAcronym}) IS TRUE DESC,
        (o.name_search = ${folded}) DESC,
        (o.name_search LIKE ${folded} || '%') DESC,
        ${expanded !== q ? sql`(${spelledOut}) DESC,` : sql``}
        ${closeness}, ${byPopulation}`;
    attempts = [
      { match: sql`(o.name_search LIKE '%' || ${folded} || '%' OR french_search_vector(o.name) @@ french_search_query(${q}) OR ${spelledOut} OR ${isAcronym})`, order: ranked },
      // The kind named by a word no name holds (« chu st etienne » where the register says « Centre
      // hospitalier de Saint-Étienne »): that kind in the place the other words name.
      ...(kind && place
        ? [{ match: sql`o.kind = ${kind} AND french_search_vector(o.name) @@ french_search_query(${place})`, order: sql`word_similarity(search_normalize(${place}), o.name_search) DESC, ${byPopulation}` }]
        : []),
      // Typos (« montpelier »): names whose words are close to the query's.
      { match: sql`${folded} <% o.name_search`, order: sql`${closeness}, ${byPopulation}` },
    ];
  }

  const offset = (input.page - 1) * SEARCH_PAGE_SIZE;
  for (const [i, attempt] of attempts.entries()) {
    const where = sql.join([...filters, attempt.match], sql` AND `);
    // Members are counted for the page only: PostgreSQL evaluates the sub-select after the sort and
    // the limit. No window function: it would make every match sorted instead of only the page.
    const found = await rows<SearchRow>(
      deps.db,
      sql`SELECT o.id, o.name, o.siren, o.kind, o.population, o.departement_code, o.region_code, o.postcodes,
            (SELECT s.status FROM organisation_spaser_status s WHERE s.organisation_id = o.id) AS spaser_status,
            (SELECT count(*) FROM memberships m WHERE m.organisation_id = o.id AND m.status = 'verified') AS members_count
          FROM organisations o
          WHERE ${where}
          ORDER BY ${attempt.order}, o.id
          LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}`,
    );
    // A short first page holds every match: no need to count them again.
    let total = offset + found.length;
    if (found.length === SEARCH_PAGE_SIZE || (found.length === 0 && offset > 0)) {
      const [c] = await rows<{ n: string }>(deps.db, sql`SELECT count(*) AS n FROM (SELECT 1 FROM organisations o WHERE ${where} LIMIT ${SEARCH_COUNT_CAP + 1}) m`);
      total = Number(c?.n ?? 0);
    }
    if (total === 0 && i < attempts.length - 1) continue;
    return {
      items: found.map((r) => ({
        id: r.id,
        name: r.name,
        siren: r.siren,
        kind: r.kind,
        population: r.population,
        departementCode: r.departement_code,
        regionCode: r.region_code,
        postcodes: r.postcodes,
        membersCount: Number(r.members_count),
        spaserStatus: r.spaser_status,
      })),
      total: Math.min(total, SEARCH_COUNT_CAP),
      totalCapped: total > SEARCH_COUNT_CAP,
      page: input.page,
      pageSize: SEARCH_PAGE_SIZE,
    };
  }
  return { items: [], total: 0, totalCapped: false, page: input.page, pageSize: SEARCH_PAGE_SIZE };
}

/** How many organisations of each kind the registry holds: the search offers only kinds that exist. */
export async function kindCounts(deps: Deps): Promise<{ kind: OrganisationKind; count: number }[]> {
  const found = await rows<{ kind: OrganisationKind; n: string }>(deps.db, sql`SELECT kind, count(*) AS n FROM organisations GROUP BY kind`);
  return found.map((r) => ({ kind: r.kind, count: Number(r.n) })).sort((a, b) => organisationKindKeys.indexOf(a.kind) - organisationKindKeys.indexOf(b.kind));
}

/** An organisation's page: data, obligation at `date` (today in Paris by default), permissions. */
/**
 * The verdict on the SPASER obligation for one organisation (issue 15, item 4): its kind, its declared
 * purchases, and the DECP estimate of its SIREN for the judged year. The observatory computes the same
 * verdict with the same function for every buyer of its list.
 */
export async function organisationVerdict(
  deps: Deps,
  o: { siren: string | null; kind: OrganisationKind; source: string; legalCategory: string | null; ceasedOn: string | null; declaredYearlyPurchases: number | null; declaredPurchasesYear: number | null },
  asked: { date?: string; year?: number },
): Promise<Verdict> {
  const period = verdictPeriod(asked, parisDate(deps.clock.now()), await decpYears(deps));
  const [estimate] = o.siren ? await estimateMany(deps, period.year, { siren: o.siren }) : [];
  return spaserVerdict({
    kind: verdictKind(o),
    ceasedOn: o.ceasedOn,
    ...period,
    declared: o.declaredYearlyPurchases === null ? null : { amount: o.declaredYearlyPurchases, year: o.declaredPurchasesYear },
    decp: estimate ?? null,
  });
}

export async function getDetail(deps: Deps, id: string, user: AuthUser | null, asked: { date?: string; year?: number } = {}): Promise<Result<OrganisationDetail>> {
  const [o] = await deps.db.select().from(organisations).where(eq(organisations.id, id));
  if (!o) return fail('NOT_FOUND');
  const spaser = await spaserStatusOf(deps.db, id);
  const terrIds = [o.territoryId, o.regionCode ? `region:${o.regionCode}` : null, o.departementCode ? `departement:${o.departementCode}` : null].filter(
    (x): x is string => !!x,
  );
  const terr = terrIds.length ? await deps.db.select().from(territories).where(inArray(territories.id, terrIds)) : [];
  const name = (tid: string | null) => (tid ? (terr.find((t) => t.id === tid)?.name ?? null) : null);
  const members = await deps.db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, jobTitle: users.jobTitle, visibility: users.directoryVisibility })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, id), eq(memberships.status, 'verified')))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const [mine] = user
    ? await deps.db
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.organisationId, id), eq(memberships.userId, user.id)))
    : [];
  const domains = policy.canReviewRequests(user, id)
    ? (await deps.db.select({ d: organisationDomains.domain }).from(organisationDomains).where(eq(organisationDomains.organisationId, id)).orderBy(asc(organisationDomains.domain))).map((x) => x.d)
    : [];
  const visibleMembers = policy.canSeeMembers(user)
    ? members.filter((m) => m.visibility === 'members' || user?.id === m.id || policy.canReviewRequests(user, id))
    : [];
  return ok({
    id: o.id,
    name: o.name,
    siren: o.siren,
    kind: o.kind,
    subKind: o.subKind,
    source: o.source,
    acronym: o.acronym,
    legalCategory: o.legalCategory,
    ceased: o.ceased,
    ceasedOn: o.ceasedOn,
    population: o.population,
    departementCode: o.departementCode,
    regionCode: o.regionCode,
    postcodes: o.postcodes,
    membersCount: members.length,
    spaserStatus: spaser.status,
    territoryName: name(o.territoryId),
    regionName: name(o.regionCode ? `region:${o.regionCode}` : null),
    departementName: name(o.departementCode ? `departement:${o.departementCode}` : null),
    declaredYearlyPurchases: o.declaredYearlyPurchases,
    declaredPurchasesYear: o.declaredPurchasesYear,
    spaserUrl: spaser.url,
    spaserAdoptedOn: spaser.adoptedOn,
    spaserSource: spaser.source,
    spaserId: spaser.spaserId,
    sirenToComplete: o.siren === null,
    needsReview: o.needsReview,
    obligation: await organisationVerdict(deps, o, asked),
    members: visibleMembers.map(({ visibility: _v, ...m }) => m),
    domains,
    can: {
      edit: policy.canEditOrganisation(user, id),
      requestMembership: policy.canRequestMembership(user, mine?.status ?? null),
      reviewRequests: policy.canReviewRequests(user, id),
      manageDomains: policy.canManageDomains(user),
      editSiren: policy.canEditSiren(user),
    },
    myMembership: mine?.status ?? null,
  });
}

type SpaserPatch = { spaserStatus?: SpaserStatement | 'adopted'; spaserUrl?: string | null; spaserAdoptedOn?: string | null };
type SpaserPlan = { errors: Record<string, string> } | { statement?: SpaserStatement; adopt?: { url: string; adoptedOn: string } };

/**
 * Pure: what a PATCH does with the SPASER fields, given the organisation's derived status. An adoption
 * (status "adopted", its URL and date) goes to the declarations (ADR 0016, 0025), only when it changes
 * something; the URL and date describe an adoption, so they are refused with another status, and
 * required with this one. Another status is the member's statement, dated (it withdraws older declarations).
 */
export function spaserPatchPlan(current: { spaserStatus: SpaserStatusKey; spaserUrl: string | null; spaserAdoptedOn: string | null }, patch: SpaserPatch): SpaserPlan {
  const adopting = patch.spaserStatus === 'adopted' || (patch.spaserStatus === undefined && (patch.spaserUrl != null || patch.spaserAdoptedOn != null));
  if (!adopting) {
    const errors: Record<string, string> = {};
    if (patch.spaserUrl != null) errors.spaserUrl = "L'adresse du SPASER ne s'indique que pour un SPASER adopté.";
    if (patch.spaserAdoptedOn != null) errors.spaserAdoptedOn = "La date d'adoption ne s'indique que pour un SPASER adopté.";
    if (Object.keys(errors).length) return { errors };
    return patch.spaserStatus === undefined ? {} : { statement: patch.spaserStatus as SpaserStatement };
  }
  // Left out of the request: the current adoption's URL or date is kept.
  const url = patch.spaserUrl === undefined ? current.spaserUrl : patch.spaserUrl;
  const adoptedOn = patch.spaserAdoptedOn === undefined ? current.spaserAdoptedOn : patch.spaserAdoptedOn;
  const errors: Record<string, string> = {};
  if (!url) errors.spaserUrl = "Indiquez l'adresse web du SPASER adopté.";
  if (!adoptedOn) errors.spaserAdoptedOn = "Indiquez la date d'adoption du SPASER.";
  if (Object.keys(errors).length) return { errors };
  const same = current.spaserStatus === 'adopted' && current.spaserUrl === url && current.spaserAdoptedOn === adoptedOn;
  return same ? {} : { adopt: { url: url!, adoptedOn: adoptedOn! } };
}

/**
 * Updates what a verified member declares: yearly purchases and SPASER statement. An adoption is
 * recorded as a SPASER declaration (history: who, when), as by the observatory's form.
 */
export async function update(
  deps: Deps,
  actor: AuthUser,
  id: string,
  patch: { declaredYearlyPurchases?: number | null; declaredPurchasesYear?: number | null } & SpaserPatch,
): Promise<Result<{ ok: true }>> {
  const { spaserStatus, spaserUrl, spaserAdoptedOn, ...rest } = patch;
  const [exists] = await deps.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!exists) return fail('NOT_FOUND');
  const current = await spaserStatusOf(deps.db, id);
  const plan = spaserPatchPlan({ spaserStatus: current.status, spaserUrl: current.url, spaserAdoptedOn: current.adoptedOn }, { spaserStatus, spaserUrl, spaserAdoptedOn });
  if ('errors' in plan) return fail('VALIDATION', plan.errors);
  const dateError = plan.adopt ? adoptionDateError(plan.adopt.adoptedOn, parisToday(deps)) : null;
  if (dateError) return fail('VALIDATION', { spaserAdoptedOn: dateError });
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // A statement is dated: declarations made before it no longer count (the history keeps them).
    const statement = plan.statement ? { spaserStatement: plan.statement, spaserStatedAt: now } : {};
    await tx.update(organisations).set({ ...rest, ...statement, updatedAt: now }).where(eq(organisations.id, id));
    if (plan.adopt) await recordSpaserAdoption(deps, tx, actor, id, plan.adopt);
  });
  return ok({ ok: true as const });
}

const emailDomain = (email: string) => email.split('@')[1]!.toLowerCase();

/**
 * A member asks to join: verified at once when their verified e-mail's domain is declared for the
 * organisation; otherwise pending, and its verified members (or the facilitators) are told.
 */
export async function requestMembership(
  deps: Deps,
  user: AuthUser,
  organisationId: string,
  message: string,
): Promise<Result<{ id: string; status: 'pending' | 'verified' | 'rejected'; decidedVia: 'member' | 'facilitator' | 'domain' | null; message: string }>> {
  const { db, clock, jobs } = deps;
  return db.transaction(async (tx) => {
    const [o] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
    if (!o) return fail('NOT_FOUND');
    const [existing] = await tx.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, organisationId)));
    if (existing?.status === 'verified') return fail('ALREADY_MEMBER');
    if (existing?.status === 'pending') return fail('ALREADY_PENDING');
    const domain = emailDomain(user.email);
    const [match] = await tx
      .select({ id: organisationDomains.id })
      .from(organisationDomains)
      .where(and(eq(organisationDomains.organisationId, organisationId), eq(organisationDomains.domain, domain)));
    const now = clock.now();
    const values = match
      ? { status: 'verified' as const, decidedVia: 'domain' as const, decidedBy: null, decidedAt: now }
      : { status: 'pending' as const, decidedVia: null, decidedBy: null, decidedAt: null };
    let id: string;
    if (existing) {
      await tx.update(memberships).set({ ...values, message, createdAt: now }).where(eq(memberships.id, existing.id));
      id = existing.id;
    } else {
      const [m] = await tx.insert(memberships).values({ userId: user.id, organisationId, message, createdAt: now, ...values }).returning({ id: memberships.id });
      id = m!.id;
    }
    if (values.status === 'pending') await jobs.enqueue(JOB_NOTIFY_REQUEST, { membershipId: id }, {}, tx);
    return ok({
      id,
      status: values.status,
      decidedVia: values.decidedVia,
      message: match
        ? `Votre adresse e-mail (@${domain}) est celle de l'organisation : vous êtes membre vérifié.`
        : "Demande envoyée : un membre vérifié de l'organisation ou l'équipe d'animation va la valider.",
    });
  });
}

/** Pending requests of an organisation, for its verified members and the facilitators. */
export async function listRequests(deps: Deps, organisationId: string) {
  const items = await deps.db
    .select({
      id: memberships.id,
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      jobTitle: users.jobTitle,
      email: users.email,
      message: memberships.message,
      siret: memberships.siret,
      status: memberships.status,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.status, 'pending')))
    .orderBy(asc(memberships.createdAt));
  return { items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
}

export const QUEUE_PAGE_SIZE = 50;

/**
 * The facilitators' queue (issue 15, item 5): pending requests of every organisation, oldest first,
 * with the requester's e-mail domain and whether it is one of the organisation's declared domains
 * (the same exact match as the automatic verification). Disabled accounts are left out: their
 * requests cannot be acted upon by anyone.
 */
export async function requestsQueue(deps: Deps, input: { page: number }) {
  const { db } = deps;
  const where = and(eq(memberships.status, 'pending'), isNull(users.disabledAt));
  const [counted] = await db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  const found = await db
    .select({ m: memberships, u: users, o: organisations })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(where)
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((input.page - 1) * QUEUE_PAGE_SIZE);
  const orgIds = [...new Set(found.map((r) => r.o.id))];
  const declared = orgIds.length
    ? await db
        .select({ organisationId: organisationDomains.organisationId, domain: organisationDomains.domain })
        .from(organisationDomains)
        .where(inArray(organisationDomains.organisationId, orgIds))
        .orderBy(asc(organisationDomains.domain))
    : [];
  return {
    items: found.map(({ m, u, o }) => {
      const domain = emailDomain(u.email);
      const declaredDomains = declared.filter((d) => d.organisationId === o.id).map((d) => d.domain);
      return {
        id: m.id,
        createdAt: m.createdAt.toISOString(),
        message: m.message,
        siret: m.siret,
        requester: { id: u.id, firstName: u.firstName, lastName: u.lastName, jobTitle: u.jobTitle, email: u.email },
        organisation: { id: o.id, name: o.name, kind: o.kind, siren: o.siren, departementCode: o.departementCode, needsReview: o.needsReview },
        emailDomain: domain,
        declaredDomains,
        domainMatches: declaredDomains.includes(domain),
        publicMailDomain: publicMailDomains.has(domain),
      };
    }),
    total: Number(counted?.n ?? 0),
    page: input.page,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

/** Approves or rejects a pending request; the request is looked up within the organisation (no IDOR). */
export async function decide(
  deps: Deps,
  actor: AuthUser,
  organisationId: string,
  membershipId: string,
  decision: 'approve' | 'reject',
): Promise<Result<{ ok: true; message: string }>> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(memberships)
      .set({
        status: decision === 'approve' ? 'verified' : 'rejected',
        decidedVia: actor.verifiedOrganisationIds.includes(organisationId) ? 'member' : 'facilitator',
        decidedBy: actor.id,
        decidedAt: now,
      })
      .where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, organisationId), eq(memberships.status, 'pending')))
      .returning({ id: memberships.id });
    if (!updated.length) {
      const [exists] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, organisationId)));
      return fail(exists ? 'REQUEST_NOT_PENDING' : 'NOT_FOUND');
    }
    await deps.jobs.enqueue(JOB_NOTIFY_DECISION, { membershipId }, {}, tx);
    return ok({ ok: true as const, message: decision === 'approve' ? 'Demande approuvée.' : 'Demande refusée.' });
  });
}

export async function listDomains(deps: Deps, organisationId: string) {
  const ds = await deps.db.select({ d: organisationDomains.domain }).from(organisationDomains).where(eq(organisationDomains.organisationId, organisationId)).orderBy(asc(organisationDomains.domain));
  return { domains: ds.map((x) => x.d) };
}

/** Declares an e-mail domain whose verified addresses join the organisation automatically. */
export async function addDomain(deps: Deps, actor: AuthUser, organisationId: string, domain: string): Promise<Result<{ domains: string[] }>> {
  if (publicMailDomains.has(domain)) return fail('PUBLIC_MAIL_DOMAIN', { domain: "Domaine d'une messagerie grand public." });
  const [o] = await deps.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!o) return fail('NOT_FOUND');
  const inserted = await deps.db
    .insert(organisationDomains)
    .values({ organisationId, domain, declaredBy: actor.id, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ id: organisationDomains.id });
  if (!inserted.length) return fail('DOMAIN_TAKEN', { domain: 'Domaine déjà déclaré.' });
  return ok(await listDomains(deps, organisationId));
}

export async function removeDomain(deps: Deps, organisationId: string, domain: string): Promise<Result<{ domains: string[] }>> {
  const removed = await deps.db
    .delete(organisationDomains)
    .where(and(eq(organisationDomains.organisationId, organisationId), eq(organisationDomains.domain, domain.toLowerCase())))
    .returning({ id: organisationDomains.id });
  if (!removed.length) return fail('NOT_FOUND');
  return ok(await listDomains(deps, organisationId));
}

/** Adds a buyer that the registry does not hold (hospital, State service, syndicat, office…). */
export async function createOrganisation(
  deps: Deps,
  actor: AuthUser,
  input: { siren: string; name: string; kind: OrganisationKind; departementCode: string | null; domain?: string },
): Promise<Result<{ id: string }>> {
  const now = deps.clock.now();
  let regionCode: string | null = null;
  if (input.departementCode) {
    const [d] = await deps.db.select().from(territories).where(eq(territories.id, `departement:${input.departementCode}`));
    if (!d) return fail('VALIDATION', { departementCode: 'Département inconnu.' });
    regionCode = d.regionCode;
  }
  if (input.domain && publicMailDomains.has(input.domain)) return fail('PUBLIC_MAIL_DOMAIN', { domain: "Domaine d'une messagerie grand public." });
  return deps.db.transaction(async (tx) => {
    const [o] = await tx
      .insert(organisations)
      .values({
        siren: input.siren,
        name: input.name,
        kind: input.kind,
        departementCode: input.departementCode,
        regionCode,
        territoryId: input.departementCode ? `departement:${input.departementCode}` : null,
        source: 'admin',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: organisations.id });
    if (!o) return fail('SIREN_TAKEN', { siren: 'Une organisation existe déjà avec ce SIREN.' });
    if (input.domain) await tx.insert(organisationDomains).values({ organisationId: o.id, domain: input.domain, declaredBy: actor.id, createdAt: now });
    return ok({ id: o.id });
  });
}

/** Sets the SIREN of an organisation seeded without one ("SIREN à compléter"). */
export async function setSiren(deps: Deps, organisationId: string, siren: string): Promise<Result<{ ok: true }>> {
  const [clash] = await deps.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.siren, siren));
  if (clash && clash.id !== organisationId) return fail('SIREN_TAKEN', { siren: 'Une organisation existe déjà avec ce SIREN.' });
  const updated = await deps.db.update(organisations).set({ siren, updatedAt: deps.clock.now() }).where(eq(organisations.id, organisationId)).returning({ id: organisations.id });
  return updated.length ? ok({ ok: true as const }) : fail('NOT_FOUND');
}

/**
 * An admin checks an organisation created from the unknown SIREN of a ProConnect identity (ADR 0030):
 * gives its real name and type, and the flag « à vérifier » goes. Only a flagged organisation.
 */
export async function reviewOrganisation(deps: Deps, organisationId: string, input: { name: string; kind: OrganisationKind }): Promise<Result<{ ok: true }>> {
  const [o] = await deps.db.select({ needsReview: organisations.needsReview }).from(organisations).where(eq(organisations.id, organisationId));
  if (!o) return fail('NOT_FOUND');
  if (!o.needsReview) return fail('ORGANISATION_ALREADY_REVIEWED');
  await deps.db
    .update(organisations)
    .set({ name: input.name, kind: input.kind, needsReview: false, updatedAt: deps.clock.now() })
    .where(and(eq(organisations.id, organisationId), eq(organisations.needsReview, true)));
  return ok({ ok: true as const });
}

/** E-mail jobs: built when they run, from the current state; nothing is sent when it no longer applies. */
export function registerOrganisationJobs(deps: Deps) {
  const { db, jobs, mailer, config } = deps;
  jobs.register(JOB_NOTIFY_REQUEST, async ({ membershipId }: { membershipId: string }) => {
    const [m] = await db
      .select({ m: memberships, org: organisations, u: users })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, membershipId));
    if (!m || m.m.status !== 'pending') return;
    let reviewers = await db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, m.org.id), eq(memberships.status, 'verified')));
    // Nobody verified yet: the facilitators decide, from their queue of every organisation's requests.
    const byFacilitators = !reviewers.length;
    if (byFacilitators) reviewers = await db.select({ email: users.email }).from(users).where(eq(users.role, 'facilitator'));
    for (const r of reviewers) {
      await mailer.send({
        to: r.email,
        ...organisationMails.requestReceived({
          organisationName: m.org.name,
          requesterName: `${m.u.firstName} ${m.u.lastName}`,
          requesterJob: m.u.jobTitle,
          url: byFacilitators ? `${config.baseUrl}${paths.adminMembershipRequests()}` : `${config.baseUrl}${paths.organisation(m.org.id)}#demandes`,
        }),
      });
    }
  });
  jobs.register(JOB_NOTIFY_DECISION, async ({ membershipId }: { membershipId: string }) => {
    const [m] = await db
      .select({ m: memberships, org: organisations, u: users })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, membershipId));
    if (!m || m.m.status === 'pending') return;
    await mailer.send({
      to: m.u.email,
      ...organisationMails.decision({ firstName: m.u.firstName, organisationName: m.org.name, approved: m.m.status === 'verified', url: `${config.baseUrl}${paths.myOrganisation()}`, contactUrl: `${config.baseUrl}${paths.contact()}` }),
    });
  });
}

