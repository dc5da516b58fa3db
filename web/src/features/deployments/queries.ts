import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';
import type { Member, ProjectSummary } from './types';

/** The organization's projects, for the filter and the names (up to 100, by name). */
export function useOrgProjects(orgId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['projects', orgId, 'all'],
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>('/api/v1/projects', { organizationId: orgId, size: 100, sort: 'name' }, signal),
    staleTime: 30_000,
  });
}

/** The organization's members, to name who triggered a deployment. */
export function useMembers(orgId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['members', orgId],
    queryFn: ({ signal }) => api.get<Member[]>(`/api/v1/organizations/${orgId}/members`, undefined, signal),
    staleTime: 60_000,
  });
}

/** Who started a deployment: a member's name, or "a trigger" (webhook, CI) when no user did. */
export function triggeredByName(userId: string | null, members: Member[] | undefined): string {
  if (!userId) return 'a trigger';
  const member = members?.find((m) => m.userId === userId);
  return member ? member.name || member.email : 'a former member';
}
