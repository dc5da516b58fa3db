import { useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';

/** The answers of the deployer and monitor-service endpoints these pages read (shapes from their *Api.java records). */

export interface ProjectEnvironment {
  id: string;
  name: string;
  kind: string;
  currentDeploymentId: string | null;
  url: string | null;
}

export interface Project {
  id: string;
  organizationId: string;
  name: string;
  slug: string;
  environments?: ProjectEnvironment[];
  createdAt: string;
  updatedAt: string;
}

export interface Deployment {
  id: string;
  project: { id: string; name: string; slug: string };
  organizationId: string;
  environment: string;
  action: string;
  status: string;
  statusReason?: string | null;
  branch?: string | null;
  commitSha?: string | null;
  commitMessage?: string | null;
  createdAt: string;
  finishedAt?: string | null;
  duration?: number | null;
}

export type HealthState = 'healthy' | 'unhealthy' | 'unknown';

export interface HealthCheck {
  deploymentId: string;
  projectId: string;
  environmentId: string;
  environment: string;
  url: string;
  active: boolean;
  stoppedReason: string | null;
  state: HealthState | string;
  consecutiveFailures: number;
  stateChangedAt: string | null;
  unhealthySince: string | null;
  lastCheckedAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  liveSince: string | null;
}

export interface HealthCheckList {
  projectId: string;
  checks: HealthCheck[];
}

export interface ProbeResult {
  checkedAt: string;
  healthy: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** Not a PagedModel: monitor-service answers this page flat. */
export interface HealthCheckDetail {
  check: HealthCheck;
  results: { content: ProbeResult[]; page: number; size: number; totalElements: number; totalPages: number };
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface Alert {
  id: string;
  ruleId: string;
  organizationId: string;
  projectId: string;
  environment: string | null;
  deploymentId: string | null;
  type: string;
  status: AlertStatus | string;
  summary: string;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export type AlertRuleType = 'deployment-failed' | 'health-check-failing' | 'error-log-rate';

export interface AlertRule {
  id: string;
  organizationId: string;
  projectId: string;
  environment: string | null;
  type: AlertRuleType | string;
  minutes: number | null;
  threshold: number | null;
  window: string | null;
  /** url shows scheme, host and first path segment only; secret is a mask or null. */
  webhook: { url: string; format: string; secret: string | null };
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type MetricsWindow = '7d' | '30d' | '90d';

/** Durations in seconds, rates as fractions of 1. */
export interface Dora {
  projectId: string;
  environment: string | null;
  from: string;
  to: string;
  days: number;
  deploymentFrequency: { deployments: number; perDay: number };
  leadTimeForChanges: { changes: number; medianSeconds: number | null; p90Seconds: number | null };
  changeFailureRate: { failedChanges: number; deployments: number; rate: number | null };
  timeToRestore: { restored: number; unrestored: number; medianSeconds: number | null };
}

export interface StepDuration {
  step: string;
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  p99Seconds: number | null;
}

export interface Durations {
  projectId: string;
  environment: string | null;
  from: string;
  to: string;
  steps: StepDuration[];
  total: StepDuration;
}

export interface EnvironmentCost {
  environment: string;
  cost: number | null;
  currency: string | null;
  periods: unknown[];
  builds: unknown[];
}

export interface Cost {
  projectId: string;
  environment: string | null;
  from: string;
  to: string;
  cost: number | null;
  currency: string | null;
  hoursPerMonth: number;
  environments: EnvironmentCost[];
}

/** The organization's projects (the first 100 by name), shared by every monitoring page. */
export function useProjects(organizationId: string, refetchInterval?: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['projects', organizationId, { size: 100 }],
    queryFn: ({ signal }) =>
      api.get<Page<Project>>('/api/v1/projects', { organizationId, size: 100, sort: 'name' }, signal),
    refetchInterval,
  });
}

/** The live health checks of each project, one request per project (the API lists them per project). */
export function useHealthChecks(projects: Project[] | undefined, refetchInterval?: number) {
  const api = useApi();
  return useQueries({
    queries: (projects ?? []).map((project) => ({
      queryKey: ['health-checks', project.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<HealthCheckList>('/api/v1/health-checks', { projectId: project.id }, signal),
      refetchInterval,
    })),
    combine: (results) => ({
      checks: results.flatMap((r) => r.data?.checks ?? []),
      isLoading: results.some((r) => r.isLoading),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

export function projectNames(projects: Project[] | undefined): Map<string, string> {
  return new Map((projects ?? []).map((p) => [p.id, p.name]));
}
