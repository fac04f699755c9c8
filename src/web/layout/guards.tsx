import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { paths } from '../paths';
import { useSession } from '../platform/session';
import { layoutLabels as L } from './labels';
import { Page } from './Page';

/** Pages for logged-in users: anonymous visitors go to the login page, and come back after. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to={paths.logIn(location.pathname + location.search + location.hash)} replace />;
  return <>{children}</>;
}

/** Pages for verified members and staff: others are told how to get verified. */
export function RequireVerified({ children, title }: { children: ReactNode; title: string }) {
  const session = useSession();
  if (!session.user) return <RequireAccount>{children}</RequireAccount>;
  if (!session.canUseDirectory) return <VerificationRequired title={title} />;
  return <>{children}</>;
}

/** Pages for facilitators and admins (`admin` only when `adminOnly`). */
export function RequireStaff({ children, adminOnly = false, title }: { children: ReactNode; adminOnly?: boolean; title: string }) {
  const session = useSession();
  if (!session.user) return <RequireAccount>{children}</RequireAccount>;
  const allowed = adminOnly ? session.isAdmin : session.isStaff;
  if (!allowed) return <Forbidden title={title} />;
  return <>{children}</>;
}

export function VerificationRequired({ title }: { title: string }) {
  return (
    <Page title={title}>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">{L.verification.title}</h2>
        <p className="fr-callout__text">{L.verification.lead}</p>
      </div>
      <p>{L.verification.how}</p>
      <ol>
        {L.verification.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p>
        <Link className="fr-btn" to={paths.myOrganisation()}>
          {L.verification.action}
        </Link>
      </p>
    </Page>
  );
}

export function Forbidden({ title }: { title: string }) {
  return (
    <Page title={title}>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">{L.forbidden.title}</h2>
        <p className="fr-callout__text">{L.forbidden.lead}</p>
      </div>
      <p>
        <Link to={paths.home()}>{L.forbidden.home}</Link>
      </p>
    </Page>
  );
}
