import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { publicBilanResponse } from '../../server/spaser/bilan.contract';
import { PageLoading } from '../layout/Page';
import { SimplePage } from '../layout/SimplePage';
import { api } from '../platform/api';
import { spaserLabels } from './labels';
import { PublishedBilanView, publishedBilanKey } from './PublishedBilanView';

const B = spaserLabels.bilan;

/** /schemas/<ref>-<slug>/bilan: the page the server rendered, drawn again by the web app from the same data. */
export function PublishedBilanPage() {
  const { ref: refAndSlug = '' } = useParams();
  const ref = refAndSlug.split('-', 1)[0]!;
  const found = useQuery({
    queryKey: publishedBilanKey(ref),
    queryFn: () => api.get(`/api/public/schemas/${encodeURIComponent(ref)}/bilan`, publicBilanResponse),
    staleTime: 60_000,
  });
  if (found.isPending) return <PageLoading title={B.title} />;
  if (found.isError) return <SimplePage title={B.notFoundTitle} text={B.notFoundText} />;
  return <PublishedBilanView doc={found.data.document} />;
}
