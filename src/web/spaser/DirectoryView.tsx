import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Input from '@codegouvfr/react-dsfr/Input';
import Select from '@codegouvfr/react-dsfr/Select';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { organisationKindLabels } from '../../server/organisations/organisations.contract';
import { directoryThemeKeys, type DirectoryQuery, type DirectoryResponse } from '../../server/spaser/directory.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { FranceMap } from '../platform/FranceMap';
import { formatCalendarDate } from '../platform/format';
import { PageLinks, ResultsStatus } from '../platform/results';
import { spaserLabels } from './labels';

// The directory of published SPASERs (issue 19, item 4). One view, rendered by the server for every
// visitor (ADR 0029: the filters are a plain GET form, the list and the map are in the HTML) and by
// the web app over it from the same data.

const D = spaserLabels.directory;
const kindLabels = organisationKindLabels as Record<string, string>;

/** The filters as the URL carries them (the form's field names). */
export const directoryParams = ['type', 'region', 'annee', 'theme'] as const;

/** The key of a directory page in the web app's query cache; the server's page carries it (ADR 0029). */
export const directoryKey = (q: DirectoryQuery) => ['spaser-directory', q.type ?? null, q.region ?? null, q.annee ?? null, q.theme ?? null, q.page] as const;

/** The query string of the API and of the page for these filters (empty ones left out). */
export function directorySearch(q: Partial<DirectoryQuery>): string {
  const sp = new URLSearchParams();
  for (const k of directoryParams) if (q[k] !== undefined) sp.set(k, String(q[k]));
  if (q.page && q.page > 1) sp.set('page', String(q.page));
  return sp.toString();
}

type Props = {
  /** The filters as typed in the URL, shown back in the form (even when invalid). */
  values: Partial<Record<(typeof directoryParams)[number], string>>;
  data: DirectoryResponse | null;
  /** French messages per field when the URL's filters are not valid. */
  errors?: Record<string, string> | null;
  loading?: boolean;
  /** The API's answer when it failed (the web app only). */
  failure?: string | null;
  /** With JavaScript: filter without reloading the page. Without, the form is sent as a GET. */
  onSubmit?: (values: Record<string, string>) => void;
  onSelectRegion?: (code: string) => void;
};

export function DirectoryView({ values, data, errors = null, loading = false, failure = null, onSubmit, onSelectRegion }: Props) {
  const fieldState = (name: string) => (errors?.[name] ? ({ state: 'error', stateRelatedMessage: errors[name] } as const) : ({ state: 'default' } as const));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!onSubmit) return;
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of directoryParams) {
      const v = String(form.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    onSubmit(next);
  };
  const regions = data?.regions ?? [];
  const maxCount = Math.max(0, ...regions.map((r) => r.count));
  return (
    <Page title={D.title} lead={<p>{D.lead}</p>}>
      <section aria-labelledby="directory-filters" className="fr-mb-4w">
        <h2 id="directory-filters" className="fr-h4">
          {D.filtersTitle}
        </h2>
        {errors && <Alert severity="error" small as="h3" description={D.invalid} className="fr-mb-3w" role="alert" />}
        {/* key: the fields show the URL's values again after each navigation (they are uncontrolled). */}
        <form key={JSON.stringify(values)} method="get" action={paths.spaserDirectory()} onSubmit={submit} noValidate>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <Select label={D.kind} {...fieldState('type')} nativeSelectProps={{ id: 'directory-type', name: 'type', defaultValue: values.type ?? '' }}>
                <option value="">{D.allKinds}</option>
                {Object.entries(kindLabels).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <Select label={D.region} {...fieldState('region')} nativeSelectProps={{ id: 'directory-region', name: 'region', defaultValue: values.region ?? '' }}>
                <option value="">{D.allRegions}</option>
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <Input
                label={D.year}
                hintText={D.yearHint}
                {...fieldState('annee')}
                nativeInputProps={{ id: 'directory-year', name: 'annee', defaultValue: values.annee ?? '', inputMode: 'numeric', autoComplete: 'off', maxLength: 4 }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <Select label={D.theme} {...fieldState('theme')} nativeSelectProps={{ id: 'directory-theme', name: 'theme', defaultValue: values.theme ?? '' }}>
                <option value="">{D.allThemes}</option>
                {directoryThemeKeys.map((k) => (
                  <option key={k} value={k}>
                    {D.themes[k]}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
                {D.submit}
              </Button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to={paths.spaserDirectory()}>
                {D.reset}
              </Link>
            </li>
          </ul>
        </form>
      </section>

      <section aria-labelledby="directory-results" className="fr-mb-6w">
        <h2 id="directory-results">{D.resultsTitle}</h2>
        {loading && <p role="status">{D.loading}</p>}
        {failure && <Alert severity="error" small description={failure} className="fr-mb-3w" />}
        {data && <ResultsStatus text={D.count(data.total)} />}
        {data && data.total === 0 && <p>{D.empty}</p>}
        {data && data.items.length > 0 && (
          <ul className="fr-raw-list">
            {data.items.map((s) => (
              <li key={s.path} className="fr-mb-3w">
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={s.path}>{s.title}</Link>
                      </h3>
                      <div className="fr-card__desc">
                        <p className="fr-mb-1w">
                          {D.buyers(
                            s.buyers
                              .map((b) => {
                                const detail = D.buyerDetail(b.kind ? (kindLabels[b.kind] ?? b.kind) : null, b.regionName);
                                return detail ? `${b.name} (${detail})` : b.name;
                              })
                              .join(' · '),
                          )}
                        </p>
                        {s.themes.length > 0 && (
                          <ul className="fr-tags-group" aria-label={D.themesLabel}>
                            {s.themes.map((t) => (
                              <li key={t}>
                                <p className="fr-tag fr-tag--sm">{D.themes[t]}</p>
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                      <div className="fr-card__end">
                        <p className="fr-card__detail">
                          {D.period(s.periodStart, s.periodEnd)}
                          {s.adoptedOn ? ` — ${D.adopted(formatCalendarDate(s.adoptedOn))}` : ''}
                        </p>
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {data && <PageLinks page={data.page} total={data.total} pageSize={data.pageSize} />}
      </section>

      {data && (
        <section aria-labelledby="directory-map" className="fr-mb-6w">
          <h2 id="directory-map">{D.mapTitle}</h2>
          <p className="fr-text--sm">{D.mapHint}</p>
          <FranceMap
            level="region"
            title={D.mapTitle}
            rows={regions.map((r) => ({ code: r.code, name: r.name, value: r.count }))}
            format={D.mapValue}
            domain={[0, Math.max(5, maxCount)]}
            selected={values.region ?? null}
            selectHint={D.mapSelectHint}
            {...(onSelectRegion ? { onSelect: onSelectRegion } : {})}
          />
        </section>
      )}
    </Page>
  );
}
