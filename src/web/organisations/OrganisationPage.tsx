import { spaserStatusSourceLabels } from '../../server/spaser/spaser-status.contract';
import Accordion from '@codegouvfr/react-dsfr/Accordion';
import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import { lazy, Suspense, useContext, useEffect, useRef } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { type OrganisationDetail } from '../../server/organisations/organisations.contract';
import { Loading, Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { isApiError } from '../platform/api';
import { formatCalendarDate, formatEuros, formatNumber, formatSiren } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { useSession } from '../platform/session';
import { ServerRenderedPath } from '../platform/server-rendered-path';
import { WhenNear } from '../platform/WhenNear';
import { useOrganisation, type VerdictAsked } from './api';
import { SpaserBadge } from './components';
import { JoinForm } from './JoinForm';
import { organisationsLabels as L } from './labels';
import { observatoryLabels } from '../observatory/labels';
import { NearbyActors } from '../actors/NearbyActors';
import { DeclareHint, DomainsSection, EditSection, ObligationDetails, RequestsSection, ReviewSection, SirenSection, VerdictBadge, verdictAskedFrom } from './sections';

// The DECP indicators (charts and tables) come with the observatory's code, loaded after the page itself.
const indicatorsModule = () => import('../observatory/OrganisationIndicators');
const OrganisationIndicatorsSection = lazy(() => indicatorsModule().then((m) => ({ default: m.OrganisationIndicatorsSection })));
const SpaserDeclarationIfAllowed = lazy(() => indicatorsModule().then((m) => ({ default: m.SpaserDeclarationIfAllowed })));

const D = L.detail;
const crumbs = [{ label: L.search.title, to: paths.organisations() }];

export function OrganisationPage() {
  const { id = '' } = useParams();
  const [sp] = useSearchParams();
  const asked = verdictAskedFrom(sp);
  const org = useOrganisation(id, asked);

  if (org.isPending) return <PageLoading title={D.loadingTitle} breadcrumb={crumbs} />;
  if (org.isError) {
    const notFound = isApiError(org.error) && (org.error.status === 404 || org.error.status === 400);
    return (
      <Page title={notFound ? D.notFoundTitle : D.loadingTitle} breadcrumb={crumbs}>
        <FocusedAlert severity="error" title={notFound ? D.notFoundText : org.error.message} />
        <Link className="fr-btn" to={paths.organisations()}>
          {D.backToSearch}
        </Link>
      </Page>
    );
  }
  return <OrganisationView org={org.data} asked={asked} />;
}

export function OrganisationView({ org, asked }: { org: OrganisationDetail; asked: VerdictAsked }) {
  const { user } = useSession();
  const location = useLocation();
  const scrolled = useRef(false);
  // The visitor's page rendered by the server (ADR 0037): its charts, far below the first screen, are
  // loaded and drawn when scrolled near, not while a slow phone is still taking the page in (ADR 0039).
  // A member's page is drawn by the browser as before, the indicators with it.
  const drawnByServer = useContext(ServerRenderedPath) === location.pathname;

  // Links from e-mails point to a section (#demandes); go there once the page is drawn.
  useEffect(() => {
    if (scrolled.current || !location.hash) return;
    const target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    scrolled.current = true;
    target.scrollIntoView();
    target.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }, [location.hash, org]);

  const territory = [org.territoryName, org.departementName, org.regionName].filter((x, i, a) => x && a.indexOf(x) === i);
  const o = org.obligation;
  // The verdict asked for another date or year: its details (and the form that asked) stay open.
  const askedAnother = asked.date !== null || asked.year !== null;
  return (
    <Page title={org.name} breadcrumb={crumbs} lead={<p>{[L.kinds[org.kind], ...territory].join(' · ')}</p>}>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <section id="en-bref" aria-labelledby="brief-title" className="fr-callout fr-mb-4w">
            <h2 id="brief-title" className="fr-callout__title">
              {D.briefTitle}
            </h2>
            {org.ceased && <Alert className="fr-mb-2w" severity="warning" small description={D.ceased(org.ceasedOn ? formatCalendarDate(org.ceasedOn) : null)} />}
            {D.sourceNote[org.source] && <p className="fr-text--sm">{D.sourceNote[org.source]}</p>}
            <dl className="entraide-facts">
              <dt>{D.obligationTitle}</dt>
              <dd>
                <p className="fr-mb-1w">
                  <VerdictBadge status={o.status} /> <span className="fr-text--sm">{D.obligationAt(formatCalendarDate(o.date), o.year)}.</span>
                </p>
                <p className="fr-text--sm fr-mb-1w">{D.obligationSource[o.source]}</p>
                <DeclareHint org={org} />
              </dd>
              <dt>{D.spaserTitle}</dt>
              <dd>
                <SpaserBadge status={org.spaserStatus} />
                {org.spaserAdoptedOn && <> {D.spaserAdoptedOn(formatCalendarDate(org.spaserAdoptedOn))}</>}
                {org.spaserUrl && (
                  <>
                    {' '}
                    <a href={org.spaserUrl} target="_blank" rel="noreferrer" title={`${D.spaserLink} — nouvelle fenêtre`}>
                      {D.spaserLink}
                    </a>
                  </>
                )}
              </dd>
              <dt>{D.briefPurchases}</dt>
              <dd>
                {o.declared
                  ? D.briefPurchasesDeclared(formatEuros(o.declared.amount), o.declared.year)
                  : o.decp
                    ? D.briefPurchasesDecp(formatEuros(o.decp.notified), o.year, formatNumber(o.decp.contracts))
                    : D.unknown}
              </dd>
              <dt>{D.population}</dt>
              <dd>{org.population === null ? D.unknown : D.inhabitants(formatNumber(org.population))}</dd>
              <dt>{D.briefMembers}</dt>
              <dd>{D.membersCount(org.membersCount)}</dd>
            </dl>
            <p className="fr-text--sm fr-mt-2w fr-mb-0">{D.briefDetails}</p>
          </section>

          {/* data-fr-group="false": each section opens on its own; opening one does not close the others. */}
          <div className="fr-accordions-group fr-mb-6w" data-fr-group="false">
            <Accordion titleAs="h2" label={D.obligationTitle} defaultExpanded={askedAnother}>
              <ObligationDetails org={org} asked={asked} />
            </Accordion>
            <Accordion titleAs="h2" label={D.spaserTitle}>
              <p>
                <SpaserBadge status={org.spaserStatus} /> <span className="fr-text--sm">{spaserStatusSourceLabels[org.spaserSource]}</span>
              </p>
              {org.spaserAdoptedOn && <p>{D.spaserAdoptedOn(formatCalendarDate(org.spaserAdoptedOn))}</p>}
              {org.spaserUrl && (
                <p>
                  <a href={org.spaserUrl} target="_blank" rel="noreferrer" title={`${D.spaserLink} — nouvelle fenêtre`}>
                    {D.spaserLink}
                  </a>
                </p>
              )}
              {/* Only a signed-in member may declare: a visitor's page loads neither its code nor the indicators for it. */}
              {user && (
                <Suspense fallback={null}>
                  <SpaserDeclarationIfAllowed organisationId={org.id} />
                </Suspense>
              )}
            </Accordion>
            <Accordion titleAs="h2" label={D.identityTitle}>
              <dl className="entraide-facts">
                <dt>{D.siren}</dt>
                <dd>
                  {org.siren ? (
                    formatSiren(org.siren)
                  ) : (
                    <Badge as="span" severity="warning" small>
                      {D.sirenToComplete}
                    </Badge>
                  )}
                </dd>
                {org.acronym && (
                  <>
                    <dt>{D.acronym}</dt>
                    <dd>{org.acronym}</dd>
                  </>
                )}
                <dt>{D.kind}</dt>
                <dd>
                  {org.source === 'decp' && org.legalCategory === null ? D.unknown : L.kinds[org.kind]}
                  {org.subKind ? ` (${org.subKind})` : ''}
                </dd>
                {org.legalCategory && (
                  <>
                    <dt>{D.legalCategory}</dt>
                    <dd>{org.legalCategory}</dd>
                  </>
                )}
                <dt>{D.population}</dt>
                <dd>{org.population === null ? D.unknown : D.inhabitants(formatNumber(org.population))}</dd>
                {org.territoryName && (
                  <>
                    <dt>{D.territory}</dt>
                    <dd>{org.territoryName}</dd>
                  </>
                )}
                <dt>{D.departement}</dt>
                <dd>{org.departementName ? `${org.departementName} (${org.departementCode})` : (org.departementCode ?? D.unknown)}</dd>
                <dt>{D.region}</dt>
                <dd>{org.regionName ?? D.unknown}</dd>
                {org.postcodes.length > 0 && (
                  <>
                    <dt>{D.postcodes}</dt>
                    <dd>{org.postcodes.join(', ')}</dd>
                  </>
                )}
              </dl>
            </Accordion>
            <Accordion titleAs="h2" label={D.membersTitle}>
              <p>{D.membersCount(org.membersCount)}</p>
              {org.members.length > 0 ? (
                <ul>
                  {org.members.map((m) => (
                    <li key={m.id}>
                      {m.firstName} {m.lastName}
                      {m.jobTitle ? ` — ${m.jobTitle}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                org.membersCount > 0 && <p className="fr-text--sm">{D.membersHidden}</p>
              )}
            </Accordion>
          </div>

          <JoinSection org={org} signedIn={!!user} />
          <NearbyActors regionCode={org.regionCode} regionName={org.regionName} idPrefix="organisation" />
        </div>
        <div className="fr-col-12">
          {drawnByServer ? (
            <WhenNear placeholder={<IndicatorsPlaceholder />}>
              <Suspense fallback={<IndicatorsPlaceholder />}>
                <OrganisationIndicatorsSection organisationId={org.id} />
              </Suspense>
            </WhenNear>
          ) : (
            <Suspense fallback={<Loading label={observatoryLabels.organisation.loading} />}>
              <OrganisationIndicatorsSection organisationId={org.id} />
            </Suspense>
          )}
        </div>
        <div className="fr-col-12 fr-col-lg-8">
          {org.can.edit && <EditSection org={org} />}
          {org.can.reviewRequests && <RequestsSection org={org} />}
          {org.can.manageDomains && <DomainsSection org={org} />}
          {org.can.editSiren && <ReviewSection org={org} />}
          {org.can.editSiren && <SirenSection org={org} />}
        </div>
      </div>
    </Page>
  );
}

/** What the indicators section shows before its code and data are there: its title and a loading line. */
function IndicatorsPlaceholder() {
  return (
    <section aria-labelledby="decp-title" className="fr-mb-6w">
      <h2 id="decp-title">{observatoryLabels.organisation.title}</h2>
      <Loading label={observatoryLabels.organisation.loading} />
    </section>
  );
}

function JoinSection({ org, signedIn }: { org: OrganisationDetail; signedIn: boolean }) {
  const location = useLocation();
  if (org.myMembership === 'verified') {
    return (
      <section aria-labelledby="join-title" className="fr-mb-6w">
        <h2 id="join-title">{L.join.title}</h2>
        <p>{L.join.verified}</p>
      </section>
    );
  }
  if (org.myMembership === 'pending') {
    return (
      <section aria-labelledby="join-title" className="fr-mb-6w">
        <h2 id="join-title">{L.join.title}</h2>
        <p>{L.join.pending}</p>
      </section>
    );
  }
  if (!signedIn) {
    return (
      <section aria-labelledby="join-title" className="fr-mb-6w">
        <h2 id="join-title">{L.join.title}</h2>
        <p>{L.join.loginNeeded}</p>
        <Link className="fr-btn fr-btn--secondary" to={paths.logIn(location.pathname)}>
          {L.join.logIn}
        </Link>
      </section>
    );
  }
  if (!org.can.requestMembership) return null;
  return (
    <section aria-labelledby="join-title" className="fr-mb-6w">
      <h2 id="join-title">{L.join.title}</h2>
      <p>{org.myMembership === 'rejected' ? L.join.rejected : L.join.lead}</p>
      <JoinForm organisationId={org.id} organisationName={org.name} />
    </section>
  );
}
