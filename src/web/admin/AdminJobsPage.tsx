import Table from '@codegouvfr/react-dsfr/Table';
import { useQuery } from '@tanstack/react-query';
import { failedJobsResponse } from '../../server/platform/jobs.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { formatDateTime } from '../platform/format';
import { platformLabels } from '../platform/labels';
import { ResultsStatus } from '../platform/results';
import { adminLabels as AL } from './labels';

const L = AL.jobs;

/** Background jobs that failed for good, poison ones included (issue 11): for the admins to examine. */
export function AdminJobsPage() {
  const failed = useQuery({ queryKey: ['admin-jobs'], queryFn: () => api.get('/api/admin/jobs', failedJobsResponse) });
  const status = failed.isPending ? platformLabels.loading : failed.data ? (failed.data.items.length ? L.count(failed.data.items.length) : L.none) : '';
  return (
    <Page title={L.title} lead={L.lead} breadcrumb={[{ label: AL.home.title, to: paths.admin() }]}>
      <ResultsStatus text={status} />
      {failed.isError && <FocusedAlert severity="error" as="h2" title={failed.error.message} />}
      {failed.data && failed.data.items.length > 0 && (
        <Table
          caption={L.caption}
          headers={[L.colKind, L.colReason, L.colError, L.colPayload, L.colFinished]}
          data={failed.data.items.map((j) => [
            <code key="k">{j.kind}</code>,
            j.reason,
            j.lastError ?? '',
            <code key="p">{JSON.stringify(j.payload)}</code>,
            j.finishedAt ? formatDateTime(j.finishedAt) : '',
          ])}
        />
      )}
    </Page>
  );
}
