import Tag from '@codegouvfr/react-dsfr/Tag';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { announcementsResponse } from '../../server/cohorts/programme/announcements.contract';
import { PostBody } from '../helpspace/components';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatDateTime } from '../platform/format';
import { cohortsKey } from './api';
import { announcementLabels as L } from './editions.labels';

export const useAnnouncements = (cohortId: string) =>
  useQuery({ queryKey: [...cohortsKey, 'announcements', cohortId], queryFn: () => api.get(`/api/cohorts/${encodeURIComponent(cohortId)}/announcements`, announcementsResponse) });

/** The cohort's announcements, newest first, in the members' part of its page. */
export function AnnouncementsSection({ cohortId }: { cohortId: string }) {
  const q = useAnnouncements(cohortId);
  return (
    <section aria-labelledby="cohort-announcements" className="fr-mb-4w" id="annonces">
      <h3 id="cohort-announcements">{L.section}</h3>
      {q.data?.can.post && (
        <p>
          <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={paths.cohortAnnouncementNew(cohortId)}>
            {L.write}
          </Link>
        </p>
      )}
      {q.data && q.data.items.length === 0 && <p>{L.none}</p>}
      {q.data?.items.map((a) => (
        <article key={a.id} id={`annonce-${a.id}`} className="fr-mb-3w" aria-labelledby={`annonce-${a.id}-title`}>
          <h4 id={`annonce-${a.id}-title`} className="fr-h6 fr-mb-1v">
            {a.title}
          </h4>
          <p className="fr-text--sm fr-mb-1w">
            {L.byOn(a.author ? `${a.author.firstName} ${a.author.lastName}` : null, formatDateTime(a.createdAt))} — {L.sentTo(a.recipientCount)}
          </p>
          <PostBody html={a.bodyHtml} />
          {a.themes.length > 0 && (
            <p className="fr-text--sm">
              <span className="fr-sr-only">{L.themesOf} </span>
              {a.themes.map((k) => (
                <Tag key={k} small as="span" className="fr-mr-1w">
                  {L.themeNames[k]}
                </Tag>
              ))}
            </p>
          )}
        </article>
      ))}
    </section>
  );
}
