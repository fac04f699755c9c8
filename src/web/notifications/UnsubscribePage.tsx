import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { okResponse, unsubscribeInfo } from '../../server/notifications/notifications.contract';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { notificationsLabels } from './labels';

const L = notificationsLabels.unsubscribe;

/** Reached from the link of every e-mail: shows what the link does, and does it only on a click. */
export function UnsubscribePage() {
  const [sp] = useSearchParams();
  const token = sp.get('jeton') ?? '';
  const info = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: () => api.get(`/api/notifications/unsubscribe${query({ token })}`, unsubscribeInfo),
    enabled: token.length > 0,
  });
  const confirm = useMutation({ mutationFn: () => api.post(`/api/notifications/unsubscribe${query({ token })}`, {}, okResponse) });

  return (
    <Page title={L.title}>
      {!token && <Alert severity="error" small description={L.missing} />}
      {token && info.isPending && <Loading />}
      {info.isError && <Alert severity="error" small description={info.error.message} />}
      {info.data && !confirm.isSuccess && (
        <>
          <p>{L.hello(info.data.firstName)}</p>
          <p>{info.data.message}</p>
          {confirm.isError && <Alert severity="error" small className="fr-mb-2w" description={confirm.error.message} />}
          <Button onClick={() => confirm.mutate()} disabled={confirm.isPending}>
            {info.data.category ? L.confirmCategory(info.data.category.label) : L.confirm}
          </Button>
        </>
      )}
      {confirm.isSuccess && <FocusedAlert severity="success" title={confirm.data.message ?? L.done} />}
      <p className="fr-mt-4w">
        <Link to={paths.notificationPreferences()}>{L.preferences}</Link>
      </p>
    </Page>
  );
}
