import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { introductionView, type IntroductionStatus, type IntroductionView } from '../../server/introductions/introductions.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { formatDate } from '../platform/format';
import { introductionsLabels as L } from './labels';

/** Every query of the module starts with this key: an answer refreshes the list, the request and the profile panel. */
export const introductionsKey = ['introductions'] as const;

const severity: Record<IntroductionStatus, 'info' | 'success' | 'warning' | undefined> = { pending: 'info', accepted: 'success', declined: 'warning', withdrawn: undefined };

export function StatusBadge({ status }: { status: IntroductionStatus }) {
  return (
    <Badge as="span" small severity={severity[status]} noIcon={!severity[status]}>
      {L.status[status]}
    </Badge>
  );
}

/** The other member's address, shown only once the request was accepted (the API sends it only then). */
export function PeerEmail({ peer }: { peer: IntroductionView['peer'] }) {
  if (!peer.email) return null;
  return (
    <p className="fr-mb-1w">
      {L.emailLabel}{' '}
      <a href={`mailto:${peer.email}`} title={L.emailTitle(`${peer.firstName} ${peer.lastName}`)}>
        {peer.email}
      </a>
    </p>
  );
}

/** « Envoyée le … », « Reçue le … », and when it was answered. */
export function RequestDates({ r }: { r: IntroductionView }) {
  const created = (r.direction === 'sent' ? L.sentOn : L.receivedOn)(formatDate(r.createdAt));
  const answered = r.answeredAt && r.status !== 'pending' ? `, ${L.answeredOn[r.status](formatDate(r.answeredAt))}` : '';
  return (
    <p className="fr-text--sm fr-mb-1w">
      {created}
      {answered}.
    </p>
  );
}

type Answer = 'accept' | 'decline' | 'withdraw';

/** Accept and decline (received, pending) or withdraw (sent, pending): what the response says the member may do. */
export function AnswerButtons({ r, describedBy, onDone, onError }: { r: IntroductionView; describedBy?: string; onDone: (answer: Answer) => void; onError: (e: unknown) => void }) {
  const qc = useQueryClient();
  const answer = useMutation({
    mutationFn: (a: Answer) => api.post(`/api/introductions/${r.id}/${a}`, {}, introductionView),
    onSuccess: async (_v, a) => {
      await qc.invalidateQueries({ queryKey: introductionsKey });
      onDone(a);
    },
    onError,
  });
  // In a list, each button also names whose request it is (the card's heading).
  const native = describedBy ? { 'aria-describedby': describedBy } : {};
  if (!r.can.accept && !r.can.decline && !r.can.withdraw) return null;
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left fr-mt-2w">
      {r.can.accept && (
        <li>
          <Button size="small" disabled={answer.isPending} onClick={() => answer.mutate('accept')} nativeButtonProps={native}>
            {L.actions.accept}
          </Button>
        </li>
      )}
      {r.can.decline && (
        <li>
          <Button size="small" priority="secondary" disabled={answer.isPending} onClick={() => answer.mutate('decline')} nativeButtonProps={native}>
            {L.actions.decline}
          </Button>
        </li>
      )}
      {r.can.withdraw && (
        <li>
          <Button size="small" priority="secondary" disabled={answer.isPending} onClick={() => answer.mutate('withdraw')} nativeButtonProps={native}>
            {L.actions.withdraw}
          </Button>
        </li>
      )}
    </ul>
  );
}

export const doneMessage = (a: Answer) => (a === 'accept' ? L.actions.acceptedDone : a === 'decline' ? L.actions.declinedDone : L.actions.withdrawnDone);

/** The other member's name, linked to their profile. */
export function PeerName({ peer }: { peer: IntroductionView['peer'] }) {
  return <Link to={paths.member(peer.id)}>{`${peer.firstName} ${peer.lastName}`}</Link>;
}
