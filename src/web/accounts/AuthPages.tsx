import Button from '@codegouvfr/react-dsfr/Button';
import Checkbox from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { emailBody, loginBody, okResponse, resetPasswordBody, sessionResponse, signUpBody } from '../../server/accounts/accounts.contract';
import { PASSWORD_MIN } from '../../shared/fields';
import { Page } from '../layout/Page';
import { contactLabels } from '../contact/labels';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { TextField, PasswordField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { isStaffUser, replaceSession, useSession } from '../platform/session';
import { accountsLabels as L } from './labels';
import { useSendTokenOnce } from './token';
import { ProConnectRefusal, ProConnectSection } from './ProConnect';

const F = L.fields;

/** Only a path of this site is a valid `?suite=` (no open redirect to another site). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export function SignUpPage() {
  const [values, setValues] = useState({ firstName: '', lastName: '', email: '', password: '', acceptTerms: false });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFormErrors();
  const set = <K extends keyof typeof values>(k: K) => (v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/signup', body, okResponse),
    onSuccess: (_r, body) => setSentTo((body as { email: string }).email),
    onError: errors.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(signUpBody, values);
    if (body) mutation.mutate(body);
  };
  const termsId = 'signup-terms';
  const fields = {
    firstName: { label: F.firstName, id: 'signup-firstName' },
    lastName: { label: F.lastName, id: 'signup-lastName' },
    email: { label: F.email, id: 'signup-email' },
    password: { label: F.password, id: 'signup-password' },
    acceptTerms: { label: F.termsLink, id: `${termsId}-0` },
  };

  if (sentTo) {
    return (
      <Page title={L.signUp.title} documentTitle={L.signUp.successTitle}>
        <FocusedAlert severity="success" title={L.signUp.successTitle} description={L.signUp.successText(sentTo)} />
        <p>{L.signUp.successSpam}</p>
        <p>
          <Link className="fr-btn" to={paths.logIn()}>
            {L.signUp.logIn}
          </Link>
        </p>
        <ResendVerificationForm initialEmail={sentTo} headingLevel="h2" />
      </Page>
    );
  }

  return (
    <Page title={L.signUp.title} lead={L.signUp.lead}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <ProConnectSection />
          <ErrorSummary feedback={errors.feedback} fields={fields} />
          <form onSubmit={submit} noValidate>
            <p className="fr-hint-text">{platformLabels.required}</p>
            <TextField id={fields.firstName.id} label={F.firstName} value={values.firstName} onChange={set('firstName')} error={errors.error('firstName')} autoComplete="given-name" />
            <TextField id={fields.lastName.id} label={F.lastName} value={values.lastName} onChange={set('lastName')} error={errors.error('lastName')} autoComplete="family-name" />
            <TextField id={fields.email.id} label={F.email} hint={F.emailHint} type="email" value={values.email} onChange={set('email')} error={errors.error('email')} autoComplete="email" spellCheck={false} />
            <PasswordField
              id={fields.password.id}
              label={F.password}
              value={values.password}
              onChange={set('password')}
              error={errors.error('password')}
              autoComplete="new-password"
              rule={{ text: F.passwordRule, ok: values.password.length >= PASSWORD_MIN }}
            />
            <Checkbox
              id={termsId}
              className="fr-mt-3w"
              {...(errors.error('acceptTerms') ? ({ state: 'error', stateRelatedMessage: errors.error('acceptTerms') } as const) : {})}
              options={[
                {
                  label: (
                    <span>
                      J'accepte les{' '}
                      <a href={paths.terms()} target="_blank" rel="noreferrer" title={L.signUp.termsLinkTitle}>
                        {F.termsLink}
                      </a>
                    </span>
                  ),
                  nativeInputProps: {
                    name: 'acceptTerms',
                    checked: values.acceptTerms,
                    'aria-required': true,
                    onChange: (e) => set('acceptTerms')(e.target.checked),
                  },
                },
              ]}
            />
            <Button type="submit" disabled={mutation.isPending} className="fr-mt-2w">
              {mutation.isPending ? L.signUp.sending : L.signUp.submit}
            </Button>
          </form>
          <hr className="fr-mt-4w" />
          <h2 className="fr-h5">{L.signUp.already}</h2>
          <Link className="fr-btn fr-btn--secondary" to={paths.logIn()}>
            {L.signUp.logIn}
          </Link>
        </div>
      </div>
    </Page>
  );
}

export function LogInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('suite'));
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState({ email: '', password: '', remember: false });
  const errors = useFormErrors();
  const [notVerifiedEmail, setNotVerifiedEmail] = useState<string | null>(null);
  const [accountDisabled, setAccountDisabled] = useState(false);
  const resend = useMutation({ mutationFn: (email: string) => api.post('/api/auth/resend-verification', { email }, okResponse) });
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/login', body, sessionResponse),
    onSuccess: (s) => {
      replaceSession(qc, s);
      const u = s.user;
      const fallback = u && isStaffUser(u) ? paths.admin() : u && u.memberships.length === 0 ? paths.myOrganisation() : paths.home();
      navigate(next ?? fallback, { replace: true, state: { flash: s.user ? L.logIn.welcome(s.user.firstName) : undefined } });
    },
    onError: (e, body) => {
      errors.fail(e);
      setValues((v) => ({ ...v, password: '' }));
      setNotVerifiedEmail(isApiError(e) && e.code === 'EMAIL_NOT_VERIFIED' ? (body as { email: string }).email : null);
      setAccountDisabled(isApiError(e) && e.code === 'ACCOUNT_DISABLED');
      resend.reset();
    },
  });
  const fields = {
    email: { label: F.emailLogin, id: 'login-email' },
    password: { label: F.password, id: 'login-password' },
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = errors.validate(loginBody, values);
    if (body) mutation.mutate(body);
  };

  if (session.user && !mutation.isSuccess) {
    return (
      <Page title={L.logIn.title}>
        <FocusedAlert severity="info" title={L.logIn.alreadyTitle} description={L.logIn.alreadyText(`${session.user.firstName} ${session.user.lastName}`)} />
        <Link className="fr-btn" to={next ?? paths.home()}>
          {L.logIn.goHome}
        </Link>
      </Page>
    );
  }

  return (
    <Page title={L.logIn.title} lead={next ? L.logIn.needed : L.logIn.lead}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <ProConnectRefusal code={params.get('proconnect')} />
          <ProConnectSection />
          <ErrorSummary feedback={errors.feedback} fields={fields} />
          {accountDisabled && (
            <p className="fr-mb-4w">
              <Link to={paths.contact(contactLabels.subjects.disabled)}>{contactLabels.linkTextCapital}</Link>
            </p>
          )}
          {notVerifiedEmail && (
            <div className="fr-mb-4w">
              {resend.isSuccess ? (
                <FocusedAlert severity="success" as="h2" title={resend.data.message ?? L.resend.submit} />
              ) : (
                <Button type="button" priority="secondary" iconId="fr-icon-mail-line" iconPosition="left" onClick={() => resend.mutate(notVerifiedEmail)} disabled={resend.isPending}>
                  {L.logIn.resendOffer}
                </Button>
              )}
              {resend.isError && <FocusedAlert severity="error" title={resend.error.message} />}
            </div>
          )}
          <form onSubmit={submit} noValidate>
            <TextField id={fields.email.id} label={F.emailLogin} hint={F.emailHint} type="email" value={values.email} onChange={(v) => setValues((s) => ({ ...s, email: v }))} error={errors.error('email')} autoComplete="username" spellCheck={false} />
            <PasswordField id={fields.password.id} label={F.password} value={values.password} onChange={(v) => setValues((s) => ({ ...s, password: v }))} error={errors.error('password')} autoComplete="current-password" />
            <p className="fr-mt-1w">
              <Link to={paths.forgotPassword()} className="fr-link fr-text--sm">
                {L.logIn.forgot}
              </Link>
            </p>
            <Checkbox
              options={[
                {
                  label: F.remember,
                  hintText: F.rememberHint,
                  nativeInputProps: { name: 'remember', checked: values.remember, onChange: (e) => setValues((s) => ({ ...s, remember: e.target.checked })) },
                },
              ]}
            />
            <Button type="submit" disabled={mutation.isPending} className="fr-mt-2w">
              {mutation.isPending ? L.logIn.sending : L.logIn.submit}
            </Button>
          </form>
          <p className="fr-mt-3w">
            <Link to={paths.verifyEmail()} className="fr-link fr-text--sm">
              {L.logIn.resendLink}
            </Link>
          </p>
          <hr className="fr-mt-4w" />
          <h2 className="fr-h5">{L.logIn.noAccount}</h2>
          <Link className="fr-btn fr-btn--secondary" to={paths.signUp()}>
            {L.logIn.signUp}
          </Link>
        </div>
      </div>
    </Page>
  );
}

/** Asks for a new confirmation link; the answer never tells whether the address has an account. */
export function ResendVerificationForm({ initialEmail = '', headingLevel }: { initialEmail?: string; headingLevel: 'h2' | 'h3' }) {
  const [email, setEmail] = useState(initialEmail);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/resend-verification', body, okResponse),
    onError: errors.fail,
  });
  const Heading = headingLevel;
  const fields = { email: { label: F.emailLogin, id: 'resend-email' } };
  return (
    <section className="fr-mt-4w" aria-labelledby="resend-title">
      <Heading id="resend-title" className="fr-h4">
        {L.resend.title}
      </Heading>
      <p>{L.resend.lead}</p>
      {mutation.isSuccess && <FocusedAlert severity="success" as={headingLevel === 'h2' ? 'h3' : 'h4'} title={mutation.data.message ?? L.resend.submit} />}
      <ErrorSummary feedback={errors.feedback} fields={fields} as={headingLevel === 'h2' ? 'h3' : 'h4'} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(emailBody, { email });
          if (body) mutation.mutate(body);
        }}
      >
        <TextField id={fields.email.id} label={F.emailLogin} type="email" value={email} onChange={setEmail} error={errors.error('email')} autoComplete="email" spellCheck={false} />
        <Button type="submit" priority="secondary" disabled={mutation.isPending}>
          {L.resend.submit}
        </Button>
      </form>
    </section>
  );
}

/** /confirmer-email?jeton=… confirms the address; without a token it offers a new link. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('jeton');
  const mutation = useMutation({ mutationFn: (t: string) => api.post('/api/auth/verify-email', { token: t }, okResponse) });
  useSendTokenOnce(token, mutation.mutate);

  if (!token) {
    return (
      <Page title={L.resend.title}>
        <ResendVerificationForm headingLevel="h2" />
      </Page>
    );
  }
  return (
    <Page title={L.verify.title}>
      {(mutation.isPending || mutation.isIdle) && <p role="status">{L.verify.pending}</p>}
      {mutation.isSuccess && (
        <>
          <FocusedAlert severity="success" title={L.verify.successTitle} description={mutation.data.message} />
          <Link className="fr-btn" to={paths.logIn()}>
            {L.verify.logIn}
          </Link>
        </>
      )}
      {mutation.isError && (
        <>
          <FocusedAlert severity="error" title={L.verify.failureTitle} description={mutation.error.message} />
          <p>
            {L.verify.maybeDone} <Link to={paths.logIn()}>{L.verify.logIn}</Link>
          </p>
          <ResendVerificationForm headingLevel="h2" />
        </>
      )}
    </Page>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/password-reset/request', body, okResponse),
    onError: errors.fail,
  });
  const fields = { email: { label: F.emailLogin, id: 'forgot-email' } };
  return (
    <Page title={L.forgot.title} breadcrumb={[{ label: L.logIn.title, to: paths.logIn() }]} lead={L.forgot.lead}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          {mutation.isSuccess ? (
            <>
              <FocusedAlert severity="success" title={L.forgot.successTitle} description={mutation.data.message} />
              <Link to={paths.logIn()}>{L.forgot.back}</Link>
            </>
          ) : (
            <>
              <ErrorSummary feedback={errors.feedback} fields={fields} />
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const body = errors.validate(emailBody, { email });
                  if (body) mutation.mutate(body);
                }}
              >
                <TextField id={fields.email.id} label={F.emailLogin} hint={F.emailHint} type="email" value={email} onChange={setEmail} error={errors.error('email')} autoComplete="email" spellCheck={false} />
                <Button type="submit" disabled={mutation.isPending}>
                  {L.forgot.submit}
                </Button>
              </form>
            </>
          )}
        </div>
      </div>
    </Page>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post('/api/auth/password-reset/confirm', body, okResponse),
    onError: errors.fail,
  });
  const fields = { password: { label: F.newPassword, id: 'reset-password' }, token: { label: 'Lien', id: 'reset-password' } };
  const tokenProblem = errors.feedback.message && (errors.error('token') || /^TOKEN_/.test(mutation.error && isApiError(mutation.error) ? mutation.error.code : ''));
  return (
    <Page title={L.reset.title} lead={token ? L.reset.lead : undefined}>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          {!token ? (
            <>
              <FocusedAlert severity="error" title={L.reset.missing} />
              <Link className="fr-btn" to={paths.forgotPassword()}>
                {L.reset.askNew}
              </Link>
            </>
          ) : mutation.isSuccess ? (
            <>
              <FocusedAlert severity="success" title={L.reset.successTitle} description={mutation.data.message} />
              <Link className="fr-btn" to={paths.logIn()}>
                {L.reset.logIn}
              </Link>
            </>
          ) : (
            <>
              <ErrorSummary feedback={errors.feedback} fields={fields} />
              {tokenProblem && (
                <p>
                  <Link to={paths.forgotPassword()}>{L.reset.askNew}</Link>
                </p>
              )}
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const body = errors.validate(resetPasswordBody, { token, password });
                  if (body) mutation.mutate(body);
                }}
              >
                <PasswordField
                  id={fields.password.id}
                  label={F.newPassword}
                  value={password}
                  onChange={setPassword}
                  error={errors.error('password')}
                  autoComplete="new-password"
                  rule={{ text: F.passwordRule, ok: password.length >= PASSWORD_MIN }}
                />
                <Button type="submit" disabled={mutation.isPending} className="fr-mt-2w">
                  {L.reset.submit}
                </Button>
              </form>
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
