import Badge from '@codegouvfr/react-dsfr/Badge';
import Table from '@codegouvfr/react-dsfr/Table';
import { Link } from 'react-router';
import type { Me } from '../../server/accounts/accounts.contract';
import { paths } from '../paths';
import { formatDate } from '../platform/format';
import { accountsLabels as L } from './labels';

type Status = keyof typeof L.membershipStatus;
const severity = { verified: 'success', pending: 'info', rejected: 'error' } as const;

/** The status of a membership, in words (the colour only repeats them). */
export function MembershipBadge({ status }: { status: Status }) {
  return (
    <Badge as="span" small severity={severity[status]}>
      {L.membershipStatus[status]}
    </Badge>
  );
}

/** The member's organisations with the status of each request (profile and "Mon organisation"). */
export function MembershipsTable({ memberships, caption }: { memberships: Me['memberships']; caption: string }) {
  return (
    <Table
      caption={caption}
      headers={[L.profile.colOrganisation, L.profile.colStatus, L.profile.colDate]}
      data={memberships.map((m) => [
        <Link key="o" to={paths.organisation(m.organisationId)}>
          {m.organisationName}
        </Link>,
        <MembershipBadge key="s" status={m.status} />,
        formatDate(m.createdAt),
      ])}
    />
  );
}
