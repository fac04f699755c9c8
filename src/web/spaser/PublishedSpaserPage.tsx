import { useParams } from 'react-router';
import { refPart } from '../../shared/slug';
import { PageLoading } from '../layout/Page';
import { SimplePage } from '../layout/SimplePage';
import { isApiError } from '../platform/api';
import { usePublishedSpaser } from './api';
import { spaserLabels } from './labels';
import { PublishedSpaserView } from './PublishedSpaserView';

const P = spaserLabels.published;

/** /schemas/<ref>-<slug>: the page the server rendered, drawn again by the web app from the same data. */
export function PublishedSpaserPage() {
  const { ref: refAndSlug = '' } = useParams();
  const ref = refPart(refAndSlug);
  const found = usePublishedSpaser(ref);
  if (found.isPending) return <PageLoading title={P.crumb} />;
  if (found.isError) {
    const withdrawn = isApiError(found.error) && found.error.status === 410;
    return <SimplePage title={withdrawn ? P.withdrawnTitle : P.notFoundTitle} text={withdrawn ? found.error.message : P.notFoundText} />;
  }
  return <PublishedSpaserView doc={found.data.document} bilanPath={found.data.bilanPath} />;
}
