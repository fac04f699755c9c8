import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listResponse, okResponse } from '../../server/notifications/notifications.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { formatDateTime } from '../platform/format';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange } from '../platform/results';
import { notificationsKey } from './api';
import { notificationsLabels } from './labels';

const L = notificationsLabels.centre;

export function NotificationsPage() {
  const [sp, setSp] = useSearchParams();
  const page = pageParam(sp.get('page'));
  const unreadOnly = sp.get('non-lues') === 'oui';
  const category = sp.get('categorie') ?? '';
  // Filter links keep the other filter and go back to the first page.
  const filterUrl = (next: { unread?: boolean; category?: string }) => {
    const p = new URLSearchParams();
    if (next.unread ?? unreadOnly) p.set('non-lues', 'oui');
    const c = next.category ?? category;
    if (c) p.set('categorie', c);
    const q = p.toString();
    return `${paths.notifications()}${q ? `?${q}` : ''}`;
  };
  const qc = useQueryClient();
  const [done, setDone] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);

  const list = useQuery({
    queryKey: [...notificationsKey, 'list', { page, unreadOnly, category }],
    queryFn: () => api.get(`/api/notifications${query({ page, unread: unreadOnly ? 'true' : undefined, category: category || undefined })}`, listResponse),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: notificationsKey });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${id}/read`, {}, okResponse),
    onSuccess: async () => {
      setDone(L.readDone);
      await refresh();
    },
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/api/notifications/read-all', {}, okResponse),
    onSuccess: async () => {
      setDone(L.allReadDone);
      await refresh();
    },
  });
  const data = list.data;
  const status = list.isPending ? platformLabels.loading : data ? `${done ? `${done} ` : ''}${L.count(data.total, data.unreadCount)}` : '';

  return (
    <Page title={L.title} lead={L.lead}>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-3w fr-btns-group--icon-left">
        <li>
          <Button priority="secondary" iconId="fr-icon-check-line" disabled={!data || data.unreadCount === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
            {L.markAllRead}
          </Button>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-icon-settings-5-line fr-btn--icon-left" to={paths.notificationPreferences()}>
            {L.preferences}
          </Link>
        </li>
      </ul>
      <nav aria-label={L.filterLabel} className="fr-mb-2w">
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
          <li>
            <Link className={`fr-btn fr-btn--sm ${unreadOnly ? 'fr-btn--secondary' : ''}`} to={filterUrl({ unread: false })} aria-current={!unreadOnly ? 'page' : undefined}>
              {L.all}
            </Link>
          </li>
          <li>
            <Link className={`fr-btn fr-btn--sm ${unreadOnly ? '' : 'fr-btn--secondary'}`} to={filterUrl({ unread: true })} aria-current={unreadOnly ? 'page' : undefined}>
              {L.unreadOnly}
            </Link>
          </li>
        </ul>
      </nav>
      <nav aria-label={L.categoryFilterLabel} className="fr-mb-3w">
        <ul className="fr-tags-group">
          <li>
            <Link className="fr-tag" to={filterUrl({ category: '' })} aria-current={!category ? 'page' : undefined}>
              {L.allCategories}
            </Link>
          </li>
          {(data?.categories ?? []).map((c) => (
            <li key={c.id}>
              <Link className="fr-tag" to={filterUrl({ category: c.id })} aria-current={category === c.id ? 'page' : undefined}>
                {L.categoryTag(c.label, c.unread)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 ref={heading} tabIndex={-1} className="fr-sr-only entraide-focus-target">
        {L.title}
      </h2>
      <ResultsStatus text={status} />
      {(list.isError || markRead.isError || markAll.isError) && (
        <Alert severity="error" small className="fr-mb-2w" description={(list.error ?? markRead.error ?? markAll.error)?.message ?? platformLabels.unexpectedError} />
      )}
      {data && data.items.length > 0 && (
        <ul className="entraide-plain-list" aria-busy={list.isFetching}>
          {data.items.map((n) => (
            <li key={n.id} className="fr-py-2w entraide-question-item">
              <p className="fr-mb-1w">
                <span className="fr-tag fr-tag--sm fr-mr-1w">{n.categoryLabel}</span>
                {!n.read && (
                  <Badge as="span" small severity="new" className="fr-mr-1w">
                    {L.unreadBadge}
                  </Badge>
                )}
                {n.read ? n.sentence : <strong>{n.sentence}</strong>}
              </p>
              {n.suggestedHelpers.length > 0 && (
                <p className="fr-text--sm fr-mb-1w">
                  {L.helpers} {n.suggestedHelpers.map((h) => `${h.displayName} (${L.usefulCount(h.usefulAnswersCount)})`).join(', ')}
                </p>
              )}
              <p className="fr-text--xs fr-mb-1w">{formatDateTime(n.createdAt)}</p>
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
                <li>
                  <Link className="fr-btn fr-btn--sm fr-btn--secondary" to={n.path} onClick={() => !n.read && markRead.mutate(n.id)}>
                    {n.questionId ? L.open : L.openOther}
                    <span className="fr-sr-only"> : {n.questionTitle ?? n.sentence}</span>
                  </Link>
                </li>
                {!n.read && (
                  <li>
                    <Button size="small" priority="tertiary" disabled={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
                      {L.markRead}
                      <span className="fr-sr-only"> : {n.questionTitle ?? n.sentence}</span>
                    </Button>
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {data && <PageLinks page={data.page} total={data.total} pageSize={data.pageSize} />}
      {(unreadOnly || category) && data && data.total === 0 && (
        <p>
          <Button priority="tertiary" onClick={() => setSp(new URLSearchParams())}>
            {L.all}
          </Button>
        </p>
      )}
    </Page>
  );
}
