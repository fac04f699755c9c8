import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CONTACT_MESSAGE_MAX, CONTACT_NAME_MAX, CONTACT_SUBJECT_MAX, contactBody, contactResponse } from '../../server/contact/contact.contract';
import { Page } from '../layout/Page';
import { api } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { formatNumber } from '../platform/format';
import { DraftRestoredNotice, ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { contactLabels as L } from './labels';

type Form = { name: string; email: string; subject: string; message: string };

const fields = {
  name: { label: L.name, id: 'contact-name' },
  email: { label: L.email, id: 'contact-email' },
  subject: { label: L.subject, id: 'contact-subject' },
  message: { label: L.message, id: 'contact-message' },
};

/**
 * The contact form (issue 15, item 5), for visitors and members. Nothing typed is lost: the values
 * stay in the form after any error (validation, quota, network), and a member's message is also
 * kept as a draft in this browser until it is sent. `?objet=` fills in the subject (links from
 * other pages: an organisation missing from the registry, a change of e-mail address…).
 */
export function ContactPage() {
  const { user } = useSession();
  const [sp] = useSearchParams();
  const given = (sp.get('objet') ?? '').slice(0, CONTACT_SUBJECT_MAX);
  const initial: Form = { name: user ? `${user.firstName} ${user.lastName}` : '', email: user?.email ?? '', subject: given, message: '' };
  // Visitors get no draft: on a shared computer, the next visitor would read it.
  const draft = useDraft<Form>(user ? `${user.id}.contact` : null, initial);
  const [visitorForm, setVisitorForm] = useState<Form>(initial);
  const value = user ? draft.value : visitorForm;
  const setValue = user ? draft.setValue : setVisitorForm;
  const set = (k: keyof Form) => (v: string) => setValue((f) => ({ ...f, [k]: v }));
  // A link with another subject, followed while on the page.
  useEffect(() => {
    if (given) setValue((f) => ({ ...f, subject: given }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given]);
  const errors = useFormErrors();
  const [sent, setSent] = useState<{ key: number; message: string } | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.post('/api/contact', body, contactResponse),
    onSuccess: (r) => {
      setSent({ key: Date.now(), message: r.message });
      if (user) draft.clearDraft();
      setValue((f) => ({ ...f, subject: '', message: '' }));
    },
    onError: errors.fail,
  });

  if (sent) {
    return (
      <Page title={L.title}>
        <FocusedAlert severity="success" title={L.sentTitle} description={sent.message} focusKey={sent.key} />
        <Button priority="secondary" onClick={() => setSent(null)}>
          {L.another}
        </Button>
      </Page>
    );
  }

  return (
    <Page title={L.title} lead={L.lead}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          {user && draft.restored && <DraftRestoredNotice onDiscard={draft.discard} />}
          <ErrorSummary feedback={errors.feedback} fields={fields} />
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const body = errors.validate(contactBody, value);
              if (body) send.mutate(body);
            }}
          >
            <p className="fr-hint-text">{platformLabels.required}</p>
            <TextField id={fields.name.id} label={L.name} value={value.name} onChange={set('name')} error={errors.error('name')} autoComplete="name" maxLength={CONTACT_NAME_MAX} />
            <TextField
              id={fields.email.id}
              label={L.email}
              hint={L.emailHint}
              type="email"
              inputMode="email"
              value={value.email}
              onChange={set('email')}
              error={errors.error('email')}
              autoComplete="email"
              spellCheck={false}
              maxLength={254}
            />
            <TextField id={fields.subject.id} label={L.subject} value={value.subject} onChange={set('subject')} error={errors.error('subject')} autoComplete="off" maxLength={CONTACT_SUBJECT_MAX} />
            <TextField
              id={fields.message.id}
              label={L.message}
              hint={
                <>
                  {L.messageHint(formatNumber(CONTACT_MESSAGE_MAX))}
                  {user && ` ${L.draftSaved}`}
                </>
              }
              textArea
              rows={8}
              value={value.message}
              onChange={set('message')}
              error={errors.error('message')}
            />
            <Button type="submit" disabled={send.isPending}>
              {send.isPending ? L.sending : L.submit}
            </Button>
          </form>
        </div>
      </div>
    </Page>
  );
}
