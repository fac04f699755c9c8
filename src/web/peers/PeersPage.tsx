import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { peerSuggestions, peerSuggestionsQuery } from '../../server/peers/peers.contract';
import { themeKeys, themes } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { SelectField } from '../platform/fields';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { ResultsStatus, useFocusOnChange } from '../platform/results';
import { peersLabels as L } from './labels';

type Filters = { theme: string; organisation: string };
const readFilters = (sp: URLSearchParams): Filters => ({ theme: sp.get('sujet') ?? '', organisation: sp.get('organisation') ?? '' });

/** « Trouver de l'aide » (issue 20, item 4): peers ranked for my organisation, each with its reason. */
export function PeersPage() {
  const [sp, setSp] = useSearchParams();
  const urlFilters = readFilters(sp);
  const [form, setForm] = useState<Filters>(urlFilters);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const urlKey = sp.toString();
  useEffect(() => setForm(readFilters(new URLSearchParams(urlKey))), [urlKey]);
  useFocusOnChange(resultsHeading, urlKey);

  // The query string is checked with the API's own contract; unknown values are ignored.
  const parsed = peerSuggestionsQuery.safeParse({ theme: urlFilters.theme || undefined, organisationId: urlFilters.organisation || undefined });
  const params = parsed.success ? parsed.data : {};
  const results = useQuery({
    queryKey: ['peers', params],
    queryFn: () => api.get(`/api/peers/suggestions${query(params)}`, peerSuggestions),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (form.theme) next.set('sujet', form.theme);
    if (form.organisation) next.set('organisation', form.organisation);
    setSp(next);
  };

  const data = results.data;
  const status = results.isPending ? platformLabels.loading : data ? L.count(data.items.length) : '';

  return (
    <Page title={L.title} lead={L.lead} breadcrumb={[{ label: L.breadcrumb, to: paths.directory() }]}>
      <section aria-labelledby="peers-form" className="fr-mb-4w">
        <h2 id="peers-form" className="fr-h4">
          {L.formTitle}
        </h2>
        <form onSubmit={submit} noValidate aria-labelledby="peers-form">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                id="peers-theme"
                label={L.theme}
                hint={L.themeHint}
                optional
                value={form.theme}
                onChange={(v) => setForm((f) => ({ ...f, theme: v }))}
                emptyOption={L.themeAll}
                options={themeKeys.map((k) => ({ value: k, label: themes[k] }))}
              />
            </div>
            {data && data.organisations.length > 1 && (
              <div className="fr-col-12 fr-col-md-6">
                <SelectField
                  id="peers-organisation"
                  label={L.organisation}
                  value={form.organisation || data.organisation.id}
                  onChange={(v) => setForm((f) => ({ ...f, organisation: v }))}
                  options={data.organisations.map((o) => ({ value: o.id, label: o.name }))}
                />
              </div>
            )}
          </div>
          <Button type="submit" className="fr-mt-2w">
            {L.submit}
          </Button>
        </form>
      </section>

      <section aria-labelledby="peers-results" className="fr-mb-4w">
        <h2 id="peers-results" ref={resultsHeading} tabIndex={-1} className="entraide-focus-target">
          {data ? L.resultsTitle(data.organisation.name) : L.title}
        </h2>
        <ResultsStatus text={status} />
        {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
        {data && data.items.length === 0 && (
          <p>
            {L.empty} <Link to={paths.directory()}>{L.directoryLink}</Link>
          </p>
        )}
        {data && data.items.length > 0 && (
          <ol className="entraide-plain-list" aria-busy={results.isFetching}>
            {data.items.map((m) => {
              const name = `${m.firstName} ${m.lastName}`;
              return (
                <li key={m.id} className="fr-mb-3w">
                  <div className="fr-card fr-card--sm fr-card--horizontal">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <Link to={paths.member(m.id)}>{name}</Link>
                        </h3>
                        <p className="fr-card__desc">
                          <strong>{L.why}</strong> {m.explanation}
                        </p>
                        <div className="fr-card__start">
                          {m.availableToHelp && (
                            <Badge as="p" small severity="success" className="fr-mb-1w">
                              {L.availableBadge}
                            </Badge>
                          )}
                          <p className="fr-card__detail">
                            {m.jobTitle || L.noJob} — {m.organisation.name}
                          </p>
                        </div>
                      </div>
                      <div className="fr-card__footer">
                        <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={paths.member(m.id)} title={L.seeProfile(name)}>
                          {L.seeProfileShort}
                        </Link>
                      </div>
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="peers-method">
        <h2 id="peers-method" className="fr-h5">
          {L.methodTitle}
        </h2>
        <ul>
          {L.method.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="fr-text--sm">{L.methodNever}</p>
      </section>
    </Page>
  );
}
