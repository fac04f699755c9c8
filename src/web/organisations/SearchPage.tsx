import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { searchQuery } from '../../server/organisations/organisations.contract';
import { Page } from '../layout/Page';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange } from '../platform/results';
import { useOrganisationSearch } from './api';
import { OrganisationResults, OrganisationSearchForm, emptySearch, type SearchForm } from './components';
import { organisationsLabels as L } from './labels';

// URL parameters in French where they are visible: ?q=…&type=…&region=…&departement=…&page=…
const readForm = (sp: URLSearchParams): SearchForm => ({
  q: sp.get('q') ?? '',
  kind: sp.get('type') ?? '',
  region: sp.get('region') ?? '',
  departement: sp.get('departement') ?? '',
});

export function SearchPage() {
  const [sp, setSp] = useSearchParams();
  const urlKey = sp.toString();
  const current = readForm(sp);
  const page = pageParam(sp.get('page'));
  const [form, setForm] = useState<SearchForm>(current);
  useEffect(() => setForm(readForm(new URLSearchParams(urlKey))), [urlKey]);

  const parsed = searchQuery.safeParse({
    q: current.q || undefined,
    kind: current.kind || undefined,
    region: current.region || undefined,
    departement: current.departement || undefined,
    page,
  });
  const params = parsed.success ? parsed.data : { page };
  const results = useOrganisationSearch(params);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);

  const submit = () => {
    const next = new URLSearchParams();
    if (form.q.trim()) next.set('q', form.q.trim());
    if (form.kind) next.set('type', form.kind);
    if (form.region) next.set('region', form.region);
    if (form.departement) next.set('departement', form.departement);
    setSp(next);
  };

  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const status = results.isPending ? platformLabels.loading : data ? L.search.count(data.total, data.totalCapped) + (pages > 1 ? L.search.pageInfo(data.page, pages) : '') : '';

  return (
    <Page title={L.search.title} documentTitle={current.q ? `${L.search.documentTitle} « ${current.q} »` : L.search.documentTitle} lead={L.search.lead}>
      <section aria-labelledby="org-search-title" className="fr-mb-4w">
        <h2 id="org-search-title" className="fr-h4">
          {L.search.formTitle}
        </h2>
        <OrganisationSearchForm
          idPrefix="org-search"
          headingId="org-search-title"
          value={form}
          onChange={setForm}
          onSubmit={submit}
          onReset={() => {
            setForm(emptySearch);
            setSp(new URLSearchParams());
          }}
        />
      </section>
      <section aria-labelledby="org-results-title">
        <h2 id="org-results-title" ref={heading} tabIndex={-1} className="entraide-focus-target">
          {L.search.resultsTitle}
        </h2>
        <ResultsStatus text={status} />
        {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
        {data && <OrganisationResults data={data} caption={L.search.caption(current.q)} busy={results.isFetching} />}
        {data && <PageLinks page={data.page} total={data.total} pageSize={data.pageSize} />}
      </section>
    </Page>
  );
}
