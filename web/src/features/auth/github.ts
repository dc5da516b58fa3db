import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { ApiClient } from '../../api/client';

/** Which sign-in/connect providers this installation has configured (`GET /api/v1/auth/providers`). */
export interface Providers {
  github: boolean;
  vercel: boolean;
}

export function useProviders() {
  const api = useApi();
  return useQuery({
    queryKey: ['providers'],
    queryFn: ({ signal }) => api.get<Providers>('/api/v1/auth/providers', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Where GitHub sends the browser back to; auth-service must list it in autodeploy.oauth.github.redirect-uris. */
export const GITHUB_CALLBACK_PATH = '/auth/github/callback';

/** The state auth-service handed out and the page to go on to, kept across the round trip to GitHub. */
export const GITHUB_PENDING_KEY = 'autodeploy.github-sign-in';

export interface PendingGitHubSignIn {
  state: string;
  next: string | null;
}

export function readPendingGitHubSignIn(): PendingGitHubSignIn | null {
  try {
    const raw = window.sessionStorage.getItem(GITHUB_PENDING_KEY);
    return raw ? (JSON.parse(raw) as PendingGitHubSignIn) : null;
  } catch {
    return null;
  }
}

export function clearPendingGitHubSignIn(): void {
  window.sessionStorage.removeItem(GITHUB_PENDING_KEY);
}

/** Asks auth-service for GitHub's authorize URL, remembers its state and `next`, and returns the URL to go to. */
export async function startGitHubSignIn(api: ApiClient, next: string | null): Promise<string> {
  const redirectUri = `${window.location.origin}${GITHUB_CALLBACK_PATH}`;
  const answer = await api.request<{ url: string; state: string }>('/api/v1/auth/github/url', { query: { redirectUri }, anonymous: true });
  const pending: PendingGitHubSignIn = { state: answer.state, next };
  window.sessionStorage.setItem(GITHUB_PENDING_KEY, JSON.stringify(pending));
  return answer.url;
}
