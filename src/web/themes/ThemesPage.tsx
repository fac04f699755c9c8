import Alert from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { useThemes } from './api';
import { themeLabels } from './labels';

const L = themeLabels.list;
const kinds = ['questions', 'resources', 'events', 'codevCases', 'announcements', 'sponsorQuestions'] as const;

/** Every theme of the platform's list, with how many items the viewer may read in each. */
export function ThemesPage() {
  const list = useThemes();
  if (list.isPending) return <PageLoading title={L.title} />;
  if (list.isError)
    return (
      <Page title={L.title}>
        <Alert severity="error" small description={list.error.message} />
      </Page>
    );
  return (
    <Page title={L.title} lead={L.lead}>
      <ul className="fr-grid-row fr-grid-row--gutters entraide-plain-list">
        {list.data.items.map((t) => (
          <li key={t.key} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-card fr-enlarge-link fr-card--sm">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title fr-h6">
                    <Link to={paths.theme(t.key)}>{t.label}</Link>
                  </h2>
                  <p className="fr-card__desc">
                    {t.total === 0
                      ? L.nothing
                      : kinds
                          .filter((k) => t.counts[k] > 0)
                          .map((k) => L.detail[k](t.counts[k]))
                          .join(' · ')}
                  </p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
