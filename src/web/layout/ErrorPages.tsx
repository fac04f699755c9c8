import { Link, useRouteError } from 'react-router';
import { useEffect } from 'react';
import { contactLabels } from '../contact/labels';
import { paths } from '../paths';
import { layoutLabels as L } from './labels';
import { PageHeading, useDocumentTitle } from './Page';

function ErrorFrame(props: { title: string; code: string; lead: string; detail: React.ReactNode; actions: React.ReactNode }) {
  useDocumentTitle(props.title);
  return (
    <div className="fr-container">
      <div className="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
        <div className="fr-py-0 fr-col-12 fr-col-md-8">
          <PageHeading>{props.title}</PageHeading>
          <p className="fr-text--sm fr-mb-3w">{props.code}</p>
          <p className="fr-text--lead fr-mb-3w">{props.lead}</p>
          <p className="fr-text--sm fr-mb-5w">{props.detail}</p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">{props.actions}</ul>
        </div>
      </div>
    </div>
  );
}

/** Unknown addresses (the server answers them with a 404 status too). */
export function NotFoundPage() {
  return (
    <ErrorFrame
      title={L.notFound.title}
      code={L.notFound.code}
      lead={L.notFound.lead}
      detail={L.notFound.detail}
      actions={
        <>
          <li>
            <Link className="fr-btn" to={paths.home()}>
              {L.notFound.home}
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.organisations()}>
              {L.notFound.search}
            </Link>
          </li>
        </>
      }
    />
  );
}

/** Shown when a page crashes (a bug): the header and footer stay, the user can reload. */
export function ErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <ErrorFrame
      title={L.error.title}
      code={L.error.code}
      lead={L.error.lead}
      detail={
        <>
          {L.error.detail}{' '}
          {/* A full load, like the home link: the app that crashed is left behind. */}
          <a href={paths.contact(contactLabels.subjects.error)}>{contactLabels.linkText}</a>.
        </>
      }
      actions={
        <>
          <li>
            <button type="button" className="fr-btn" onClick={() => window.location.reload()}>
              {L.error.reload}
            </button>
          </li>
          <li>
            <a className="fr-btn fr-btn--secondary" href={paths.home()}>
              {L.error.home}
            </a>
          </li>
        </>
      }
    />
  );
}

/** Last resort when the layout itself fails: no header, but still a main landmark and a way out. */
export function RootErrorPage() {
  return (
    <main id="contenu" role="main">
      <ErrorPage />
    </main>
  );
}
