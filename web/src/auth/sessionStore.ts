import type { Session } from '../api/types';

/**
 * Where the signed-in session lives between page loads and across tabs. The refresh token
 * rotates on every use and reusing an old one ends the whole login, so tabs share one copy
 * (localStorage) and refresh under a Web Lock, adopting what another tab already refreshed.
 */
export const SESSION_KEY = 'autodeploy.session';

export function readSession(storage: Storage = window.localStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null, storage: Storage = window.localStorage): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else storage.removeItem(SESSION_KEY);
}

/** Runs {@code task} holding the cross-tab refresh lock where the browser has Web Locks. */
export async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return task();
  return locks.request('autodeploy.refresh', task) as Promise<T>;
}

/** Milliseconds until the access token should be renewed (a minute early, at least 5 s from now). */
export function renewDelay(session: Session, now: number = Date.now()): number {
  return Math.max(5_000, new Date(session.expiresAt).getTime() - now - 60_000);
}
