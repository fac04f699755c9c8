import Badge from '@codegouvfr/react-dsfr/Badge';
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
