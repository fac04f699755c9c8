import Button from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { searchQuery, type OrganisationSummary } from '../../server/organisations/organisations.contract';
import { MembershipsTable } from '../accounts/MembershipBadge';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { ResultsStatus } from '../platform/results';
import { useFreshSession, useSession } from '../platform/session';
import { useOrganisationSearch, type SearchParams } from './api';
import { OrganisationResults, OrganisationSearchForm, emptySearch, type SearchForm } from './components';
import { JoinForm } from './JoinForm';
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
  const status = params === null ? '' : results.isPending ? platformLabels.loading : results.data ? L.search.count(results.data.total) : '';

  return (
    <Page title={M.title} lead={M.lead}>
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
