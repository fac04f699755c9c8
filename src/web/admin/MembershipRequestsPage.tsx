import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { okResponse } from '../../server/accounts/accounts.contract';
import { queuedRequest, requestsQueueResponse } from '../../server/organisations/organisations.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api, query } from '../platform/api';
import { formatDateTime, formatSiren } from '../platform/format';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { PageLinks, ResultsStatus, pageParam, useFocusOnChange } from '../platform/results';
import { adminLabels as AL } from './labels';

const L = AL.requests;
type Request = z.infer<typeof queuedRequest>;
type Feedback = { key: number; message: string; error: boolean };
const queueKey = ['admin', 'membershipRequests'] as const;
const columns = [L.colRequest, L.colOrganisation, L.colDomain, L.colDecision];

/**
 * The facilitators' queue (issue 15, item 5): every organisation's pending membership requests,
 * oldest first, decided in place through the organisation's own decision route (same service,
 * same e-mails). The result of each decision is announced in a focused alert above the table.
 */
export function MembershipRequestsPage() {
  const [sp] = useSearchParams();
  const page = pageParam(sp.get('page'));
  const requests = useQuery({
    queryKey: [...queueKey, page],
    queryFn: () => api.get(`/api/admin/membership-requests${query({ page })}`, requestsQueueResponse),
    placeholderData: keepPreviousData,
  });
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, page);
  const status = requests.isPending ? platformLabels.loading : requests.data ? L.count(requests.data.total) : '';
  return (
    <Page title={L.title} lead={L.lead} breadcrumb={[{ label: AL.home.title, to: paths.admin() }]}>
      <h2 id="requests-queue" ref={heading} tabIndex={-1} className="fr-sr-only entraide-focus-target">
        {L.caption}
      </h2>
      <ResultsStatus text={status} />
      {feedback && <FocusedAlert severity={feedback.error ? 'error' : 'success'} as="h3" title={feedback.message} focusKey={feedback.key} />}
      {requests.isError && <FocusedAlert severity="error" as="h3" title={requests.error.message} />}
      {requests.data && requests.data.items.length === 0 && <p>{L.empty}</p>}
      {requests.data && requests.data.items.length > 0 && (
        // The DSFR table's markup, written out so each cell carries its column's name: below 48em
        // the rows stack (app.css), each cell under its name, with the decision buttons in view.
        <div className="fr-table entraide-stacked-table">
          <table>
            <caption>{L.caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((r) => (
                <tr key={r.id}>
                  <td data-label={L.colRequest}>
                    <RequestCell request={r} />
                  </td>
                  <td data-label={L.colOrganisation}>
                    <OrganisationCell request={r} />
                  </td>
                  <td data-label={L.colDomain}>
                    <DomainCell request={r} />
                  </td>
                  <td data-label={L.colDecision}>
                    <DecisionCell request={r} onDone={setFeedback} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {requests.data && <PageLinks page={requests.data.page} total={requests.data.total} pageSize={requests.data.pageSize} />}
    </Page>
  );
}

const fullName = (r: Request) => `${r.requester.firstName} ${r.requester.lastName}`;

function RequestCell({ request: r }: { request: Request }) {
  return (
    <>
      <strong>{fullName(r)}</strong>
      {r.requester.jobTitle && (
        <>
          <br />
          {r.requester.jobTitle}
        </>
      )}
      <br />
      <span className="entraide-break-anywhere">{r.requester.email}</span>
      <br />
      <span className="fr-text--sm">{L.receivedOn(formatDateTime(r.createdAt))}</span>
      <p className="fr-text--sm fr-mb-0 fr-mt-1w">
        {r.message ? (
          <>
            {L.messageLabel} « {r.message} »
          </>
        ) : (
          <em>{L.noMessage}</em>
        )}
      </p>
    </>
  );
}

function OrganisationCell({ request: r }: { request: Request }) {
  return (
    <>
      <Link to={paths.organisation(r.organisation.id)}>{r.organisation.name}</Link>
      {r.organisation.siren && (
        <>
          <br />
          <span className="fr-text--sm">{L.siren(formatSiren(r.organisation.siren))}</span>
        </>
      )}
      {r.siret && (
        <>
          <br />
          <span className="fr-text--sm">{L.siret(r.siret)}</span>
        </>
      )}
      {r.organisation.needsReview && (
        <>
          <br />
          <Badge as="span" small severity="warning">
            {L.needsReview}
          </Badge>
        </>
      )}
    </>
  );
}

function DomainCell({ request: r }: { request: Request }) {
  return (
    <>
      <span className="entraide-break-anywhere">@{r.emailDomain}</span>
      <br />
      {r.domainMatches ? (
        <Badge as="span" small severity="success">
          {L.matches}
        </Badge>
      ) : r.publicMailDomain ? (
        <Badge as="span" small severity="warning">
          {L.publicMail}
        </Badge>
      ) : (
        <Badge as="span" small severity="info" noIcon>
          {L.noMatch}
        </Badge>
      )}
      <br />
      <span className="fr-text--sm">{L.declared(r.declaredDomains)}</span>
    </>
  );
}

function DecisionCell({ request: r, onDone }: { request: Request; onDone: (f: Feedback) => void }) {
  const qc = useQueryClient();
  const name = fullName(r);
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      api.post(`/api/organisations/${r.organisation.id}/membership-requests/${r.id}/decision`, { decision }, okResponse),
    onSuccess: (_res, decision) => {
      onDone({ key: Date.now(), message: decision === 'approve' ? L.approved(name, r.organisation.name) : L.rejected(name, r.organisation.name), error: false });
      void qc.invalidateQueries({ queryKey: queueKey });
      void qc.invalidateQueries({ queryKey: ['membershipRequests', r.organisation.id] });
    },
    onError: (e) => {
      // Decided meanwhile by someone else: the French message says so, and the list is brought up to date.
      onDone({ key: Date.now(), message: e.message, error: true });
      void qc.invalidateQueries({ queryKey: queueKey });
    },
  });
  const detail = L.buttonDetail(name, r.organisation.name);
  return (
    <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline-sm fr-btns-group--icon-left">
      <li>
        <Button size="small" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
          {L.approve}
          <span className="fr-sr-only">{detail}</span>
        </Button>
      </li>
      <li>
        <Button size="small" priority="secondary" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
          {L.reject}
          <span className="fr-sr-only">{detail}</span>
        </Button>
      </li>
    </ul>
  );
}
