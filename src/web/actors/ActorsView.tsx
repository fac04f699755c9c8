import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import Select from '@codegouvfr/react-dsfr/Select';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { actorKindKeys, actorKindLabels, type ActorsQuery, type ActorsResponse, type ActorSummary } from '../../server/actors/actors.contract';
import { regionNames, themeKeys, themes } from '../../shared/fields';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { FranceMap } from '../platform/FranceMap';
import { ResultsStatus } from '../platform/results';
import { ActorCard, actorsParams } from './ActorCard';
import { actorsLabels } from './labels';

// One actor's card and the directory's query string live in ActorCard.tsx, which the organisation
// page's « near you » list imports without this view's map (FranceMap, 57 kB compressed).
export { ActorCard, actorsParams, actorsSearch, coverage } from './ActorCard';

// The directory of support actors (issue 20). One view, rendered by the server for every visitor
// (ADR 0029: the filters are a plain GET form, the map, its table and the list are in the HTML) and
// by the web app over it from the same data.

const D = actorsLabels.directory;

/** The key of a directory page in the web app's query cache; the server's page carries it (ADR 0029). */
export const actorsKey = (q: ActorsQuery) => ['actors', q.region ?? null, q.type ?? null, q.theme ?? null] as const;

type Props = {
  values: Partial<Record<(typeof actorsParams)[number], string>>;
  data: ActorsResponse | null;
  errors?: Record<string, string> | null;
  loading?: boolean;
  failure?: string | null;
  onSubmit?: (values: Record<string, string>) => void;
  onSelectRegion?: (code: string) => void;
  /** A facilitator sees the button to add an actor (the web app only). */
  canAdd?: boolean;
};

export function ActorsView({ values, data, errors = null, loading = false, failure = null, onSubmit, onSelectRegion, canAdd = false }: Props) {
  const fieldState = (name: string) => (errors?.[name] ? ({ state: 'error', stateRelatedMessage: errors[name] } as const) : ({ state: 'default' } as const));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!onSubmit) return;
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of actorsParams) {
      const v = String(form.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    onSubmit(next);
  };
  const regions = data?.regions ?? Object.entries(regionNames).map(([code, name]) => ({ code, name, count: 0 }));
  const maxCount = Math.max(0, ...regions.map((r) => r.count));
  // National actors count in every région: the scale starts at the smallest count, so the colours
  // show where regional actors add to them.
  const minCount = Math.min(maxCount, ...regions.map((r) => r.count));
  return (
    <Page title={D.title} lead={<p>{D.lead}</p>}>
      {canAdd && (
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-2w">
          <li>
            <Link className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" to={paths.newActor()}>
              {D.add}
            </Link>
          </li>
        </ul>
      )}
      <section aria-labelledby="actors-filters" className="fr-mb-4w">
        <h2 id="actors-filters" className="fr-h4">
          {D.filtersTitle}
        </h2>
        {errors && <Alert severity="error" small as="h3" description={D.invalid} className="fr-mb-3w" role="alert" />}
        <form key={JSON.stringify(values)} method="get" action={paths.actors()} onSubmit={submit} noValidate>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Select label={D.region} {...fieldState('region')} nativeSelectProps={{ id: 'actors-region', name: 'region', defaultValue: values.region ?? '' }}>
                <option value="">{D.allRegions}</option>
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Select label={D.kind} {...fieldState('type')} nativeSelectProps={{ id: 'actors-type', name: 'type', defaultValue: values.type ?? '' }}>
                <option value="">{D.allKinds}</option>
                {actorKindKeys.map((k) => (
                  <option key={k} value={k}>
                    {actorKindLabels[k]}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Select label={D.theme} {...fieldState('theme')} nativeSelectProps={{ id: 'actors-theme', name: 'theme', defaultValue: values.theme ?? '' }}>
                <option value="">{D.allThemes}</option>
                {themeKeys.map((k) => (
                  <option key={k} value={k}>
                    {themes[k]}
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
              <Link className="fr-btn fr-btn--tertiary" to={paths.actors()}>
                {D.reset}
              </Link>
            </li>
          </ul>
        </form>
      </section>

      {data && (
        <section aria-labelledby="actors-map" className="fr-mb-4w">
          <h2 id="actors-map">{D.mapTitle}</h2>
          <p className="fr-text--sm">{D.mapHint}</p>
          <FranceMap
            level="region"
            title={D.mapTitle}
            rows={regions.map((r) => ({ code: r.code, name: r.name, value: r.count }))}
            format={D.mapValue}
            domain={[minCount, Math.max(minCount + 5, maxCount)]}
            selected={values.region ?? null}
            selectHint={D.mapSelectHint}
            {...(onSelectRegion ? { onSelect: onSelectRegion } : {})}
          />
        </section>
      )}

      <section aria-labelledby="actors-results" className="fr-mb-6w">
        <h2 id="actors-results" tabIndex={-1}>
          {values.region && regionNames[values.region] ? `${D.resultsTitle} — ${regionNames[values.region]}` : D.resultsTitle}
        </h2>
        {loading && <p role="status">{D.loading}</p>}
        {failure && <Alert severity="error" small description={failure} className="fr-mb-3w" />}
        {data && <ResultsStatus text={D.count(data.total)} />}
        {data && data.total === 0 && <p>{D.empty}</p>}
        {data && data.items.length > 0 && (
          <ul className="fr-raw-list">
            {data.items.map((a) => (
              <li key={a.id} className="fr-mb-3w">
                <ActorCard actor={a} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
