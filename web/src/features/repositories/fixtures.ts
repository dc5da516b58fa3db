import type { Analysis, DetectedApp, Repository } from './api';
import { testOrg } from '../../test/server';

/** Shapes as analyzer-service answers them (taken from a running suite). */
export const shopRepository: Repository = {
  id: '203c4ae0-f70b-44f8-a336-ffbfa4fdc72d',
  organizationId: testOrg.id,
  provider: 'git',
  githubId: null,
  fullName: 'acme/shop',
  url: 'https://git.example.test/acme/shop.git',
  defaultBranch: 'main',
  private: false,
  language: 'typescript',
  createdBy: '00000000-0000-4000-8000-000000000001',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:01Z',
};

export function repository(overrides: Partial<Repository> = {}): Repository {
  return { ...shopRepository, ...overrides };
}

const nextApp: DetectedApp = {
  directory: '',
  name: 'shop',
  role: 'app',
  framework: { id: 'nextjs', name: 'Next.js', version: '15.0.3', confidence: 0.9, kind: 'server' },
  language: 'typescript',
  packageManager: 'npm',
  buildConfiguration: {
    installCommand: 'npm install', buildCommand: 'npm run build', startCommand: 'npm run start', devCommand: 'npm run dev',
    outputDirectory: '.next', runtime: 'node', runtimeVersion: '20',
  },
  environmentVariables: [
    { key: 'DATABASE_URL', required: true, type: 'database_connection', description: 'the database', source: '.env.example:2' },
    { key: 'PORT', required: false, type: 'port', description: null, source: 'convention: platform' },
  ],
  dependencies: { production: ['next', 'react'], development: ['typescript'] },
  evidence: [
    { conclusion: 'framework=nextjs', file: 'package.json', detail: 'dependency next@15.0.3' },
    { conclusion: 'packageManager=npm', file: 'package.json', detail: 'no lock file' },
  ],
};

export function completedAnalysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    id: '79e0c4f3-8a8c-4453-8eff-200412b59702',
    repository: { id: shopRepository.id, fullName: shopRepository.fullName, defaultBranch: 'main' },
    status: 'completed',
    branch: 'main',
    commit: 'da9d929596012ca4a868218338c922283992cc49',
    engineVersion: '0.1.0-SNAPSHOT+9bc6bdb0',
    framework: nextApp.framework,
    language: nextApp.language,
    packageManager: nextApp.packageManager,
    buildConfiguration: nextApp.buildConfiguration,
    environmentVariables: nextApp.environmentVariables,
    dependencies: nextApp.dependencies,
    recommendations: {
      provider: 'vercel',
      database: 'postgres',
      estimatedCost: { monthly: 20, currency: 'USD' },
      reasons: ['Vercel builds and serves this framework natively, with previews per branch'],
    },
    monorepo: false,
    rootDirectory: '',
    apps: [nextApp],
    evidence: nextApp.evidence,
    warnings: [],
    failureReason: null,
    createdAt: '2026-12-01T10:00:02Z',
    startedAt: '2026-12-01T10:00:02Z',
    completedAt: '2026-12-01T10:00:03.500Z',
    ...overrides,
  };
}

export function pendingAnalysis(status: 'queued' | 'running' = 'queued', overrides: Partial<Analysis> = {}): Analysis {
  return completedAnalysis({
    id: '11111111-2222-4333-8444-555555555555',
    status,
    framework: null, language: null, packageManager: null, buildConfiguration: null, environmentVariables: null,
    dependencies: null, recommendations: null, monorepo: null, rootDirectory: null, apps: null, evidence: null,
    warnings: null, startedAt: status === 'running' ? '2026-12-01T10:05:01Z' : null, completedAt: null,
    createdAt: '2026-12-01T10:05:00Z',
    ...overrides,
  });
}

/** A pnpm monorepo: the engine lists its primary (the web app) first, a library and an API. */
export function monorepoAnalysis(): Analysis {
  const library: DetectedApp = {
    ...nextApp, directory: 'packages/ui', name: '@acme/ui', role: 'library', framework: null,
    buildConfiguration: { ...nextApp.buildConfiguration!, startCommand: null, devCommand: null, outputDirectory: null },
    environmentVariables: [], dependencies: { production: ['react'], development: [] },
    evidence: [{ conclusion: 'role=library', file: 'packages/ui/package.json', detail: 'no start script' }],
  };
  const api: DetectedApp = {
    ...nextApp, directory: 'apps/api', name: 'api',
    framework: { id: 'express', name: 'Express', version: '4.21.1', confidence: 0.8, kind: 'server' },
    buildConfiguration: { ...nextApp.buildConfiguration!, buildCommand: null, startCommand: 'node server.js', outputDirectory: null },
    environmentVariables: [{ key: 'REDIS_URL', required: true, type: 'database_connection', description: null, source: 'apps/api/server.js:3' }],
    dependencies: { production: ['express'], development: [] },
    evidence: [{ conclusion: 'framework=express', file: 'apps/api/package.json', detail: 'dependency express@4.21.1' }],
  };
  const web = { ...nextApp, directory: 'apps/web', name: 'web' };
  return completedAnalysis({
    monorepo: true, rootDirectory: 'apps/web', apps: [web, library, api],
    warnings: ['packages/broken/package.json is not valid JSON; it was ignored'],
  });
}
