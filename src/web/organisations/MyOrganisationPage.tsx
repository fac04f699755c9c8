import Button from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { searchQuery, type OrganisationSummary } from '../../server/organisations/organisations.contract';
import { MembershipsTable } from '../accounts/MembershipBadge';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { ResultsStatus } from '../platform/results';
import { useFreshSession, useSession } from '../platform/session';
import { useOrganisation, useOrganisationSearch, type SearchParams } from './api';
import { EditSection, VerdictSummary } from './sections';
import { OrganisationResults, OrganisationSearchForm, emptySearch, type SearchForm } from './components';
import { JoinForm } from './JoinForm';
import { NearbyActors } from '../actors/NearbyActors';
import { organisationsLabels as L } from './labels';

const M = L.mine;

export function MyOrganisationPage() {
  const { user } = useSession();
  useFreshSession();
  const [form, setForm] = useState<SearchForm>(emptySearch);
  const [params, setParams] = useState<SearchParams | null>(null);
  const [chosen, setChosen] = useState<OrganisationSummary | null>(null);
  const results = useOrganisationSearch(params);
  const chosenHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (chosen) chosenHeading.current?.focus();
  }, [chosen]);
  if (!user) return null;

  const statusOf = (orgId: string) => user.memberships.find((m) => m.organisationId === orgId)?.status ?? null;
  const submit = () => {
    const parsed = searchQuery.safeParse({
      q: form.q.trim() || undefined,
      kind: form.kind || undefined,
      region: form.region || undefined,
      departement: form.departement || undefined,
      page: 1,
    });
    setParams(parsed.success ? parsed.data : { page: 1 });
    setChosen(null);
  };
  const status = params === null ? '' : results.isPending ? platformLabels.loading : results.data ? L.search.count(results.data.total, results.data.totalCapped) : '';

  const verified = user.memberships.filter((m) => m.status === 'verified');
  return (
    <Page title={M.title} lead={M.lead}>
      {verified.map((m) => (
        <DeclareBlock key={m.organisationId} organisationId={m.organisationId} />
      ))}
      <section aria-labelledby="mine-memberships" className="fr-mb-6w">
        <h2 id="mine-memberships">{M.membershipsTitle}</h2>
        {user.memberships.length === 0 ? (
          <p>{M.none}</p>
        ) : (
          <MembershipsTable memberships={user.memberships} caption={M.membershipsCaption} />
        )}
      </section>

      <section aria-labelledby="mine-how" className="fr-mb-6w">
        <h2 id="mine-how">{M.howTitle}</h2>
        <ol>
          {M.how.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="mine-find" className="fr-mb-6w">
        <h2 id="mine-find">{M.findTitle}</h2>
        <OrganisationSearchForm
          idPrefix="mine-search"
          headingId="mine-find"
          value={form}
          onChange={setForm}
          onSubmit={submit}
          onReset={() => {
            setForm(emptySearch);
            setParams(null);
            setChosen(null);
          }}
        />
        <ResultsStatus text={status} />
        {results.isError && <FocusedAlert severity="error" as="h3" title={results.error.message} />}
        {params && results.data && (
          <OrganisationResults
            data={results.data}
            caption={L.search.caption(params.q ?? '')}
            busy={results.isFetching}
            action={(o) => {
              const s = statusOf(o.id);
              if (s === 'verified') return M.alreadyMember;
              if (s === 'pending') return M.alreadyPending;
              return (
                <Button size="small" priority="secondary" onClick={() => setChosen(o)}>
                  {M.choose}
                  <span className="fr-sr-only"> {o.name}</span>
                </Button>
              );
            }}
          />
        )}
        {params && results.data && results.data.total > results.data.items.length && (
          <p className="fr-text--sm">
            <Link to={paths.organisations(params.q)}>{M.allResults}</Link>
          </p>
        )}
      </section>

      {chosen && (
        <section aria-labelledby="mine-join" className="fr-mb-6w">
          <h2 id="mine-join" ref={chosenHeading} tabIndex={-1} className="entraide-focus-target">
            {M.chooseTitle(chosen.name)}
          </h2>
          <p>
            <Link to={paths.organisation(chosen.id)}>{M.seePage}</Link>
          </p>
          <JoinForm key={chosen.id} organisationId={chosen.id} organisationName={chosen.name} />
          <Button className="fr-mt-2w" priority="tertiary" onClick={() => setChosen(null)}>
            {M.cancel}
          </Button>
        </section>
      )}
    </Page>
  );
}

/**
 * At the top of « Mon organisation », for each organisation the member acts for: the verdict on the
 * obligation and the declaration that makes it certain (issue 15, item 4). The verdict's link on the
 * organisation page comes here (#declarer-<id>).
 */
function DeclareBlock({ organisationId }: { organisationId: string }) {
  const org = useOrganisation(organisationId);
  const location = useLocation();
  const anchor = `declarer-${organisationId}`;
  const heading = useRef<HTMLHeadingElement>(null);
  const reached = useRef(false);
  useEffect(() => {
    if (reached.current || !org.data || location.hash !== `#${anchor}`) return;
    reached.current = true;
    heading.current?.scrollIntoView();
    heading.current?.focus({ preventScroll: true });
  }, [org.data, location.hash, anchor]);
  if (!org.data) return org.isPending ? <Loading label={platformLabels.loading} /> : null;
  const o = org.data;
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="fr-mb-6w">
      <h2 id={`${anchor}-title`} ref={heading} tabIndex={-1} className="entraide-focus-target">
        {M.declareTitle(o.name)}
      </h2>
      <p>{M.declareLead}</p>
      <VerdictSummary org={o} />
      <p>
        <Link to={paths.organisation(o.id)}>{M.seePage}</Link>
      </p>
      {o.can.edit && <EditSection org={o} idPrefix={`declare-${o.id}`} titled={false} />}
      <NearbyActors regionCode={o.regionCode} regionName={o.regionName} headingLevel={3} idPrefix={`mine-${o.id}`} />
      {o.can.edit && (
        <p>
          {M.peersLead}{' '}
          <Link to={paths.findHelp(o.id)}>{M.peersLink}</Link>
        </p>
      )}
    </section>
  );
}
