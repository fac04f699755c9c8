import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  INTRODUCTION_MESSAGE_MAX,
  introductionBody,
  introductionView,
  introductionWith,
  type IntroductionWith,
} from '../../server/introductions/introductions.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { hasDraft, useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { formatDateTime } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { useSession } from '../platform/session';
import { introductionsKey } from './components';
import { introductionsLabels as AL } from './labels';

const L = AL.member;
const fields = { message: { label: L.message, id: 'introduction-message-field' } };

/**
 * On a member's profile page: « Demander une mise en relation » when possible, otherwise why not; the
 * member's e-mail address once a request between the two was accepted (the only place on the profile).
 */
export function MemberIntroduction({ memberId, name }: { memberId: string; name: string }) {
  const q = useQuery({ queryKey: [...introductionsKey, 'with', memberId], queryFn: () => api.get(`/api/introductions/members/${encodeURIComponent(memberId)}`, introductionWith), retry: false });
  // Held here, not in the form: once sent, the refreshed state replaces the form, and the confirmation stays.
  const [sent, setSent] = useState<number | null>(null);
  if (!q.data || q.data.blocked === 'self') return null;
  // Not contactable and nothing between the two: the badge « Disponible pour aider » is absent, nothing more to say.
  if (q.data.blocked === 'unavailable' && !q.data.request) return null;
  return (
    <section aria-labelledby="member-introduction" className="fr-mb-4w">
      <h2 id="member-introduction" className="fr-h4">
        {L.title}
      </h2>
      {sent && <FocusedAlert as="h3" severity="success" title={L.sentTitle} description={L.sentText} focusKey={sent} />}
      <State state={q.data} memberId={memberId} name={name} onSent={() => setSent(Date.now())} />
    </section>
  );
}

function State({ state, memberId, name, onSent }: { state: IntroductionWith; memberId: string; name: string; onSent: () => void }) {
  const request = state.request && (
    <Link to={paths.introduction(state.request.id)}>{L.seeRequest}</Link>
  );
  if (state.email)
    return (
      <>
        <p className="fr-mb-1w">{L.blocked.accepted}</p>
        <p className="fr-mb-1w">
          {AL.emailLabel}{' '}
          <a href={`mailto:${state.email}`} title={AL.emailTitle(name)}>
            {state.email}
          </a>
        </p>
        <p>{request}</p>
      </>
    );
  if (state.canRequest) return <RequestForm memberId={memberId} onSent={onSent} />;
  const b = state.blocked;
  const why =
    (b === 'declined_recently' || b === 'too_many_to_member') && state.retryAt
      ? L.blocked[b](formatDateTime(state.retryAt))
      : b && b !== 'self' && b !== 'declined_recently' && b !== 'too_many_to_member'
        ? L.blocked[b]
        : null;
  return (
    <>
      {why && <p className="fr-mb-1w">{why}</p>}
      <p>
        {request}
        {request && ' · '}
        <Link to={paths.introductions()}>{L.seeAll}</Link>
      </p>
    </>
  );
}

/** The request form, behind a button; the message is kept as a draft in this browser until sent. */
function RequestForm({ memberId, onSent }: { memberId: string; onSent: () => void }) {
  const { user } = useSession();
  const qc = useQueryClient();
  const key = user ? `${user.id}.introduction.${memberId}` : null;
  const [open, setOpen] = useState(() => (key ? hasDraft(key) : false));
  const draft = useDraft<string>(key, '');
  const errors = useFormErrors();
  const send = useMutation({
    mutationFn: (body: unknown) => api.post('/api/introductions', body, introductionView),
    onSuccess: async () => {
      draft.clearDraft();
      draft.setValue('');
      onSent();
      await qc.invalidateQueries({ queryKey: introductionsKey });
    },
    onError: errors.fail,
  });
  if (!open)
    return (
      <>
        <p>{L.lead}</p>
        <Button iconId="fr-icon-mail-line" onClick={() => setOpen(true)}>
          {L.open}
        </Button>
      </>
    );
  return (
    <>
      <p>{L.lead}</p>
      {draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as="h3" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(introductionBody, { recipientId: memberId, message: draft.value });
          if (body) send.mutate(body);
        }}
      >
        <TextField
          id={fields.message.id}
          label={L.message}
          hint={`${L.messageHint} ${L.draftSaved}`}
          textArea
          rows={6}
          value={draft.value}
          onChange={draft.setValue}
          error={errors.error('message')}
          maxLength={INTRODUCTION_MESSAGE_MAX}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="submit" disabled={send.isPending}>
              {send.isPending ? L.sending : L.submit}
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={() => setOpen(false)}>
              {L.cancel}
            </Button>
          </li>
        </ul>
      </form>
    </>
  );
}
