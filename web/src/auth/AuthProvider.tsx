import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import { isApiError } from '../api/problem';
import type { Session, User } from '../api/types';
import { readSession, renewDelay, SESSION_KEY, withRefreshLock, writeSession } from './sessionStore';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

export interface Auth {
  status: AuthStatus;
  user: User | null;
  /** Signed out by {@link logout} in this tab (not by an expired session): no page to come back to. */
  signedOutByUser: boolean;
  login(email: string, password: string): Promise<void>;
  register(name: string, email: string, password: string): Promise<void>;
  /** Takes a session obtained elsewhere (the GitHub callback). */
  adopt(session: Session): void;
  logout(): Promise<void>;
  /** Replaces the signed-in user's profile after an edit. */
  updateUser(user: User): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Keeps the session: signs in and out, renews the access token before it expires and after a 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queries = useQueryClient();
  const session = useRef<Session | null>(readSession());
  const [user, setUser] = useState<User | null>(session.current?.user ?? null);
  const [status, setStatus] = useState<AuthStatus>(session.current ? 'loading' : 'signed-out');
  const [signedOutByUser, setSignedOutByUser] = useState(false);

  const apply = useCallback((next: Session | null) => {
    session.current = next;
    writeSession(next);
    setUser(next?.user ?? null);
    setStatus(next ? 'signed-in' : 'signed-out');
    if (next) setSignedOutByUser(false);
    else queries.clear();
  }, [queries]);

  const refresh = useCallback(async (): Promise<string | null> => {
    const held = session.current;
    if (!held) return null;
    return withRefreshLock(async () => {
      const stored = readSession();
      if (stored && stored.refreshToken !== held.refreshToken) {
        // another tab renewed it meanwhile: ours is spent
        apply(stored);
        return stored.accessToken;
      }
      try {
        const next = await api.post<Session>('/api/v1/auth/refresh', { refreshToken: held.refreshToken }, { anonymous: true });
        apply(next);
        return next.accessToken;
      } catch (error) {
        if (isApiError(error) && error.status !== 0 && error.status < 500) apply(null);
        return null;
      }
    });
  }, [api, apply]);

  useEffect(() => {
    api.useTokens({ accessToken: () => session.current?.accessToken ?? null, refresh });
    return () => api.useTokens(null);
  }, [api, refresh]);

  // A stored session is checked once on load: renewed if it can be, dropped if not.
  useEffect(() => {
    if (status !== 'loading') return;
    const stored = session.current;
    if (!stored) return;
    if (new Date(stored.expiresAt).getTime() - Date.now() > 60_000) {
      setStatus('signed-in');
    } else {
      void refresh().then((token) => { if (!token && session.current) setStatus('signed-in'); });
    }
  }, [status, refresh]);

  // Renew a minute before expiry, so a live log stream never sees an expired token.
  useEffect(() => {
    if (status !== 'signed-in' || !session.current) return;
    const timer = window.setTimeout(() => void refresh(), renewDelay(session.current));
    return () => window.clearTimeout(timer);
  }, [status, user, refresh]);

  // Signing in or out in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_KEY) return;
      const next = readSession();
      session.current = next;
      setUser(next?.user ?? null);
      setStatus(next ? 'signed-in' : 'signed-out');
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const auth = useMemo<Auth>(() => ({
    status,
    user,
    signedOutByUser,
    async login(email, password) {
      apply(await api.post<Session>('/api/v1/auth/login', { email, password }, { anonymous: true }));
    },
    async register(name, email, password) {
      apply(await api.post<Session>('/api/v1/auth/register', { name, email, password }, { anonymous: true }));
    },
    adopt: apply,
    async logout() {
      const held = session.current;
      setSignedOutByUser(true);
      apply(null);
      if (held) {
        try {
          await api.post('/api/v1/auth/logout', { refreshToken: held.refreshToken }, { anonymous: true });
        } catch {
          // signed out here either way; the refresh token expires on its own
        }
      }
    },
    updateUser(next) {
      if (session.current) apply({ ...session.current, user: next });
    },
  }), [status, user, signedOutByUser, api, apply]);

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}
