import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import i18n from '../i18n/index.js';
import { api, setCsrfToken, setSignedOutHandler } from './api.js';
import type { LoginResult, Me, Session, SessionStatus } from './types.js';

export const SESSION_KEY = ['session'] as const;
const ANONYMOUS: Session = { status: 'anonymous', me: null };

interface AuthValue {
  status: SessionStatus | 'loading';
  me: Me | null;
  /** Why the user was sent back to the login page, if they were. */
  signedOutReason: SignedOutReason | null;
  login(login: string, password: string): Promise<SessionStatus>;
  submitTotp(code: string): Promise<SessionStatus>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  /** Replace the cached profile after a change that returns it (PATCH /me). */
  setMe(me: Me): void;
}

export type SignedOutReason = 'session_expired' | 'unauthenticated';

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason | null>(null);
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => api<Session>('/auth/session'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  const me = session.data?.me ?? null;

  useEffect(() => {
    if (me?.csrfToken) setCsrfToken(me.csrfToken);
  }, [me?.csrfToken]);

  // A saved language preference wins over this device's choice.
  const savedLocale = me?.account.locale;
  useEffect(() => {
    if (savedLocale && savedLocale !== i18n.language) void i18n.changeLanguage(savedLocale);
  }, [savedLocale]);

  const signOutLocally = useCallback(() => {
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, ANONYMOUS);
  }, [queryClient]);

  useEffect(() => {
    setSignedOutHandler((problem) => {
      setSignedOutReason(problem.code === 'session_expired' ? 'session_expired' : 'unauthenticated');
      signOutLocally();
    });
    return () => setSignedOutHandler(null);
  }, [signOutLocally]);

  const refreshSession = useCallback(async () => {
    const fresh = await api<Session>('/auth/session');
    queryClient.setQueryData(SESSION_KEY, fresh);
    return fresh.status;
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({
      status: session.isPending ? 'loading' : (session.data?.status ?? 'anonymous'),
      me,
      signedOutReason,
      async login(login, password) {
        const res = await api<LoginResult>('/auth/login', { method: 'POST', body: { login, password } });
        setCsrfToken(res.csrfToken);
        setSignedOutReason(null);
        return refreshSession();
      },
      async submitTotp(code) {
        const res = await api<LoginResult>('/auth/totp', { method: 'POST', body: { code } });
        setCsrfToken(res.csrfToken);
        return refreshSession();
      },
      async logout() {
        try {
          await api('/auth/logout', { method: 'POST' });
        } finally {
          setSignedOutReason(null);
          signOutLocally();
        }
      },
      async refresh() {
        await refreshSession();
      },
      setMe(next) {
        queryClient.setQueryData<Session>(SESSION_KEY, (old) => (old ? { ...old, me: next } : old));
      },
    }),
    [
      session.isPending,
      session.data?.status,
      me,
      signedOutReason,
      refreshSession,
      signOutLocally,
      queryClient,
    ],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user's profile; only for pages behind the session guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
