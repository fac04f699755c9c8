// Suggests co-development groups (pure, no I/O): groups of 5 to 8 people, as even as possible,
// mixing kinds of organisation, never two people of one organisation in a group (domain §4.1).

export const GROUP_MIN = 5;
export const GROUP_MAX = 8;

export type Candidate = { userId: string; name: string; organisationId: string | null; organisationName: string | null; organisationKind: string | null };

export type SuggestionFailure =
  | { reason: 'too_few'; count: number }
  | { reason: 'sizes'; count: number }
  | { reason: 'same_organisation'; organisationName: string; people: number; groups: number };

export type Suggestion = { ok: true; groups: Candidate[][] } | { ok: false; failure: SuggestionFailure };

/** How many groups of GROUP_MIN to GROUP_MAX people `n` people make (the fewest, i.e. the largest groups), or null. */
export function groupCount(n: number): number | null {
  const g = Math.ceil(n / GROUP_MAX);
  return g >= 1 && n / g >= GROUP_MIN ? g : null;
}

/**
 * Sorts people by kind of organisation (the most frequent kind first), then by organisation, then
 * by name, and deals them in turn to the groups: consecutive people land in different groups, so
 * each kind is spread evenly and the members of one organisation (consecutive, at most as many as
 * there are groups) never share a group. Group sizes differ by one at most.
 * A person without an organisation counts as an organisation of their own.
 */
export function suggestGroups(people: Candidate[]): Suggestion {
  const n = people.length;
  if (n < GROUP_MIN) return { ok: false, failure: { reason: 'too_few', count: n } };
  const g = groupCount(n);
  if (g === null) return { ok: false, failure: { reason: 'sizes', count: n } };
  const orgKey = (p: Candidate) => p.organisationId ?? `person:${p.userId}`;
  const byOrg = new Map<string, Candidate[]>();
  for (const p of people) byOrg.set(orgKey(p), [...(byOrg.get(orgKey(p)) ?? []), p]);
  for (const members of byOrg.values()) {
    if (members.length > g)
      return { ok: false, failure: { reason: 'same_organisation', organisationName: members[0]!.organisationName ?? '', people: members.length, groups: g } };
  }
  const kindCount = new Map<string, number>();
  const kindOf = (p: Candidate) => p.organisationKind ?? '';
  for (const p of people) kindCount.set(kindOf(p), (kindCount.get(kindOf(p)) ?? 0) + 1);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...people].sort(
    (a, b) =>
      kindCount.get(kindOf(b))! - kindCount.get(kindOf(a))! ||
      cmp(kindOf(a), kindOf(b)) ||
      cmp(orgKey(a), orgKey(b)) ||
      cmp(a.name, b.name) ||
      cmp(a.userId, b.userId),
  );
  const groups: Candidate[][] = Array.from({ length: g }, () => []);
  sorted.forEach((p, i) => groups[i % g]!.push(p));
  return { ok: true, groups };
}

/** Why a group as edited breaks the rules, or null: its size, or two people of one organisation. */
export function groupProblem(members: Candidate[]): { reason: 'size'; count: number } | { reason: 'same_organisation'; organisationName: string } | null {
  if (members.length < GROUP_MIN || members.length > GROUP_MAX) return { reason: 'size', count: members.length };
  const seen = new Set<string>();
  for (const m of members) {
    if (!m.organisationId) continue;
    if (seen.has(m.organisationId)) return { reason: 'same_organisation', organisationName: m.organisationName ?? '' };
    seen.add(m.organisationId);
  }
  return null;
}
