import { Link } from 'react-router';
import { actorKindLabels, type ActorsQuery, type ActorSummary } from '../../server/actors/actors.contract';
import { regionNames, themes } from '../../shared/fields';
import { paths } from '../paths';
import { actorsLabels } from './labels';

// One support actor's card (issue 20) and the directory's query string: what the directory
// (ActorsView.tsx) and the « near you » list of an organisation's page (NearbyActors.tsx) share, in a
// module of its own so that the organisation page does not load the directory's map with them.

const C = actorsLabels.card;

/** The filters as the URL carries them (the form's field names). */
export const actorsParams = ['region', 'type', 'theme'] as const;

/** The query string of the API and of the page for these filters (empty ones left out). */
export function actorsSearch(q: Partial<ActorsQuery>): string {
  const sp = new URLSearchParams();
  for (const k of actorsParams) if (q[k] !== undefined) sp.set(k, String(q[k]));
  return sp.toString();
}

/** Where an actor acts, in words. */
export const coverage = (a: Pick<ActorSummary, 'national' | 'regionCodes'>) => (a.national ? C.national : a.regionCodes.map((c) => regionNames[c] ?? c).join(', '));

/** One actor in a list: name (to its page), kind, territory, themes, description, site, contact, sources. */
export function ActorCard({ actor, headingLevel = 3, short = false }: { actor: ActorSummary; headingLevel?: 3 | 4; short?: boolean }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="fr-card">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <Heading className="fr-card__title">
            <Link to={paths.actor(actor.id)}>{actor.name}</Link>
          </Heading>
          <div className="fr-card__desc">
            <p className="fr-mb-1w">{short ? actor.description.split(/(?<=\.)\s/)[0] : actor.description}</p>
            {!short && (
              <ul className="fr-tags-group" aria-label={C.themes}>
                {actor.themes.map((t) => (
                  <li key={t}>
                    <p className="fr-tag fr-tag--sm">{themes[t as keyof typeof themes] ?? t}</p>
                  </li>
                ))}
              </ul>
            )}
            {!short && actor.website && (
              <p className="fr-text--sm fr-mb-1w">
                {C.website} :{' '}
                <a href={actor.website} rel="noopener" target="_blank" title={`${actor.website} — nouvelle fenêtre`}>
                  {actor.website}
                </a>
              </p>
            )}
            {!short && actor.contact && (
              <p className="fr-text--sm fr-mb-1w">
                {C.contact} : {actor.contact}
              </p>
            )}
          </div>
          <div className="fr-card__start">
            <p className="fr-card__detail">
              {actorKindLabels[actor.kind]} — {coverage(actor)}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}
