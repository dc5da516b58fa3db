import type { Deployment, PreviewCommit, RollbackPreview } from './types';
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

/** A commit of the preview's lists: `n` picks a distinct sha and title. */
export function previewCommit(n: number, overrides: Partial<PreviewCommit> = {}): PreviewCommit {
  return {
    sha: `${String(n).padStart(2, '0')}${'c'.repeat(38)}`,
    title: `Change number ${n}`,
    author: 'Bob',
    committedAt: '2026-12-01T11:00:00Z',
    ...overrides,
  };
}

/** What rolling back from a newer release to the fixture deployment would change (nothing risky by default). */
export function rollbackPreview(overrides: Partial<RollbackPreview> = {}): RollbackPreview {
  const target = deployment();
  return {
    deploymentId: target.id,
    environment: 'production',
    current: { deploymentId: 'd0000000-0000-4000-8000-0000000000aa', commitSha: 'fedcba9876543210fedcba9876543210fedcba98', releasedAt: '2026-12-02T10:00:00Z' },
    target: { deploymentId: target.id, commitSha: target.commitSha, releasedAt: '2026-12-01T10:00:12Z' },
    direction: 'backward',
    commits: {
      from: 'fedcba9876543210fedcba9876543210fedcba98', to: target.commitSha, commitsAvailable: true,
      removed: [previewCommit(1)], added: [], complete: true, note: null,
    },
    variables: {
      comparedWith: 'release', added: [], removed: [], changed: [],
      note: "A rollback runs with the variables of the release it goes back to (or today's, with keepCurrentVariables); the environment's stored variables are not modified.",
    },
    migration: { current: null, target: null, backwards: false },
    risks: [],
    targetCommit: { blocked: false, reason: null },
    blocksCommit: 'fedcba9876543210fedcba9876543210fedcba98',
    keepCurrentVariables: false,
    ...overrides,
  };
}
