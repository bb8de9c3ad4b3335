/**
 * Who is signed in. The session lives in an HTTP-only cookie the page cannot read, so the console
 * asks the API (`/auth/session`) at start and keeps the answer, with its CSRF token, here.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type ApiClient } from '../api/client.ts';
import type { ConsolePermission, Session } from '../api/types.ts';
import { vigieApi, type VigieApi } from '../api/vigie.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason?: 'expired' }
  | { status: 'unavailable'; error: ApiError }
  | { status: 'signedIn'; session: Session };

export interface SessionControls {
  state: SessionState;
  api: VigieApi;
  signIn(credentials: { email: string; password: string }): Promise<void>;
  signOut(): Promise<void>;
  passwordChanged(): void;
  reload(): void;
}

const SessionContext = createContext<SessionControls | null>(null);

export function SessionProvider(props: { client: ApiClient; children: ReactNode }) {
  const { client } = props;
  const api = useMemo(() => vigieApi(client), [client]);
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const adopt = useCallback(
    (session: Session) => {
      client.setCsrfToken(session.csrfToken);
      setState({ status: 'signedIn', session });
    },
    [client],
  );

  useEffect(() => {
    let live = true;
    api.session().then(
      (session) => live && adopt(session),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signedOut' });
        else setState({ status: 'unavailable', error: error as ApiError });
      },
    );
    return () => {
      live = false;
    };
  }, [api, adopt, attempt]);

  // Any request may find the session gone (expiry, disabled user) or a password change pending.
  useEffect(
    () =>
      client.onFailure((error) => {
        if (error.code === 'not_authenticated') {
          client.setCsrfToken(null);
          setState((current) =>
            current.status === 'signedIn' ? { status: 'signedOut', reason: 'expired' } : current,
          );
        } else if (error.code === 'password_change_required') {
          setState((current) =>
            current.status === 'signedIn'
              ? { status: 'signedIn', session: { ...current.session, passwordChangeRequired: true } }
              : current,
          );
        }
      }),
    [client],
  );

  const controls = useMemo<SessionControls>(
    () => ({
      state,
      api,
      signIn: async (credentials) => adopt(await api.login(credentials)),
      signOut: async () => {
        try {
          await api.logout();
        } finally {
          client.setCsrfToken(null);
          setState({ status: 'signedOut' });
        }
      },
      passwordChanged: () =>
        setState((current) =>
          current.status === 'signedIn'
            ? {
                status: 'signedIn',
                session: {
                  ...current.session,
                  passwordChangeRequired: false,
                  user: { ...current.session.user, mustChangePassword: false },
                },
              }
            : current,
        ),
      reload: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, api, adopt, client],
  );

  return <SessionContext.Provider value={controls}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionControls {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in session; only for screens rendered behind the sign-in gate. */
export function useSignedIn(): {
  session: Session;
  api: VigieApi;
  can(permission: ConsolePermission): boolean;
} {
  const { state, api } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedIn outside a signed-in screen');
  const { session } = state;
  return { session, api, can: (permission) => session.permissions.includes(permission) };
}
