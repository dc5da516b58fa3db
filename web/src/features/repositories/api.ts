import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import type { Page } from '../../api/types';

/** analyzer-service's RepositoryApi.RepositoryView. */
export interface Repository {
  id: string;
  organizationId: string;
  /** `git` (any URL) or `github` (imported). */
  provider: string;
  githubId: number | null;
  fullName: string;
  url: string;
  defaultBranch: string;
  private: boolean;
  language: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** RepositoryApi.GitHubRepositoryView: one of the caller's GitHub repositories. */
export interface GitHubRepository {
  githubId: number;
  fullName: string;
  htmlUrl: string;
  cloneUrl: string;
  defaultBranch: string;
  private: boolean;
  language: string | null;
  description: string | null;
  updatedAt: string | null;
  registered: boolean;
  repositoryId: string | null;
}

/** RepositoryApi.GitHubRepositoryPage: GitHub does not say how many there are, only whether more follow. */
export interface GitHubRepositoryPage {
  content: GitHubRepository[];
  page: { number: number; size: number; hasNext: boolean; totalPages: number | null };
}

export interface Framework {
  id: string | null;
  name: string;
  version: string | null;
  /** 0..1 */
  confidence: number | null;
  /** `server` or `static` */
  kind: string | null;
}

export interface BuildConfiguration {
  installCommand: string | null;
  buildCommand: string | null;
  startCommand: string | null;
  devCommand: string | null;
  outputDirectory: string | null;
  runtime: string | null;
  runtimeVersion: string | null;
  nodeVersion?: string | null;
}

export interface EnvironmentVariable {
  key: string;
  required: boolean;
  type: string;
  description: string | null;
  source: string | null;
}

export interface Dependencies {
  production: string[] | null;
  development: string[] | null;
}

export interface Recommendations {
  provider: string | null;
  database: string | null;
  estimatedCost: { monthly: number; currency: string } | null;
  reasons: string[] | null;
}

export interface Evidence {
  conclusion: string;
  file: string;
  detail: string | null;
}

/** What the engine finds out about one app: the fields a whole analysis and each app of a monorepo share. */
export interface AppFindings {
  framework: Framework | null;
  language: string | null;
  packageManager: string | null;
  buildConfiguration: BuildConfiguration | null;
  environmentVariables: EnvironmentVariable[] | null;
  dependencies: Dependencies | null;
  evidence: Evidence[] | null;
}

export interface DetectedApp extends AppFindings {
  directory: string;
  name: string;
  /** `app` (deployable) or `library` */
  role: string;
}

export type AnalysisStatus = 'queued' | 'running' | 'completed' | 'failed';

/** AnalysisApi.AnalysisView: the result fields are null until the analysis has completed. */
export interface Analysis extends AppFindings {
  id: string;
  repository: { id: string; fullName: string; defaultBranch: string };
  status: AnalysisStatus | string;
  branch: string | null;
  commit: string | null;
  engineVersion: string | null;
  recommendations: Recommendations | null;
  monorepo: boolean | null;
  rootDirectory: string | null;
  apps: DetectedApp[] | null;
  warnings: string[] | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** How often a queued or running analysis is asked about again. */
export const POLL_MS = 2000;

export function inFlight(analysis: Analysis | null | undefined): boolean {
  return analysis?.status === 'queued' || analysis?.status === 'running';
}

export function repositoryPath(id: string): string {
  return `/api/v1/repositories/${encodeURIComponent(id)}`;
}

export function useRepository(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['repository', id],
    queryFn: ({ signal }) => api.get<Repository>(repositoryPath(id), undefined, signal),
  });
}

/** The latest completed analysis, or null when the repository has none yet (the API answers 404 then). */
export function useLatestCompletedAnalysis(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['analysis', id, 'latest'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Analysis>(`${repositoryPath(id)}/analysis`, undefined, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 404 && error.code === 'analysis-not-found') return null;
        throw error;
      }
    },
  });
}

/** The newest analysis in any state, asked again every {@link POLL_MS} while it is queued or running. */
export function useNewestAnalysis(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['analyses', id, 'newest'],
    queryFn: async ({ signal }) => {
      const result = await api.get<Page<Analysis>>(`${repositoryPath(id)}/analyses`, { page: 0, size: 1 }, signal);
      return result.content[0] ?? null;
    },
    refetchInterval: (query) => (inFlight(query.state.data) ? POLL_MS : false),
  });
}

export function useAnalysisHistory(id: string, page: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['analyses', id, 'history', page],
    queryFn: ({ signal }) => api.get<Page<Analysis>>(`${repositoryPath(id)}/analyses`, { page, size: 10 }, signal),
  });
}

/** One analysis in any state, asked again every {@link POLL_MS} while it is queued or running. */
export function useAnalysis(id: string, analysisId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['analysis', id, analysisId],
    queryFn: ({ signal }) => api.get<Analysis>(`${repositoryPath(id)}/analyses/${encodeURIComponent(analysisId)}`, undefined, signal),
    refetchInterval: (query) => (inFlight(query.state.data) ? POLL_MS : false),
  });
}
