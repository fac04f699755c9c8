import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { organisationKindFilter, searchQuery } from '../../server/helpspace/helpspace.contract';
import { themeKeys } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { SelectField, TextField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange, SearchFormButtons } from '../platform/results';
import { useSearch, useSpaces } from './api';
import { QuestionCard } from './components';
import { helpLabels } from './labels';

const L = helpLabels.search;

type Filters = { q: string; theme: string; solved: string; space: string; kind: string };
const readFilters = (sp: URLSearchParams): Filters => ({
  q: sp.get('q') ?? '',
  theme: sp.get('theme') ?? '',
  solved: sp.get('resolues') ?? '',
  space: sp.get('espace') ?? '',
  kind: sp.get('type') ?? '',
});

export function HelpSearchPage() {
  const [sp, setSp] = useSearchParams();
  const urlFilters = readFilters(sp);
  const page = pageParam(sp.get('page'));
  const [form, setForm] = useState<Filters>(urlFilters);
  const urlKey = sp.toString();
  useEffect(() => setForm(readFilters(new URLSearchParams(urlKey))), [urlKey]);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(resultsHeading, page);
  const spaces = useSpaces();

  // Checked with the API's own contract: no request is sent without words to search.
  const parsed = searchQuery.safeParse({
    q: urlFilters.q,
    theme: urlFilters.theme || undefined,
    solved: urlFilters.solved === 'oui' ? 'true' : urlFilters.solved === 'non' ? 'false' : undefined,
    spaceId: urlFilters.space || undefined,
    organisationKind: urlFilters.kind || undefined,
    page,
  });
  const results = useSearch(parsed.success ? parsed.data : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (form.q.trim()) next.set('q', form.q.trim());
    if (form.theme) next.set('theme', form.theme);
    if (form.solved) next.set('resolues', form.solved);
    if (form.space) next.set('espace', form.space);
    if (form.kind) next.set('type', form.kind);
    setSp(next);
  };
  const set = (k: keyof Filters) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const status = !parsed.success ? L.prompt : results.isPending ? platformLabels.loading : results.data ? L.count(results.data.total, results.data.totalCapped) : '';

  return (
    <Page title={L.title} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]} lead={L.lead}>
      <section aria-labelledby="help-search-form" className="fr-mb-4w">
        <h2 id="help-search-form" className="fr-h5">
          {L.formTitle}
        </h2>
        <form onSubmit={submit} noValidate role="search" aria-labelledby="help-search-form">
          <TextField id="help-search-q" label={L.q} type="search" value={form.q} onChange={set('q')} maxLength={200} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-3">
              <SelectField id="help-search-theme" label={L.theme} optional value={form.theme} onChange={set('theme')} emptyOption={L.themeAll} options={themeKeys.map((k) => ({ value: k, label: helpLabels.themes[k] }))} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                id="help-search-solved"
                label={L.solved}
                optional
                value={form.solved}
                onChange={set('solved')}
                emptyOption={L.solvedAll}
                options={[
                  { value: 'oui', label: L.solvedYes },
                  { value: 'non', label: L.solvedNo },
                ]}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField id="help-search-space" label={L.space} optional value={form.space} onChange={set('space')} emptyOption={L.spaceAll} options={(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                id="help-search-kind"
                label={L.kind}
                optional
                value={form.kind}
                onChange={set('kind')}
                emptyOption={L.kindAll}
                options={organisationKindFilter.options.map((k) => ({ value: k, label: helpLabels.organisationKinds[k] ?? k }))}
              />
            </div>
          </div>
          <SearchFormButtons submit={L.submit} reset={L.reset} onReset={() => setSp(new URLSearchParams())} />
        </form>
      </section>

      <section aria-labelledby="help-search-results">
        <h2 id="help-search-results" ref={resultsHeading} tabIndex={-1} className="entraide-focus-target">
          {L.resultsTitle}
        </h2>
        <ResultsStatus text={status} />
        {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
        {parsed.success && results.data && results.data.items.length > 0 && (
          <ul className="entraide-plain-list" aria-busy={results.isFetching}>
            {results.data.items.map((hit) => (
              <QuestionCard key={hit.id} q={hit} excerptHtml={hit.excerptHtml} />
            ))}
          </ul>
        )}
        {parsed.success && results.data && <PageLinks page={results.data.page} total={results.data.total} pageSize={results.data.pageSize} />}
      </section>
    </Page>
  );
}
