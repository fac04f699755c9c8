import Badge from '@codegouvfr/react-dsfr/Badge';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import Tag from '@codegouvfr/react-dsfr/Tag';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { directoryQuery, directoryResponse } from '../../server/accounts/accounts.contract';
import { themeKeys, themes, type Theme } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange, SearchFormButtons } from '../platform/results';
import { useTerritories } from '../platform/territories';
import { platformLabels } from '../platform/labels';
import { accountsLabels as AL } from './labels';

const L = AL.directory;

type Filters = { q: string; region: string; theme: string; available: boolean; relevance: boolean };

const readFilters = (sp: URLSearchParams): Filters => ({
  q: sp.get('q') ?? '',
  region: sp.get('region') ?? '',
  theme: sp.get('theme') ?? '',
  available: sp.get('disponibles') === 'oui',
  relevance: sp.get('tri') === 'pertinence',
});

export function DirectoryPage() {
  const [sp, setSp] = useSearchParams();
  const urlFilters = readFilters(sp);
  const page = pageParam(sp.get('page'));
  const [form, setForm] = useState<Filters>(urlFilters);
  const territories = useTerritories();
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  // Back and forward buttons change the URL: the form follows.
  const urlKey = sp.toString();
  useEffect(() => setForm(readFilters(new URLSearchParams(urlKey))), [urlKey]);
  useFocusOnChange(resultsHeading, page);

  // The query string is checked with the API's own contract; unknown values are simply ignored.
  const parsed = directoryQuery.safeParse({
    q: urlFilters.q || undefined,
    region: urlFilters.region || undefined,
    theme: urlFilters.theme || undefined,
    available: urlFilters.available ? 'true' : undefined,
    sort: urlFilters.relevance ? 'relevance' : undefined,
    page,
  });
  const params = parsed.success ? parsed.data : { page };
  const results = useQuery({
    queryKey: ['members', params],
    queryFn: () => api.get(`/api/members${query(params)}`, directoryResponse),
    placeholderData: keepPreviousData,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (form.q.trim()) next.set('q', form.q.trim());
    if (form.region) next.set('region', form.region);
    if (form.theme) next.set('theme', form.theme);
    if (form.available) next.set('disponibles', 'oui');
    if (form.relevance) next.set('tri', 'pertinence');
    setSp(next);
  };

  const status = results.isPending ? platformLabels.loading : results.data ? L.count(results.data.total) : '';

  return (
    <Page title={L.title} lead={L.lead}>
      <p>
        <Link className="fr-btn fr-btn--secondary fr-icon-team-line fr-btn--icon-left" to={paths.findHelp()}>
          {L.findHelp}
        </Link>
      </p>
      <section aria-labelledby="directory-filters" className="fr-mb-4w">
        <h2 id="directory-filters" className="fr-h4">
          {L.filtersTitle}
        </h2>
        <form onSubmit={submit} noValidate role="search" aria-labelledby="directory-filters">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <TextField id="directory-q" label={L.q} hint={L.qHint} type="search" optional value={form.q} onChange={(v) => setForm((f) => ({ ...f, q: v }))} maxLength={100} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                id="directory-region"
                label={L.region}
                optional
                value={form.region}
                onChange={(v) => setForm((f) => ({ ...f, region: v }))}
                emptyOption={L.regionAll}
                options={territories.regions.map((r) => ({ value: r.code, label: r.name }))}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                id="directory-theme"
                label={L.theme}
                optional
                value={form.theme}
                onChange={(v) => setForm((f) => ({ ...f, theme: v }))}
                emptyOption={L.themeAll}
                options={themeKeys.map((k) => ({ value: k, label: themes[k] }))}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                id="directory-sort"
                label={L.sort}
                hint={L.sortHint}
                value={form.relevance ? 'relevance' : 'name'}
                onChange={(v) => setForm((f) => ({ ...f, relevance: v === 'relevance' }))}
                options={[
                  { value: 'name', label: L.sortName },
                  { value: 'relevance', label: L.sortRelevance },
                ]}
              />
            </div>
          </div>
          <Checkbox
            className="fr-mt-2w"
            options={[
              {
                label: L.available,
                nativeInputProps: { name: 'disponibles', checked: form.available, onChange: (e) => setForm((f) => ({ ...f, available: e.target.checked })) },
              },
            ]}
          />
          <SearchFormButtons submit={L.submit} reset={L.reset} onReset={() => setSp(new URLSearchParams())} />
        </form>
      </section>

      <section aria-labelledby="directory-results">
        <h2 id="directory-results" ref={resultsHeading} tabIndex={-1} className="entraide-focus-target">
          {L.resultsTitle}
        </h2>
        <ResultsStatus text={status} />
        {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
        {results.data && results.data.items.length > 0 && (
          <ul className="fr-grid-row fr-grid-row--gutters entraide-plain-list" aria-busy={results.isFetching}>
            {results.data.items.map((m) => (
              <li key={m.id} className="fr-col-12 fr-col-md-6">
                <div className="fr-card fr-card--sm">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={paths.member(m.id)}>
                          {m.firstName} {m.lastName}
                        </Link>
                      </h3>
                      <p className="fr-card__desc">{m.jobTitle || L.noJob}</p>
                      {m.reason && (
                        <p className="fr-text--sm fr-mb-1w">
                          <strong>{L.why}</strong> {m.reason}
                        </p>
                      )}
                      <div className="fr-card__start">
                        {m.availableToHelp && (
                          <Badge as="p" small severity="success" className="fr-mb-1w">
                            {L.availableBadge}
                          </Badge>
                        )}
                        {m.regionCode && (
                          <p className="fr-card__detail">
                            {L.regionLabel} {territories.regionName(m.regionCode)}
                          </p>
                        )}
                      </div>
                      <div className="fr-card__end">
                        {m.organisations.length > 0 && (
                          <p className="fr-text--sm fr-mb-1w">
                            {L.organisations}{' '}
                            {m.organisations.map((o, i) => (
                              <span key={o.id}>
                                {i > 0 && ', '}
                                <Link to={paths.organisation(o.id)}>{o.name}</Link>
                              </span>
                            ))}
                          </p>
                        )}
                        {m.themes.length > 0 && (
                          <>
                            <p className="fr-sr-only">{L.themes}</p>
                            <ul className="fr-tags-group">
                              {m.themes.map((t) => (
                                <li key={t}>
                                  <Tag small>{themes[t as Theme] ?? t}</Tag>
                                </li>
                              ))}
                            </ul>
                          </>
                        )}
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {results.data && <PageLinks page={results.data.page} total={results.data.total} pageSize={results.data.pageSize} />}
      </section>
    </Page>
  );
}
