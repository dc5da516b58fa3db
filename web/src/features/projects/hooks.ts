import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import type { Page } from '../../api/types';
import type { CatalogProvider, Deployment, Project } from './types';

export function useProject(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['project', id],
    queryFn: ({ signal }) => api.get<Project>(`/api/v1/projects/${id}`, undefined, signal),
  });
}

export function useProviderCatalog() {
  const api = useApi();
  return useQuery({
    queryKey: ['providers'],
    queryFn: ({ signal }) => api.get<Page<CatalogProvider>>('/api/v1/providers', { size: 100 }, signal),
    staleTime: 5 * 60_000,
  });
}

export function useDeployment(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['deployment', id],
    queryFn: ({ signal }) => api.get<Deployment>(`/api/v1/deployments/${id}`, undefined, signal),
    enabled: id != null,
    refetchInterval: (query) => (['awaiting_approval', 'queued', 'building', 'deploying'].includes(query.state.data?.status ?? '') ? 3000 : false),
  });
}

/**
 * The server's reason for refusing one build setting: a 422 invalid-build-configuration names the key at the
 * start of its detail ("buildCommand: a pipe '|' is not supported ..."), a 400 names it as a field.
 */
export function buildSettingError(error: unknown, key: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const field = error.fieldError(`buildConfiguration[${key}]`) ?? error.fieldError(`buildConfiguration.${key}`);
  if (field) return field;
  const detail = error.problem.detail ?? '';
  if (error.code === 'invalid-build-configuration' && (detail.startsWith(`${key}:`) || detail.startsWith(`${key} `))) {
    return detail;
  }
  return undefined;
}

/** True when a build-configuration problem was attributed to one of the fields (so the form need not repeat it). */
export function isBuildFieldProblem(error: unknown, keys: readonly string[]): boolean {
  return keys.some((key) => buildSettingError(error, key) !== undefined);
}
