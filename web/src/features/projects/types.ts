/** The deployer's project, environment, variable, provider and deployment shapes (ProjectApi, VariableApi, ...). */
export interface Environment {
  id: string;
  name: string;
  kind: 'production' | 'preview' | 'custom' | string;
  branch: string | null;
  target: string;
  settings: Record<string, string>;
  autoDeploy: boolean;
  currentDeploymentId: string | null;
  url: string | null;
  variablesVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface Project {
  id: string;
  organizationId: string;
  name: string;
  slug: string;
  description: string | null;
  repository: { id: string; url: string };
  productionBranch: string | null;
  rootDirectory: string | null;
  framework: string | null;
  buildConfiguration: Record<string, string | null>;
  detectedBuildConfiguration: Record<string, string | null>;
  buildOverrides: Record<string, string | null>;
  latestAnalysis: { id: string; commitSha: string | null; branch: string | null; analyzedAt: string | null } | null;
  status: string;
  environments: Environment[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Repository {
  id: string;
  organizationId: string;
  fullName: string;
  url: string;
  defaultBranch: string | null;
  language: string | null;
}

/** The analyzer's latest analysis of a repository (only what the form uses). */
export interface Analysis {
  id: string;
  status: string;
  branch: string | null;
  commit: string | null;
  framework: { id: string; name: string; version: string | null } | null;
  buildConfiguration: Record<string, string | null> | null;
  rootDirectory: string | null;
  failureReason?: string | null;
  finishedAt?: string | null;
}

export interface Variable {
  key: string;
  value: string | null;
  secret: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface VariableList {
  environment: string;
  version: number;
  variables: Variable[];
}

export interface ImportResult {
  environment: string;
  version: number;
  created: string[];
  updated: string[];
  skipped: string[];
  duplicates: string[];
}

export interface CatalogProvider {
  name: string;
  displayName: string;
  kind: string;
  description: string | null;
  available: boolean;
  capabilities: { id: string; description: string }[];
}

export interface CicdProvider {
  id: string;
  type: string;
  name: string;
  status: string;
}

export interface Deployment {
  id: string;
  project: { id: string; name: string; slug: string };
  environment: string;
  action: string;
  parentId: string | null;
  status: string;
  statusReason: string | null;
  target: string;
  branch: string | null;
  commitSha: string | null;
  commitMessage: string | null;
  url: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The build settings a project may override, in the order the form shows them (BuildSettings.KEYS). */
export const BUILD_KEYS = [
  { key: 'installCommand', label: 'Install command' },
  { key: 'buildCommand', label: 'Build command' },
  { key: 'startCommand', label: 'Start command' },
  { key: 'outputDirectory', label: 'Output directory' },
  { key: 'runtime', label: 'Runtime' },
  { key: 'runtimeVersion', label: 'Runtime version' },
] as const;

/** Targets that deploy through a registered CI/CD provider (the environment's `providerId` setting). */
export const CI_TARGETS = new Set(['jenkins', 'github-actions', 'gitlab-ci', 'kubernetes']);
