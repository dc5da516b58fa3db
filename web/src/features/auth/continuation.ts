import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { Organization, Page } from '../../api/types';

/**
 * The `next` query parameter when it is a path of this app; anything else (another origin,
 * `//host`, a scheme) is ignored so that a crafted link cannot send a new session elsewhere.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/** `/login?next=…` or `/signup?next=…`, keeping where the visitor wanted to go. */
export function withNext(path: string, next: string | null): string {
  return next && next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * Where a fresh session goes: back to an invitation it came from; to creating an organization when
 * the user has none yet; else to `next` or the overview. Loads the organizations into the cache the
 * organization switcher reads, so the next page does not wait for them again.
 */
export function useContinuation(): (next: string | null) => Promise<string> {
  const api = useApi();
  const queries = useQueryClient();
  return useCallback(async (next) => {
    if (next?.startsWith('/invitations/')) return next;
    try {
      const organizations = await queries.fetchQuery({
        queryKey: ['organizations'],
        queryFn: ({ signal }) => api.get<Page<Organization>>('/api/v1/organizations', { size: 100, sort: 'name' }, signal),
      });
      if (organizations.content.length === 0) return '/organizations/new';
    } catch {
      // the pages behind RequireOrg ask again and show the problem
    }
    return next ?? '/';
  }, [api, queries]);
}
