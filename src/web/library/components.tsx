import Badge from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import { cpvDivisions, type CpvDivision } from '../../shared/cpv';
import { themes, type Theme } from '../../shared/fields';
import { Excerpt } from '../helpspace/components';
import { paths } from '../paths';
import { formatDate } from '../platform/format';
import type { ResourceSummary } from './api';
import { libraryLabels as L } from './labels';

export const kindLabel = (k: string) => L.kinds[k as keyof typeof L.kinds] ?? k;
export const themeLabel = (k: string) => themes[k as Theme] ?? k;
export const segmentLabel = (k: string) => (cpvDivisions[k as CpvDivision] ? `${k} — ${cpvDivisions[k as CpvDivision]}` : k);
export const fileKindLabel = (k: string) => L.fileKinds[k] ?? k.toUpperCase();

export { formatSize } from '../platform/format';

/** One resource in a list (home, search, collection, similar): an h3 under the list's h2. */
export function ResourceCard({ r }: { r: ResourceSummary }) {
  return (
    <li className="fr-py-2w entraide-question-item">
      <p className="fr-mb-1w">
        <Badge as="span" small severity="info" noIcon className="fr-mr-1w">
          {kindLabel(r.kind)}
        </Badge>
        {r.visibility !== 'public' && (
          <Badge as="span" small noIcon>
            {L.visibilities[r.visibility]}
          </Badge>
        )}
      </p>
      <h3 className="fr-h6 fr-mb-1w">
        <Link to={paths.libraryResource(r.id)}>{r.title}</Link>
      </h3>
      {r.excerptHtml ? <Excerpt html={r.excerptHtml} /> : r.summary && <p className="fr-text--sm fr-mb-1w">{r.summary}</p>}
      <p className="fr-text--xs fr-mb-0">
        {[
          r.publishedAt ? L.card.published(formatDate(r.publishedAt)) : null,
          r.producer ? L.card.by(r.producer) : null,
          r.fileKinds.length ? `${L.card.files} ${[...new Set(r.fileKinds)].map(fileKindLabel).join(', ')}` : null,
          r.themes.length ? r.themes.map(themeLabel).join(', ') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </li>
  );
}

export function ResourceList({ items, busy }: { items: ResourceSummary[]; busy?: boolean }) {
  return (
    <ul className="entraide-plain-list" aria-busy={busy}>
      {items.map((r) => (
        <ResourceCard key={r.id} r={r} />
      ))}
    </ul>
  );
}
