import { Link } from 'react-router';
import { paths } from '../paths';
import { Page } from './Page';
import { layoutLabels } from './labels';

/** A page that only says something (not found, withdrawn), with a way back home; rendered by the server too. */
export function SimplePage({ title, text }: { title: string; text: string }) {
  return (
    <Page title={title}>
      <p>{text}</p>
      <Link className="fr-btn" to={paths.home()}>
        {layoutLabels.forbidden.home}
      </Link>
    </Page>
  );
}
