import type { Deployment } from './types';
import { testOrg, testUser } from '../../test/server';

export const PROJECT_ID = 'p0000000-0000-4000-8000-000000000001';

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'd0000000-0000-4000-8000-000000000001',
    project: { id: PROJECT_ID, name: 'shop', slug: 'shop' },
    organizationId: testOrg.id,
    environment: 'production',
    environmentId: 'e0000000-0000-4000-8000-000000000001',
    action: 'deploy',
    parentId: null,
    children: [],
    status: 'ready',
    statusReason: null,
    target: 'local',
    repositoryUrl: 'file:///tmp/shop',
    branch: 'main',
    commitSha: 'abcdef1234567890abcdef1234567890abcdef12',
    commitMessage: 'Add the checkout page\n\nLonger body',
    commitTime: '2026-12-01T09:59:00Z',
    url: 'http://localhost:20001',
    buildConfiguration: {},
    variablesVersion: 1,
    estimatedDuration: 14,
    steps: [
      { name: 'analyze_repository', status: 'completed', startedAt: '2026-12-01T10:00:01Z', finishedAt: '2026-12-01T10:00:02Z', duration: 1, estimatedDuration: 1, error: null, attempts: 1 },
      { name: 'build_application', status: 'completed', startedAt: '2026-12-01T10:00:02Z', finishedAt: '2026-12-01T10:00:09Z', duration: 7, estimatedDuration: 8, error: null, attempts: 1 },
      { name: 'deploy_to_provider', status: 'completed', startedAt: '2026-12-01T10:00:09Z', finishedAt: '2026-12-01T10:00:12Z', duration: 3, estimatedDuration: 5, error: null, attempts: 1 },
    ],
    metadata: {},
    cancelRequested: false,
    attempts: 1,
    triggeredBy: testUser.id,
    createdAt: '2026-12-01T10:00:00Z',
    startedAt: '2026-12-01T10:00:01Z',
    finishedAt: '2026-12-01T10:00:12Z',
    duration: 11,
    ...overrides,
  };
}

export const members = [{ userId: testUser.id, email: testUser.email, name: testUser.name, role: 'owner' }];
