import Card from '@codegouvfr/react-dsfr/Card';
import { Link } from 'react-router';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { useSession } from '../platform/session';
import { adminLabels as L } from './labels';

export function AdminHomePage() {
  const { isAdmin } = useSession();
  return (
    <Page title={L.home.title} lead={L.home.lead}>
      {isAdmin && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-6w">
          <div className="fr-col-12 fr-col-md-6">
            <Card title={L.home.usersTitle} titleAs="h2" desc={L.home.usersText} enlargeLink linkProps={{ to: paths.adminUsers() }} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Card title={L.home.organisationsTitle} titleAs="h2" desc={L.home.organisationsText} enlargeLink linkProps={{ to: paths.adminOrganisations() }} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Card title={L.home.jobsTitle} titleAs="h2" desc={L.home.jobsText} enlargeLink linkProps={{ to: paths.adminJobs() }} />
          </div>
        </div>
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-6w">
        <div className="fr-col-12 fr-col-md-6">
          <Card title={L.home.requestsTitle} titleAs="h2" desc={L.home.requestsText} enlargeLink linkProps={{ to: paths.adminMembershipRequests() }} />
        </div>
      </div>
      <section aria-labelledby="admin-facilitator">
        <h2 id="admin-facilitator">{L.home.facilitatorTitle}</h2>
        <ul>
          {L.home.facilitator.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
        <Link className="fr-btn fr-btn--secondary" to={paths.organisations()}>
          {L.home.searchOrganisation}
        </Link>
      </section>
    </Page>
  );
}
