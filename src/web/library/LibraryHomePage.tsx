import Tag from '@codegouvfr/react-dsfr/Tag';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listQuery } from '../../server/library/library.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { TextField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, SearchFormButtons, pageParam, useFocusOnChange } from '../platform/results';
import { useSession } from '../platform/session';
import { useCollections, useResources } from './api';
import { kindLabel, ResourceList, segmentLabel, themeLabel } from './components';
import { libraryLabels } from './labels';

const L = libraryLabels.home;
const facetKeys = ['kind', 'theme', 'segment', 'year'] as const;
type FacetKey = (typeof facetKeys)[number];
const facetTitle: Record<FacetKey, string> = { kind: L.facetKind, theme: L.facetTheme, segment: L.facetSegment, year: L.facetYear };
const facetValueLabel: Record<FacetKey, (v: string) => string> = { kind: kindLabel, theme: themeLabel, segment: segmentLabel, year: (v) => v };

export function LibraryHomePage() {
  const [sp, setSp] = useSearchParams();
  const session = useSession();
  const navigate = useNavigate();
  const q = sp.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const page = pageParam(sp.get('page'));
  const params = listQuery.safeParse({
    q: q || undefined,
    kind: sp.get('kind') || undefined,
    theme: sp.get('theme') || undefined,
    segment: sp.get('segment') || undefined,
    year: sp.get('year') || undefined,
    page,
  });
  const results = useResources(params.success ? params.data : { page: 1 });
  const collections = useCollections();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(resultsHeading, sp.toString());
  const filtering = !!q || facetKeys.some((k) => sp.get(k));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams(sp);
    next.delete('page');
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setSp(next);
  };
  const withFilter = (key: FacetKey, value: string | null) => {
    const next = new URLSearchParams(sp);
    next.delete('page');
    if (value === null) next.delete(key);
    else next.set(key, value);
    const s = next.toString();
    return `${paths.library()}${s ? `?${s}` : ''}`;
  };
  const status = results.isPending ? platformLabels.loading : results.data ? L.count(results.data.total, results.data.totalCapped) : '';

  return (
    <Page title={L.title} lead={L.lead}>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-4w fr-btns-group--icon-left">
        {session.canUseDirectory && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.libraryPropose()}>
              {session.isStaff ? L.publish : L.propose}
            </Link>
          </li>
        )}
        {session.isStaff && (
          <li>
            <Link className="fr-btn fr-btn--tertiary" to={paths.libraryReview()}>
              {L.review}
            </Link>
          </li>
        )}
      </ul>
      <section aria-labelledby="library-search-title" className="fr-mb-4w">
        <h2 id="library-search-title" className="fr-h5">
          {L.searchTitle}
        </h2>
        <form onSubmit={submit} noValidate role="search" aria-labelledby="library-search-title">
          <TextField id="library-q" label={L.q} hint={L.qHint} type="search" value={text} onChange={setText} maxLength={200} />
          <SearchFormButtons submit={L.submit} reset={L.reset} onReset={() => setSp(new URLSearchParams())} />
        </form>
      </section>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <nav aria-labelledby="library-facets-title" className="fr-mb-4w">
            <h2 id="library-facets-title" className="fr-h5">
              {L.facetsTitle}
            </h2>
            {results.data?.totalCapped && <p className="fr-text--xs">{L.cappedNotice(results.data.total)}</p>}
            {facetKeys.map((key) => {
              const active = sp.get(key);
              const values = results.data?.facets[key] ?? [];
              if (!values.length && !active) return null;
              return (
                <div key={key} className="fr-mb-3w">
                  <h3 className="fr-h6 fr-mb-1w">{facetTitle[key]}</h3>
                  {active ? (
                    <Tag small dismissible nativeButtonProps={{ onClick: () => navigate(withFilter(key, null)), 'aria-label': L.removeFilter(facetValueLabel[key](active)) }}>
                      {facetValueLabel[key](active)}
                    </Tag>
                  ) : (
                    <ul className="fr-text--sm">
                      {values.slice(0, 12).map((v) => (
                        <li key={v.value}>
                          <Link to={withFilter(key, v.value)}>
                            {facetValueLabel[key](v.value)} ({v.count.toLocaleString('fr-FR')})
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </nav>
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <section aria-labelledby="library-results-title">
            <h2 id="library-results-title" ref={resultsHeading} tabIndex={-1} className="entraide-focus-target">
              {filtering ? L.resultsTitle : L.latestTitle}
            </h2>
            <ResultsStatus text={status} />
            {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
            {results.data && <ResourceList items={results.data.items} busy={results.isFetching} />}
            {results.data && <PageLinks page={results.data.page} total={results.data.total} pageSize={results.data.pageSize} />}
            {results.data?.totalCapped && results.data.page * results.data.pageSize >= results.data.total && <p className="fr-text--sm fr-mt-2w">{L.cappedResults(results.data.total)}</p>}
          </section>
          {!filtering && (
            <section aria-labelledby="library-collections-title" className="fr-mt-6w">
              <h2 id="library-collections-title">{L.collectionsTitle}</h2>
              {collections.data && collections.data.items.length === 0 && <p>{L.noCollections}</p>}
              <ul className="entraide-plain-list">
                {collections.data?.items.map((c) => (
                  <li key={c.id} className="fr-py-2w entraide-question-item">
                    <h3 className="fr-h6 fr-mb-1w">
                      <Link to={paths.libraryCollection(c.id)}>{c.title}</Link>
                    </h3>
                    {c.description && <p className="fr-text--sm fr-mb-1w">{c.description}</p>}
                    <p className="fr-text--xs fr-mb-0">{L.collectionCount(c.resourcesCount)}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </Page>
  );
}
