import Alert from '@codegouvfr/react-dsfr/Alert';
import { Link, useParams } from 'react-router';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { useCollection } from './api';
import { ResourceList } from './components';
import { libraryLabels } from './labels';

const L = libraryLabels.collection;
const crumbs = [{ label: L.back, to: paths.library() }];

export function CollectionPage() {
  const { id = '' } = useParams();
  const collection = useCollection(id);
  if (collection.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (collection.isError)
    return (
      <Page title={L.notFoundTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={collection.error.message} />
      </Page>
    );
  const c = collection.data;
  return (
    <Page title={c.title} breadcrumb={crumbs} lead={c.description || undefined}>
      {c.can.manage && (
        <p className="fr-mb-4w">
          <Link className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-edit-line fr-btn--icon-left" to={paths.libraryCollectionEdit(c.id)}>
            {L.edit}
          </Link>
        </p>
      )}
      <section aria-labelledby="collection-resources-title">
        <h2 id="collection-resources-title">{L.resourcesTitle}</h2>
        {c.items.length ? <ResourceList items={c.items} /> : <p>{L.empty}</p>}
      </section>
    </Page>
  );
}
