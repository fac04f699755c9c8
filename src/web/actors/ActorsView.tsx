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
import { actorsLabels } from './labels';

// The directory of support actors (issue 20). One view, rendered by the server for every visitor
// (ADR 0029: the filters are a plain GET form, the map, its table and the list are in the HTML) and
// by the web app over it from the same data.

const D = actorsLabels.directory;
const C = actorsLabels.card;

/** The filters as the URL carries them (the form's field names). */
export const actorsParams = ['region', 'type', 'theme'] as const;

/** The key of a directory page in the web app's query cache; the server's page carries it (ADR 0029). */
export const actorsKey = (q: ActorsQuery) => ['actors', q.region ?? null, q.type ?? null, q.theme ?? null] as const;

/** The query string of the API and of the page for these filters (empty ones left out). */
export function actorsSearch(q: Partial<ActorsQuery>): string {
  const sp = new URLSearchParams();
  for (const k of actorsParams) if (q[k] !== undefined) sp.set(k, String(q[k]));
  return sp.toString();
}

/** Where an actor acts, in words. */
export const coverage = (a: Pick<ActorSummary, 'national' | 'regionCodes'>) => (a.national ? C.national : a.regionCodes.map((c) => regionNames[c] ?? c).join(', '));

/** One actor in a list: name (to its page), kind, territory, themes, description, site, contact, sources. */
export function ActorCard({ actor, headingLevel = 3, short = false }: { actor: ActorSummary; headingLevel?: 3 | 4; short?: boolean }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="fr-card">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <Heading className="fr-card__title">
            <Link to={paths.actor(actor.id)}>{actor.name}</Link>
          </Heading>
          <div className="fr-card__desc">
            <p className="fr-mb-1w">{short ? actor.description.split(/(?<=\.)\s/)[0] : actor.description}</p>
            {!short && (
              <ul className="fr-tags-group" aria-label={C.themes}>
                {actor.themes.map((t) => (
                  <li key={t}>
                    <p className="fr-tag fr-tag--sm">{themes[t as keyof typeof themes] ?? t}</p>
                  </li>
                ))}
              </ul>
            )}
            {!short && actor.website && (
              <p className="fr-text--sm fr-mb-1w">
                {C.website} :{' '}
                <a href={actor.website} rel="noopener" target="_blank" title={`${actor.website} — nouvelle fenêtre`}>
                  {actor.website}
                </a>
              </p>
            )}
            {!short && actor.contact && (
              <p className="fr-text--sm fr-mb-1w">
                {C.contact} : {actor.contact}
              </p>
            )}
          </div>
          <div className="fr-card__start">
            <p className="fr-card__detail">
              {actorKindLabels[actor.kind]} — {coverage(actor)}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

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
