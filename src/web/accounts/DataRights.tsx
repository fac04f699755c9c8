import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { deleteAccountBody, okResponse } from '../../server/accounts/accounts.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { PasswordField } from '../platform/fields';
import { ErrorSummary, useFormErrors } from '../platform/forms';
import { reloadWithFlash } from '../layout/Page';
import { accountsLabels } from './labels';

const L = accountsLabels.dataRights;

/** « Mes données » on the profile page: download everything (JSON), delete the account (issue 12, item 7). */
export function DataRights() {
  return (
    <>
      <section aria-labelledby="profile-data" className="fr-mb-6w">
        <h2 id="profile-data">{L.exportTitle}</h2>
        <p>{L.exportLead}</p>
        {/* A plain link: the browser downloads the JSON with the session cookie. */}
        <a className="fr-link fr-link--download" href="/api/me/export" download>
          {L.exportLink} <span className="fr-link__detail">{L.exportDetail}</span>
        </a>
      </section>
      <DeleteAccount />
    </>
  );
}

function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ password: '', confirm: false });
  const errors = useFormErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const [closedOnce, setClosedOnce] = useState(false);
  useEffect(() => {
    if (open) heading.current?.focus();
    else if (closedOnce) startButton.current?.focus();
  }, [open, closedOnce]);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/me/delete', body, okResponse),
    // A fresh load of the home page: nothing cached or streaming for the deleted account survives.
    onSuccess: () => reloadWithFlash(paths.home(), L.deleted),
    onError: errors.fail,
  });
  const fields = {
    password: { label: L.password, id: 'delete-password' },
    confirm: { label: L.confirm, id: 'delete-confirm-0' },
  };
  return (
    <section aria-labelledby="profile-delete" className="fr-mb-6w">
      <h2 id="profile-delete">{L.deleteTitle}</h2>
      <p>{L.deleteLead}</p>
      <ul>
        {L.deleteConsequences.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {!open ? (
        <Button ref={startButton} priority="secondary" onClick={() => setOpen(true)}>
          {L.deleteStart}
        </Button>
      ) : (
        <div className="fr-grid-row">
          <form
            className="fr-col-12 fr-col-md-8 fr-col-lg-6"
            noValidate
            aria-labelledby="profile-delete-confirm"
            onSubmit={(e) => {
              e.preventDefault();
              const body = errors.validate(deleteAccountBody, values);
              if (body) mutation.mutate(body);
            }}
          >
            <h3 id="profile-delete-confirm" ref={heading} tabIndex={-1} className="entraide-focus-target">
              {L.confirmTitle}
            </h3>
            <p>{L.confirmLead}</p>
            <ErrorSummary feedback={errors.feedback} fields={fields} as="h4" />
            <PasswordField id={fields.password.id} label={L.password} value={values.password} onChange={(v) => setValues((s) => ({ ...s, password: v }))} error={errors.error('password')} autoComplete="current-password" />
            <Checkbox
              id="delete-confirm"
              {...(errors.error('confirm') ? ({ state: 'error', stateRelatedMessage: errors.error('confirm') } as const) : {})}
              options={[
                {
                  label: L.confirm,
                  nativeInputProps: { name: 'confirm', checked: values.confirm, onChange: (e) => setValues((s) => ({ ...s, confirm: e.target.checked })) },
                },
              ]}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="submit" disabled={mutation.isPending}>
                  {mutation.isPending ? L.sending : L.submit}
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  onClick={() => {
                    setOpen(false);
                    setClosedOnce(true);
                    setValues({ password: '', confirm: false });
                    errors.clear();
                  }}
                >
                  {L.cancel}
                </Button>
              </li>
            </ul>
          </form>
        </div>
      )}
    </section>
  );
}
