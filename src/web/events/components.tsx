import Badge from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import { paths } from '../paths';
import type { EventSummary } from './api';
import { eventLabels as L } from './labels';
import { ThemeTags } from '../themes/components';

const dayTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });
const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });
const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });

/** « jeudi 26 mars 2026 à 10:00 – 11:30 » in Paris time (the end's date when it is another day). */
export function whenText(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  return `${dayTime.format(s)} – ${day.format(s) === day.format(e) ? time.format(e) : dayTime.format(e)}`;
}

/** Kind, cancelled, full, and the member's own registration, as DSFR badges. */
export function EventBadges({ e }: { e: Pick<EventSummary, 'kind' | 'status' | 'placesLeft' | 'my'> }) {
  return (
    <p className="fr-mb-1w">
      <Badge as="span" small severity="info" noIcon className="fr-mr-1w">
        {L.kinds[e.kind]}
      </Badge>
      {e.status === 'cancelled' && (
        <Badge as="span" small severity="error" className="fr-mr-1w">
          {L.summary.cancelled}
        </Badge>
      )}
      {e.status === 'scheduled' && e.placesLeft === 0 && (
        <Badge as="span" small severity="warning" className="fr-mr-1w">
          {L.summary.full}
        </Badge>
      )}
      {e.my?.status === 'registered' && (
        <Badge as="span" small severity="success" className="fr-mr-1w">
          {L.summary.registered}
        </Badge>
      )}
      {e.my?.status === 'waitlisted' && (
        <Badge as="span" small severity="new" className="fr-mr-1w">
          {L.summary.waitlisted(e.my.waitlistPosition)}
        </Badge>
      )}
    </p>
  );
}

/** One event in a list: an h3 under the list's h2. */
export function EventCard({ e }: { e: EventSummary }) {
  return (
    <li className="fr-py-2w entraide-question-item">
      <h3 className="fr-h6 fr-mb-1w">
        <Link to={paths.event(e.id)}>{e.title}</Link>
      </h3>
      <EventBadges e={e} />
      <p className="fr-text--sm fr-mb-1w">
        {whenText(e.startsAt, e.endsAt)} · {[e.place, e.online ? L.summary.online : null].filter(Boolean).join(' et ')}
        {e.status === 'scheduled' && ` · ${e.placesLeft === null ? L.summary.unlimited : L.summary.placesLeft(e.placesLeft)}`}
      </p>
      {e.speakers.length > 0 && (
        <p className="fr-text--xs fr-mb-1w">
          {L.summary.speakers} {e.speakers.join(', ')}
        </p>
      )}
      <ThemeTags themes={e.themes} className="fr-mb-0" />
    </li>
  );
}
