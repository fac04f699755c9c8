import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { nearbyResponse } from '../../server/actors/actors.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { ActorCard, actorsSearch } from './ActorCard';
import { actorsLabels } from './labels';

const N = actorsLabels.nearby;

/**
 * « Qui peut vous aider dans votre région » (issue 20, item 2), on an organisation's page and on
 * « Mon organisation »: at most five actors, the région's first, then national ones (the rule is the
 * server's, actors.service.ts nearbyActors; docs/modules/actors.md).
 */
export function NearbyActors({ regionCode, regionName, headingLevel = 2, idPrefix }: { regionCode: string | null; regionName: string | null; headingLevel?: 2 | 3; idPrefix: string }) {
  const q = useQuery({
    queryKey: ['actors-nearby', regionCode],
    queryFn: () => api.get(`/api/public/actors/nearby${regionCode ? `?region=${regionCode}` : ''}`, nearbyResponse),
    staleTime: 60_000,
  });
  // Drawn once known: nothing on the server's page, no empty frame.
  if (!q.data) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`${idPrefix}-nearby`} className="fr-mb-6w">
      <Heading id={`${idPrefix}-nearby`}>{N.title}</Heading>
      <p>{N.lead(regionName)}</p>
      {q.data.items.length === 0 ? (
        <p>{N.empty}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {q.data.items.map((a) => (
            <li key={a.id} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
              <ActorCard actor={a} headingLevel={headingLevel === 2 ? 3 : 4} short />
            </li>
          ))}
        </ul>
      )}
      <p className="fr-mt-2w">
        <Link to={paths.actors(regionCode ? actorsSearch({ region: regionCode as never }) : undefined)}>{regionCode ? N.all : N.allNational}</Link>
      </p>
    </section>
  );
}
