import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { EventCard } from '../events/components';
import { QuestionCard } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { ResourceList } from '../library/components';
import { paths } from '../paths';
import { isApiError } from '../platform/api';
import { formatDate } from '../platform/format';
import { useTheme, type ThemePageData } from './api';
import { themeLabel, themeLabels } from './labels';

const L = themeLabels.page;
type Kind = keyof typeof L.sections;

/** One kind of item: an h2, its items (h3 each), and a note when there are more than shown. */
function Section({ kind, total, shown, empty, children }: { kind: Kind; total: number; shown: number; empty?: string; children: ReactNode }) {
  const id = `theme-${kind}`;
  return (
    <section aria-labelledby={id} className="fr-mb-6w">
      <h2 id={id} className="fr-h4">
        {L.sections[kind]} <span className="fr-text--md fr-text--regular">({total})</span>
      </h2>
      {total === 0 ? <p>{empty}</p> : children}
      {total > shown && <p className="fr-text--sm fr-mt-1w">{L.more(shown, total)}</p>}
    </section>
  );
}

/** A theme: everything tagged with it that the viewer may read, one section per kind of item. */
export function ThemePage() {
  const { theme = '' } = useParams();
  const crumbs = [{ label: themeLabels.list.title, to: paths.themes() }];
  const q = useTheme(theme);
  if (q.isPending) return <PageLoading title={themeLabel(theme)} breadcrumb={crumbs} />;
  if (q.isError) {
    const unknown = isApiError(q.error) && (q.error.status === 400 || q.error.status === 404);
    return (
      <Page title={L.notFoundTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={q.error.message} className="fr-mb-2w" />
        {unknown && <Link to={paths.themes()}>{L.allThemes}</Link>}
      </Page>
    );
  }
  return <ThemeSections d={q.data} crumbs={crumbs} />;
}

function ThemeSections({ d, crumbs }: { d: ThemePageData; crumbs: { label: string; to: string }[] }) {
  const memberSections = d.codevCases.total + d.announcements.total + d.sponsorQuestions.total;
  return (
    <Page title={d.theme.label} breadcrumb={crumbs} lead={L.lead}>
      <Section kind="questions" total={d.questions.total} shown={d.questions.items.length} empty={L.empty.questions}>
        <ul className="entraide-plain-list">
          {d.questions.items.map((item) => (
            <QuestionCard key={item.id} q={item} />
          ))}
        </ul>
      </Section>
      <Section kind="resources" total={d.resources.total} shown={d.resources.items.length} empty={L.empty.resources}>
        <ResourceList items={d.resources.items} />
      </Section>
      <Section kind="events" total={d.events.total} shown={d.events.items.length} empty={L.empty.events}>
        <ul className="entraide-plain-list">
          {d.events.items.map((e) => (
            <EventCard key={e.id} e={e} />
          ))}
        </ul>
      </Section>
      {d.codevCases.total > 0 && (
        <Section kind="codevCases" total={d.codevCases.total} shown={d.codevCases.items.length}>
          <ul className="entraide-plain-list">
            {d.codevCases.items.map((c) => (
              <li key={c.id} className="fr-py-2w entraide-question-item">
                <h3 className="fr-h6 fr-mb-1w">
                  <Link to={paths.codevSession(c.id)}>{c.title}</Link>
                </h3>
                <p className="fr-text--sm fr-mb-0">
                  <Badge as="span" small noIcon className="fr-mr-1w">
                    {L.codevStatus[c.status]}
                  </Badge>
                  {formatDate(c.startsAt)} · {L.inCohort(c.cohortName, c.groupName)}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {d.announcements.total > 0 && (
        <Section kind="announcements" total={d.announcements.total} shown={d.announcements.items.length}>
          <ul className="entraide-plain-list">
            {d.announcements.items.map((a) => (
              <li key={a.id} className="fr-py-2w entraide-question-item">
                <h3 className="fr-h6 fr-mb-1w">
                  <Link to={paths.cohortAnnouncement(a.cohortId, a.id)}>{a.title}</Link>
                </h3>
                <p className="fr-text--sm fr-mb-0">
                  {L.postedOn(formatDate(a.createdAt))} · {L.inCohort(a.cohortName)}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {d.sponsorQuestions.total > 0 && (
        <Section kind="sponsorQuestions" total={d.sponsorQuestions.total} shown={d.sponsorQuestions.items.length}>
          <ul className="entraide-plain-list">
            {d.sponsorQuestions.items.map((sq) => (
              <li key={sq.id} className="fr-py-2w entraide-question-item">
                <h3 className="fr-h6 fr-mb-1w">
                  <Link to={paths.cohortSponsorQuestion(sq.cohortId, sq.id)}>{sq.excerpt}</Link>
                </h3>
                <p className="fr-text--sm fr-mb-0">
                  <Badge as="span" small noIcon severity={sq.answered ? 'success' : 'new'} className="fr-mr-1w">
                    {sq.answered ? L.answered : L.waiting}
                  </Badge>
                  {L.askedOn(formatDate(sq.createdAt))} · {L.inCohort(sq.cohortName)}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {memberSections === 0 && <p className="fr-text--sm">{L.membersOnly}</p>}
      <p>
        <Link to={paths.themes()}>{L.allThemes}</Link>
      </p>
    </Page>
  );
}
