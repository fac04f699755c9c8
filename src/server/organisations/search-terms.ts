import type { OrganisationKind } from './organisations.tables.js';

/**
 * What buyers type for what registry names spell out (issue 15, item 3): « chu st etienne » must meet
 * « Centre hospitalier universitaire de Saint-Étienne ». Whole words only, accents and case ignored.
 * The expanded query is matched beside the one typed (a name may hold the acronym itself).
 */
const ABBREVIATIONS: Record<string, { words: string; kind?: OrganisationKind }> = {
  chu: { words: 'centre hospitalier universitaire', kind: 'hopital' },
  chru: { words: 'centre hospitalier régional universitaire', kind: 'hopital' },
  chr: { words: 'centre hospitalier régional', kind: 'hopital' },
  chi: { words: 'centre hospitalier intercommunal', kind: 'hopital' },
  ch: { words: 'centre hospitalier', kind: 'hopital' },
  hopital: { words: 'hôpital', kind: 'hopital' },
  hopitaux: { words: 'hôpitaux', kind: 'hopital' },
  hospitalier: { words: 'hospitalier', kind: 'hopital' },
  st: { words: 'saint' },
  ste: { words: 'sainte' },
  sts: { words: 'saints' },
  stes: { words: 'saintes' },
  sdis: { words: "service départemental d'incendie et de secours", kind: 'etablissement_public' },
  oph: { words: "office public de l'habitat", kind: 'bailleur_social' },
  opac: { words: "office public d'aménagement et de construction", kind: 'bailleur_social' },
  ccas: { words: "centre communal d'action sociale", kind: 'etablissement_public' },
  cias: { words: "centre intercommunal d'action sociale", kind: 'etablissement_public' },
  cc: { words: 'communauté de communes', kind: 'epci' },
  ca: { words: "communauté d'agglomération", kind: 'epci' },
  cu: { words: 'communauté urbaine', kind: 'epci' },
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export type ExpandedQuery = {
  /** The query with every abbreviation written out; equal to the typed one when there was none. */
  expanded: string;
  /** The kind the query names (« chu » → hospitals): ranked before the others of the same town. */
  kind: OrganisationKind | null;
  /** The other words, written out (« chu st etienne » → « saint etienne »): the place, when a kind is named. */
  place: string;
};

/** Pure: the query with its abbreviations written out, and the kind it points to. */
export function expandQuery(q: string): ExpandedQuery {
  let kind: OrganisationKind | null = null;
  const words = q.split(/[\s,;'’.\-/()]+/u).filter(Boolean);
  const place: string[] = [];
  const out = words.map((w) => {
    const hit = ABBREVIATIONS[fold(w)];
    if (!hit) {
      place.push(w);
      return w;
    }
    kind ??= hit.kind ?? null;
    if (!hit.kind) place.push(hit.words);
    return hit.words;
  });
  return { expanded: out.join(' '), kind, place: place.join(' ') };
}
