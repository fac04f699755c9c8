import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { Me, sessionResponse } from '../../server/accounts/accounts.contract';
import { api, setCsrfToken } from './api';

export type Session = z.infer<typeof sessionResponse>;
export const sessionKey = ['session'] as const;

// Every page, the home page first, waits for the session: its contract (and zod with it) is loaded
// only in development, where api.ts checks the answer; the production build never imports it here.
const sessionContract = import.meta.env?.DEV ? () => import('../../server/accounts/accounts.contract').then((m) => m.sessionResponse) : undefined;

export async function fetchSession(): Promise<Session> {
  const s = await api.get('/api/session', sessionContract);
  setCsrfToken(s.csrfToken);
  return s;
}

/**
 * What a page rendered on the server for a visitor knows of the session (ADR 0037, amended): nobody is
 * signed in, since only a request without a session cookie gets that page. The CSRF token is not in
 * it (the HTML is the same for every visitor): the web app asks for the session at once all the same
 * (`visitorSessionUpdatedAt`), which brings the token, and a member's view if the page was a visitor's
 * by mistake.
 */
export const visitorSession: Session = { user: null, csrfToken: '' };
/** Stale from the start: asked again as soon as the layout mounts. */
export const visitorSessionUpdatedAt = 0;

// The user only: a component re-renders when the user changes, not when the same anonymous session
// answers with its CSRF token (a whole page drawn again for nothing, on a slow phone).
const selectUser = (s: Session) => s.user;

/** The current user (null when anonymous), loaded once and shared by every page; the CSRF token goes to api.ts. */
export function useSession() {
  // Refreshed when the tab regains focus: a membership approved meanwhile opens the directory.
  const q = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000, refetchOnWindowFocus: true, select: selectUser });
  const user = q.data ?? null;
  return {
    user,
    isLoading: q.isPending,
    error: q.error,
    isStaff: isStaffUser(user),
    isAdmin: user?.role === 'admin',
    /** Verified member of an organisation, or staff: may use the member directory. */
    canUseDirectory: !!user && (user.verified || isStaffUser(user)),
  };
}

export const isStaffUser = (u: Me | null) => u?.role === 'facilitator' || u?.role === 'admin';

/** After login or logout every cached answer may depend on who asks: keep only the new session. */
export function replaceSession(qc: QueryClient, session: Session) {
  setCsrfToken(session.csrfToken);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  qc.setQueryData(sessionKey, session);
}

/** Reloads the session when a page that shows memberships opens (they change when others decide). */
export function useFreshSession() {
  const qc = useQueryClient();
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: sessionKey });
  }, [qc]);
}

/** Updates the current user in the cached session (after a profile change). */
export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me) => qc.setQueryData<Session>(sessionKey, (s) => (s ? { ...s, user: me } : s));
}
