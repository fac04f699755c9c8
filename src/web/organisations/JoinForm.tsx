import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { membershipRequestBody, membershipResponse } from '../../server/organisations/organisations.contract';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { sessionKey, useSession } from '../platform/session';
import { organisationsLabels as L } from './labels';

/**
 * Asks to join an organisation. The message is kept as a draft in this browser until it is sent, and
 * is the same draft for every organisation: choosing another one does not lose it. `headingLevel` is
 * the level of the heading of the section holding the form: its alerts come one level below.
 */
export function JoinForm({ organisationId, organisationName, headingLevel = 'h2' }: { organisationId: string; organisationName: string; headingLevel?: 'h2' | 'h3' }) {
  const { user } = useSession();
  const qc = useQueryClient();
  const draft = useDraft<string>(user ? `${user.id}.adhesion` : null, '');
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post(`/api/organisations/${organisationId}/membership-requests`, body, membershipResponse),
    onSuccess: () => {
      draft.clearDraft();
      draft.setValue('');
      void qc.invalidateQueries({ queryKey: sessionKey });
      void qc.invalidateQueries({ queryKey: ['organisation', organisationId] });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: errors.fail,
  });
  const alertLevel = headingLevel === 'h2' ? 'h3' : 'h4';
  const fieldId = `join-message-${organisationId}`;
  if (mutation.isSuccess) {
    return (
      <FocusedAlert
        severity={mutation.data.status === 'verified' ? 'success' : 'info'}
        as={alertLevel}
        title={mutation.data.status === 'verified' ? L.join.verified : L.join.pending}
        description={mutation.data.message}
      />
    );
  }
  return (
    <>
      <ErrorSummary feedback={errors.feedback} fields={{ message: { label: L.join.message, id: fieldId } }} as={alertLevel} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(membershipRequestBody, { message: draft.value });
          if (body) mutation.mutate(body);
        }}
      >
        <TextField
          id={fieldId}
          label={L.join.message}
          hint={
            <>
              {L.join.messageHint} {L.join.draftSaved}
            </>
          }
          optional
          textArea
          rows={4}
          value={draft.value}
          onChange={(v) => draft.setValue(v)}
          error={errors.error('message')}
        />
        {draft.restored && <p className="fr-text--sm">{platformLabels.draftRestored}.</p>}
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? L.join.sending : L.join.submitFor(organisationName)}
        </Button>
      </form>
    </>
  );
}
