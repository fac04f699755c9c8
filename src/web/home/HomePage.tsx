import Card from '@codegouvfr/react-dsfr/Card';
import Notice from '@codegouvfr/react-dsfr/Notice';
import Alert from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import { PageHeading, useDocumentTitle, useFlash } from '../layout/Page';
import { paths } from '../paths';
import { useSession } from '../platform/session';
import { homeLabels as L } from './labels';

export function HomePage() {
  useDocumentTitle(L.documentTitle);
  const { user } = useSession();
  const flash = useFlash();
  return (
    <>
      <Notice title={L.betaNotice} />
      <div className="fr-container fr-py-6w">
        {flash && <Alert severity="success" small description={flash} className="fr-mb-4w" role="status" />}
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
          <div className="fr-col-12 fr-col-md-8">
            <PageHeading>{L.title}</PageHeading>
            <p className="fr-text--lead">{L.lead}</p>
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              {user ? (
                <>
                  <li>
                    <Link className="fr-btn fr-icon-building-line" to={paths.myOrganisation()}>
                      {L.ctaMyOrganisation}
                    </Link>
                  </li>
                  <li>
                    <Link className="fr-btn fr-btn--secondary fr-icon-account-circle-line" to={paths.profile()}>
                      {L.ctaProfile}
                    </Link>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link className="fr-btn fr-icon-user-add-line" to={paths.signUp()}>
                      {L.ctaSignUp}
                    </Link>
                  </li>
                  <li>
                    <Link className="fr-btn fr-btn--secondary fr-icon-search-line" to={paths.organisations()}>
                      {L.ctaFindOrganisation}
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </div>
        </div>

        <section className="fr-mt-6w" aria-labelledby="home-what">
          <h2 id="home-what">{L.whatTitle}</h2>
          {L.what.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <p>
            <a href={L.legalUrl} target="_blank" rel="noreferrer" title={`${L.legalLink} — nouvelle fenêtre`}>
              {L.legalLink}
            </a>
          </p>
        </section>

        <section className="fr-mt-6w" aria-labelledby="home-for-whom">
          <h2 id="home-for-whom">{L.forWhomTitle}</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            {L.forWhom.map((c) => (
              <div key={c.title} className="fr-col-12 fr-col-md-4">
                <Card title={c.title} titleAs="h3" desc={c.text} size="small" />
              </div>
            ))}
          </div>
        </section>

        <section className="fr-mt-6w" aria-labelledby="home-now">
          <h2 id="home-now">{L.whatYouCanDoTitle}</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            {L.whatYouCanDo.map((c) => (
              <div key={c.title} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                <Card title={c.title} titleAs="h3" desc={c.text} size="small" enlargeLink linkProps={{ to: paths[c.to]() }} />
              </div>
            ))}
          </div>
        </section>
      </div>
    </>
  );
}
