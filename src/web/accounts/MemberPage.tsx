import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Table from '@codegouvfr/react-dsfr/Table';
import Tag from '@codegouvfr/react-dsfr/Tag';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { memberProfile } from '../../server/accounts/accounts.contract';
import { themes, type Theme } from '../../shared/fields';
import { cohortLabels } from '../cohorts/labels';
import { MemberIntroduction } from '../introductions/MemberIntroduction';
import { Page, PageLoading } from '../layout/Page';
import { SpaserBadge } from '../organisations/components';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatCalendarDate } from '../platform/format';
import { useTerritories } from '../platform/territories';
import { accountsLabels as AL } from './labels';

const L = AL.member;
const themeLabel = (t: string | null) => (t === null ? L.noTheme : (themes[t as Theme] ?? t));

/**
 * A member's profile (issue 20, item 3): what they offer to peers; their e-mail address only to a
 * member whose contact request they accepted, or who accepted theirs (item 5, MemberIntroduction).
 */
export function MemberPage() {
  const { id = '' } = useParams();
  const territories = useTerritories();
  const q = useQuery({ queryKey: ['members', 'profile', id], queryFn: () => api.get(`/api/members/${encodeURIComponent(id)}`, memberProfile), retry: false });
  const breadcrumb = [{ label: L.breadcrumb, to: paths.directory() }];
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={breadcrumb} />;
  const m = q.data;
  if (!m)
    return (
      <Page title={L.title} breadcrumb={breadcrumb}>
        <Alert severity="error" title={(q.error as Error)?.message ?? ''} />
      </Page>
    );

  return (
    <Page title={`${m.firstName} ${m.lastName}`} breadcrumb={breadcrumb}>
      {m.self && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          small
          description={
            <>
              {m.visible ? L.selfVisible : L.selfHidden} <Link to={paths.profile()}>{L.editOwn}</Link>
            </>
          }
        />
      )}
      <dl className="entraide-facts fr-mb-3w">
        <dt>{L.job}</dt>
        <dd>{m.jobTitle || L.notProvided}</dd>
        <dt>{L.region}</dt>
        <dd>{m.regionCode ? territories.regionName(m.regionCode) : L.notProvided}</dd>
      </dl>
      {m.availableToHelp && (
        <Badge as="p" severity="success" className="fr-mb-3w">
          {L.availableBadge}
        </Badge>
      )}
      {!m.self && <MemberIntroduction memberId={m.id} name={`${m.firstName} ${m.lastName}`} />}

      <section aria-labelledby="member-organisations" className="fr-mb-4w">
        <h2 id="member-organisations" className="fr-h4">
          {L.organisationsTitle}
        </h2>
        <ul>
          {m.organisations.map((o) => (
            <li key={o.id}>
              <Link to={paths.organisation(o.id)}>{o.name}</Link> — {L.spaserStatus} <SpaserBadge status={o.spaserStatus} />
              {o.spaserAdoptedOn && <> ({L.adoptedOn(formatCalendarDate(o.spaserAdoptedOn))})</>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="member-themes" className="fr-mb-4w">
        <h2 id="member-themes" className="fr-h4">
          {L.themesTitle}
        </h2>
        {m.themes.length > 0 ? (
          <ul className="fr-tags-group">
            {m.themes.map((t) => (
              <li key={t}>
                <Tag small>{themeLabel(t)}</Tag>
              </li>
            ))}
          </ul>
        ) : (
          <p>{L.noThemes}</p>
        )}
      </section>

      <section aria-labelledby="member-useful" className="fr-mb-4w">
        <h2 id="member-useful" className="fr-h4">
          {L.usefulTitle}
        </h2>
        {m.usefulAnswers.total === 0 ? (
          <p>{L.usefulNone}</p>
        ) : (
          <>
            <p>{L.usefulTotal(m.usefulAnswers.total)}</p>
            <Table
              caption={L.usefulCaption}
              headers={[L.usefulTheme, L.usefulCount]}
              data={m.usefulAnswers.byTheme.map((t) => [themeLabel(t.theme), String(t.count)])}
            />
          </>
        )}
      </section>

      <section aria-labelledby="member-cohorts" className="fr-mb-4w">
        <h2 id="member-cohorts" className="fr-h4">
          {L.cohortsTitle}
        </h2>
        {m.cohorts.length === 0 ? (
          <p>{L.cohortsNone}</p>
        ) : (
          <ul>
            {m.cohorts.map((c) => (
              <li key={c.id}>
                <Link to={paths.cohort(c.id)}>{c.name}</Link> — {cohortLabels.role[c.role]}, {L.cohortLine(c.edition, formatCalendarDate(c.startsOn))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="fr-text--sm">{L.noEmail}</p>
    </Page>
  );
}
