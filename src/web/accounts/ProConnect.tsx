import Button from '@codegouvfr/react-dsfr/Button';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { sessionResponse } from '../../server/accounts/accounts.contract';
import { linkBody, linkEmailResponse, pendingLinkResponse, proconnectRefusals, proconnectStatus } from '../../server/accounts/proconnect.contract';
import { Page } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { PasswordField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { replaceSession } from '../platform/session';
import { accountsLabels as L } from './labels';
import { useSendTokenOnce } from './token';

/** The ProConnect button and its « Qu'est-ce que ProConnect ? » link; nothing when ProConnect is not configured. */
export function ProConnectSection() {
  const status = useQuery({ queryKey: ['proconnect-status'], queryFn: () => api.get('/api/auth/proconnect', proconnectStatus), staleTime: Infinity });
  if (!status.data?.enabled) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby="proconnect-heading">
      <h2 id="proconnect-heading" className="fr-h5">
        {L.proconnect.heading}
      </h2>
      <p>{L.proconnect.lead}</p>
      <ProConnectButton url="/api/auth/proconnect/login" />
      <p className="fr-hr-or fr-mt-3w">{L.proconnect.or}</p>
    </section>
  );
}

/** The refusal a ProConnect sign-in came back with (`?proconnect=CODE`), in French. */
export function ProConnectRefusal({ code }: { code: string | null }) {
  if (!code) return null;
  const message = (proconnectRefusals as Record<string, string>)[code] ?? proconnectRefusals.PROCONNECT_DENIED;
  return (
    <div className="fr-mb-4w">
      <FocusedAlert severity="error" title={L.proconnect.refusedTitle} description={message} />
    </div>
  );
}

/** A verified ProConnect identity whose e-mail is an existing account's: the account's password links them. */
export function ProConnectLinkPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [password, setPassword] = useState('');
  const pending = useQuery({ queryKey: ['proconnect-link'], queryFn: () => api.get('/api/auth/proconnect/link', pendingLinkResponse), retry: false });
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/proconnect/link', body, sessionResponse),
    onSuccess: (s) => {
      replaceSession(qc, s);
      navigate(paths.myOrganisation(), { replace: true, state: { flash: s.user ? L.proconnect.linkDone(s.user.firstName) : undefined } });
    },
    onError: (e) => {
      errors.fail(e);
      setPassword('');
    },
  });
  const fields = { password: { label: L.proconnect.linkPassword, id: 'proconnect-link-password' } };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(linkBody, { password });
    if (body) mutation.mutate(body);
  };
  if (pending.isError)
    return (
      <Page title={L.proconnect.linkTitle}>
        <FocusedAlert severity="error" title={L.proconnect.refusedTitle} description={proconnectRefusals.PROCONNECT_LINK_EXPIRED} />
        <p className="fr-mt-2w">
          <Link className="fr-btn" to={paths.logIn()}>
            {L.logIn.title}
          </Link>
        </p>
      </Page>
    );
  if (!pending.data) return <Page title={L.proconnect.linkTitle}>{null}</Page>;
  return (
    <Page title={L.proconnect.linkTitle} lead={L.proconnect.linkLead(pending.data.email)}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <ErrorSummary feedback={errors.feedback} fields={fields} />
          <form onSubmit={submit} noValidate>
            <PasswordField id={fields.password.id} label={L.proconnect.linkPassword} value={password} onChange={setPassword} error={errors.error('password')} autoComplete="current-password" />
            <Button type="submit" disabled={mutation.isPending} className="fr-mt-2w">
              {mutation.isPending ? L.proconnect.linkSending : L.proconnect.linkSubmit}
            </Button>
          </form>
          <p className="fr-mt-3w">
            <Link to={paths.forgotPassword()} className="fr-link fr-text--sm">
              {L.proconnect.linkForgot}
            </Link>
          </p>
          <LinkByEmail />
        </div>
      </div>
    </Page>
  );
}

/** The alternative to the password: a single-use link sent to the account's address. */
function LinkByEmail() {
  const mutation = useMutation({ mutationFn: () => api.post('/api/auth/proconnect/link/email', {}, linkEmailResponse) });
  return (
    <section className="fr-mt-4w" aria-labelledby="proconnect-link-email-heading">
      <h2 id="proconnect-link-email-heading" className="fr-h5">
        {L.proconnect.linkEmailHeading}
      </h2>
      <p>{L.proconnect.linkEmailLead}</p>
      {mutation.isSuccess && (
        <div className="fr-mb-2w">
          <FocusedAlert severity="success" title={L.proconnect.linkEmailSentTitle} description={mutation.data.message} />
        </div>
      )}
      {mutation.isError && (
        <div className="fr-mb-2w">
          <FocusedAlert severity="error" title={L.proconnect.linkEmailFailureTitle} description={mutation.error.message} />
        </div>
      )}
      <Button priority="secondary" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? L.proconnect.linkEmailSending : mutation.isSuccess ? L.proconnect.linkEmailResend : L.proconnect.linkEmailSubmit}
      </Button>
    </section>
  );
}

/** The e-mailed link: opened in the browser of the sign-in, it links the identity and signs the person in. */
export function ProConnectLinkEmailPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('jeton');
  const mutation = useMutation({
    mutationFn: (t: string) => api.post('/api/auth/proconnect/link/email/confirm', { token: t }, sessionResponse),
    onSuccess: (s) => {
      replaceSession(qc, s);
      navigate(paths.myOrganisation(), { replace: true, state: { flash: s.user ? L.proconnect.linkDone(s.user.firstName) : undefined } });
    },
  });
  useSendTokenOnce(token, mutation.mutate);
  const failure = !token ? L.proconnect.confirmMissing : mutation.isError ? mutation.error.message : null;
  return (
    <Page title={L.proconnect.confirmTitle}>
      {failure ? (
        <>
          <FocusedAlert severity="error" title={L.proconnect.confirmFailureTitle} description={failure} />
          <p className="fr-mt-2w">
            <Link className="fr-btn" to={paths.logIn()}>
              {L.proconnect.confirmRestart}
            </Link>
          </p>
        </>
      ) : (
        <p role="status">{L.proconnect.confirmPending}</p>
      )}
    </Page>
  );
}
