import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import type { Member, ProjectSummary, RollbackPreview } from './types';

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

/** Replaces "user <id>" in a server message with the member's name ("Cancelled by user <id>." → "Cancelled by Alice."). */
export function useNamed(): (text: string) => string {
  const org = useCurrentOrg();
  const members = useMembers(org.id);
  return (text) => (members.data ?? []).reduce((t, m) => t.split(`user ${m.userId}`).join(m.name || m.email), text);
}

/**
 * What rolling back to the deployment would change, read only while `enabled` (the confirmation is open); the
 * variable comparison depends on `keepCurrentVariables`, so each choice is its own query.
 */
export function useRollbackPreview(deploymentId: string, keepCurrentVariables: boolean, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['rollback-preview', deploymentId, keepCurrentVariables],
    queryFn: ({ signal }) =>
      api.get<RollbackPreview>(`/api/v1/deployments/${deploymentId}/rollback/preview`, { keepCurrentVariables }, signal),
    enabled,
    // The environment may have moved on since the last look: read it afresh each time the dialog opens.
    staleTime: 0,
    // While the other choice is read, the last answer stays on screen (marked as updating) instead of a spinner.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === deploymentId ? previous : undefined),
  });
}
