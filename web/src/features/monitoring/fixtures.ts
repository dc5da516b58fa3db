import { http, HttpResponse } from 'msw';
import { screen } from '@testing-library/react';
import { page, server, testOrg } from '../../test/server';
import type { Alert, AlertRule, Cost, Deployment, Dora, Durations, HealthCheck, ProbeResult, Project } from './api';

/** Test data shaped like the real answers (captured from a running suite). */
export const shop: Project = {
  id: 'p-shop',
  organizationId: testOrg.id,
  name: 'Shop',
  slug: 'shop',
  environments: [
    { id: 'env-prod', name: 'production', kind: 'production', currentDeploymentId: 'd-shop-1', url: 'http://localhost:20001' },
    { id: 'env-stage', name: 'staging', kind: 'custom', currentDeploymentId: null, url: null },
  ],
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
};

export const blog: Project = {
  ...shop, id: 'p-blog', name: 'Blog', slug: 'blog', environments: [], createdAt: '2026-11-25T10:00:00Z',
};

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'd-shop-1',
    project: { id: shop.id, name: shop.name, slug: shop.slug },
    organizationId: testOrg.id,
    environment: 'production',
    action: 'deploy',
    status: 'ready',
    statusReason: null,
    branch: 'main',
    commitSha: 'f690169ccb9b70283c14535e7786a4227a5b181a',
    commitMessage: 'v1',
    createdAt: new Date(Date.now() - 120_000).toISOString(),
    finishedAt: new Date(Date.now() - 100_000).toISOString(),
    duration: 9,
    ...overrides,
  };
}

export function healthCheck(overrides: Partial<HealthCheck> = {}): HealthCheck {
  return {
    deploymentId: 'd-shop-1',
    projectId: shop.id,
    environmentId: 'env-prod',
    environment: 'production',
    url: 'http://localhost:20001',
    active: true,
    stoppedReason: null,
    state: 'healthy',
    consecutiveFailures: 0,
    stateChangedAt: '2026-12-02T04:30:12Z',
    unhealthySince: null,
    lastCheckedAt: new Date(Date.now() - 30_000).toISOString(),
    lastStatusCode: 200,
    lastError: null,
    liveSince: '2026-12-02T04:30:11Z',
    ...overrides,
  };
}

export function probe(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return { checkedAt: '2026-12-02T04:31:00Z', healthy: true, statusCode: 200, latencyMs: 25, error: null, ...overrides };
}

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a-1',
    ruleId: 'r-1',
    organizationId: testOrg.id,
    projectId: shop.id,
    environment: 'production',
    deploymentId: 'd-shop-2',
    type: 'deployment-failed',
    status: 'open',
    summary: 'Deployment of 50c0712 to production failed: The app exited before it answered its health check.',
    openedAt: new Date(Date.now() - 600_000).toISOString(),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

export function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: 'r-1',
    organizationId: testOrg.id,
    projectId: shop.id,
    environment: null,
    type: 'deployment-failed',
    minutes: null,
    threshold: null,
    window: null,
    webhook: { url: 'https://hooks.example.com/services/…', format: 'slack', secret: '********' },
    enabled: true,
    createdBy: 'u-1',
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

export const dora: Dora = {
  projectId: shop.id,
  environment: null,
  from: '2026-11-25T04:30:37Z',
  to: '2026-12-02T04:30:37Z',
  days: 7,
  deploymentFrequency: { deployments: 3, perDay: 0.42857 },
  leadTimeForChanges: { changes: 3, medianSeconds: 20.4, p90Seconds: 95 },
  changeFailureRate: { failedChanges: 1, deployments: 4, rate: 0.25 },
  timeToRestore: { restored: 1, unrestored: 0, medianSeconds: 300 },
};

export const durations: Durations = {
  projectId: shop.id,
  environment: null,
  from: dora.from,
  to: dora.to,
  steps: [
    { step: 'analyze_repository', count: 2, p50Seconds: 0.25, p90Seconds: 0.28, p99Seconds: 0.29 },
    { step: 'build_application', count: 2, p50Seconds: 2.1, p90Seconds: 2.6, p99Seconds: 2.8 },
    { step: 'deploy_to_provider', count: 1, p50Seconds: 6.5, p90Seconds: 7.5, p99Seconds: 8.5 },
  ],
  total: { step: 'total', count: 1, p50Seconds: 9.75, p90Seconds: 9.75, p99Seconds: 9.75 },
};

export const cost: Cost = {
  projectId: shop.id,
  environment: null,
  from: dora.from,
  to: dora.to,
  cost: 12.5,
  currency: 'USD',
  hoursPerMonth: 730,
  environments: [
    { environment: 'production', cost: 10, currency: 'USD', periods: [{}, {}], builds: [] },
    { environment: 'staging', cost: 2.5, currency: 'USD', periods: [{}], builds: [{}] },
  ],
};

export function withProjects(projects: Project[]) {
  server.use(http.get('/api/v1/projects', () => HttpResponse.json({
    ...page(projects),
    page: { size: 100, number: 0, totalElements: projects.length, totalPages: projects.length ? 1 : 0 },
  })));
}

/** A Card (a section titled by its heading); Card gives the section no accessible name. */
export async function findCard(title: string | RegExp): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name: title });
  return heading.closest('section') as HTMLElement;
}
