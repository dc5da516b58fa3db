import { http, HttpResponse } from 'msw';
import type { Role } from '../../api/types';
import { page, testOrg } from '../../test/server';
import type { Deployment, Environment, Project } from './types';

/** Test data shaped like the deployer's answers (ProjectApi.ProjectView, DeploymentApi.DeploymentView). */
export const PROJECT_ID = '00000000-0000-4000-8000-0000000000b1';

export function environment(overrides: Partial<Environment> = {}): Environment {
  return {
    id: 'env-production',
    name: 'production',
    kind: 'production',
    branch: 'main',
    target: 'local',
    settings: {},
    autoDeploy: true,
    currentDeploymentId: null,
    url: null,
    variablesVersion: 0,
    createdAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

export function project(overrides: Partial<Project> = {}): Project {
  return {
    id: PROJECT_ID,
    organizationId: testOrg.id,
    name: 'Hello App',
    slug: 'hello-app',
    description: null,
    repository: { id: 'repo-1', url: 'file:///tmp/hello-app' },
    productionBranch: 'main',
    rootDirectory: '',
    framework: 'node',
    buildConfiguration: { installCommand: 'npm install', buildCommand: 'npm run build', startCommand: 'npm run start', runtime: 'node' },
    detectedBuildConfiguration: { installCommand: 'npm install', buildCommand: 'npm run build', startCommand: 'npm run start', runtime: 'node' },
    buildOverrides: {},
    latestAnalysis: { id: 'an-1', commitSha: 'abecd5fa569c67f27d716a78b370b3e728fac24c', branch: 'main', analyzedAt: '2026-11-30T10:00:00Z' },
    status: 'active',
    environments: [environment()],
    createdBy: 'u1',
    createdAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'dep-1',
    project: { id: PROJECT_ID, name: 'Hello App', slug: 'hello-app' },
    environment: 'production',
    action: 'deploy',
    parentId: null,
    status: 'ready',
    statusReason: null,
    target: 'local',
    branch: 'main',
    commitSha: 'abecd5fa569c67f27d716a78b370b3e728fac24c',
    commitMessage: 'v1\n',
    url: 'http://localhost:20000',
    createdAt: '2026-11-30T10:00:00Z',
    finishedAt: '2026-11-30T10:01:00Z',
    ...overrides,
  };
}

/** The organizations answer with Alice in another role. */
export function asRole(role: Role) {
  return http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role }])));
}

export function projectHandler(p: Project = project()) {
  return http.get(`/api/v1/projects/${p.id}`, () => HttpResponse.json(p));
}
