import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { moderationLogResponse, okResponse, reportQueueResponse } from '../../server/helpspace/helpspace.contract';
import { themeKeys } from '../../shared/fields';
import { Loading, Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField } from '../platform/fields';
import { formatDateTime } from '../platform/format';
import { platformLabels } from '../platform/labels';
import { ResultsStatus } from '../platform/results';
import { helpKey } from './api';
import { helpLabels } from './labels';

const L = helpLabels.moderation;
type Report = z.infer<typeof reportQueueResponse>['items'][number];
type Action = 'hide' | 'restore' | 'lock' | 'move' | 'delete';

export function ModerationPage() {
  const reports = useQuery({ queryKey: [...helpKey, 'moderation', 'reports'], queryFn: () => api.get('/api/help/moderation/reports', reportQueueResponse) });
  const log = useQuery({ queryKey: [...helpKey, 'moderation', 'log'], queryFn: () => api.get('/api/help/moderation/log', moderationLogResponse) });
  const [message, setMessage] = useState('');

  return (
    <Page title={L.title} breadcrumb={[{ label: helpLabels.home.title, to: paths.helpHome() }]} lead={L.lead}>
      <ResultsStatus text={reports.data ? `${message ? `${message} ` : ''}${L.count(reports.data.items.length, reports.data.items.reduce((n, r) => n + r.reports.length, 0))}` : platformLabels.loading} />
      {reports.isError && <Alert severity="error" small description={reports.error.message} />}
      {reports.data && reports.data.items.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>{L.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{L.colPost}</th>
                <th scope="col">{L.colReasons}</th>
                <th scope="col">{L.colReporters}</th>
                <th scope="col">{L.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.items.map((r) => (
                <ReportRow key={r.postId} r={r} onDone={setMessage} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="moderation-log" className="fr-mt-6w">
        <h2 id="moderation-log">{L.logTitle}</h2>
        {log.isPending && <Loading />}
        {log.data && (
          <Table
            className="fr-table--sm"
            caption={L.logCaption}
            headers={[L.colDate, L.colAction, L.colActor, L.colDetails]}
            data={log.data.items.map((e) => [formatDateTime(e.createdAt), L.actions[e.action] ?? e.action, e.actor ?? platformLabels.notProvided, e.reason || platformLabels.notProvided])}
          />
        )}
      </section>
    </Page>
  );
}

function ReportRow({ r, onDone }: { r: Report; onDone: (m: string) => void }) {
  const qc = useQueryClient();
  const [theme, setTheme] = useState('');
  const act = useMutation({
    mutationFn: (v: { action: Action; theme?: string }) =>
      api.post(`/api/help/moderation/posts/${r.postId}`, { action: v.action, theme: v.theme, reason: [...new Set(r.reports.map((x) => x.reason))].join(' ; ').slice(0, 1000) }, okResponse),
    onSuccess: async () => {
      onDone(L.done);
      await qc.invalidateQueries({ queryKey: helpKey });
    },
  });
  const kind = L.kinds[r.postKind] ?? r.postKind;
  const groupLabel = L.actionsOn(kind, r.questionTitle);
  return (
    <tr>
      <td>
        <p className="fr-text--sm fr-mb-1w">
          {kind} — <Link to={paths.helpQuestion(r.questionId)}>{r.questionTitle}</Link>{' '}
          {r.postHidden && (
            <Badge as="span" small severity="warning">
              {L.hiddenBadge}
            </Badge>
          )}
        </p>
        <p className="fr-text--xs fr-mb-0">{r.excerpt}</p>
      </td>
      <td>
        <ul className="fr-text--sm fr-mb-0">
          {r.reports.map((x) => (
            <li key={x.id}>
              « {x.reason} » — {x.reporter.displayName}, <span className="fr-text--xs">{formatDateTime(x.createdAt)}</span>
            </li>
          ))}
        </ul>
      </td>
      <td>{L.reporters(r.reportersCount)}</td>
      <td>
        <div role="group" aria-label={groupLabel}>
          {act.isError && <Alert severity="error" small description={act.error.message} className="fr-mb-1w" />}
          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left">
            <li>
              <Button size="small" priority="secondary" disabled={act.isPending} onClick={() => act.mutate({ action: r.postHidden ? 'restore' : 'hide' })}>
                {r.postHidden ? L.restore : L.hide}
              </Button>
            </li>
            {r.postKind === 'question' && (
              <li>
                <Button size="small" priority="secondary" disabled={act.isPending} onClick={() => act.mutate({ action: 'lock' })}>
                  {L.lock}
                </Button>
              </li>
            )}
            <li>
              <Button size="small" priority="tertiary" disabled={act.isPending} onClick={() => window.confirm(L.deleteConfirm) && act.mutate({ action: 'delete' })}>
                {L.delete}
              </Button>
            </li>
          </ul>
          {r.postKind === 'question' && (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (theme) act.mutate({ action: 'move', theme });
              }}
            >
              <SelectField id={`move-${r.postId}`} label={L.move} value={theme} onChange={setTheme} emptyOption="—" options={themeKeys.map((k) => ({ value: k, label: helpLabels.themes[k] }))} />
              <Button size="small" type="submit" priority="tertiary" disabled={act.isPending || !theme}>
                {L.moveSubmit}
              </Button>
            </form>
          )}
        </div>
      </td>
    </tr>
  );
}
