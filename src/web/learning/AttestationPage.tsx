import { useParams } from 'react-router';
import { PageLoading } from '../layout/Page';
import { SimplePage } from '../layout/SimplePage';
import { isApiError } from '../platform/api';
import { useVerification } from './api';
import { AttestationView } from './AttestationView';
import { learningLabels } from './labels';

const A = learningLabels.attestation;

/** /attestations/:code: the page the server rendered, drawn again by the web app from the same data. */
export function AttestationPage() {
  const { code = '' } = useParams();
  const q = useVerification(code);
  if (q.isPending) return <PageLoading title={A.verifyTitle} />;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <SimplePage title={A.notFoundTitle} text={A.notFoundText} />;
    throw q.error;
  }
  return <AttestationView verification={q.data} />;
}
