/** Shapes of the deployment endpoints (deployer-service DeploymentApi, monitor-service logs/status/streams). */

export type DeploymentStatus = 'awaiting_approval' | 'queued' | 'building' | 'deploying' | 'ready' | 'error' | 'cancelled';

export const DEPLOYMENT_STATUSES: DeploymentStatus[] = ['awaiting_approval', 'queued', 'building', 'deploying', 'ready', 'error', 'cancelled'];
export const DEPLOYMENT_ACTIONS = ['deploy', 'retry', 'rollback'] as const;

// Waiting for approval counts as in progress: it can be cancelled, and the page keeps polling for the decision.
const inProgress = new Set<string>(['awaiting_approval', 'queued', 'building', 'deploying']);

/** A status as people read it ("awaiting_approval" → "awaiting approval"). */
export function statusLabel(status: string): string {
  return status.replaceAll('_', ' ');
}

/** One vote on a deployment awaiting approval. */
export interface ApprovalVote {
  userId: string;
  decision: 'approved' | 'rejected' | string;
  comment: string | null;
  at: string;
}

/** `approval` of a deployment that needed one, and `GET /api/v1/deployments/{id}/approvals`. */
export interface DeploymentApproval {
  required: number;
  approverRole: string | null;
  state: 'not_required' | 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled' | string;
  approvals: number;
  expiresAt: string | null;
  requestedBy: string | null;
  votes: ApprovalVote[];
}

export function isInProgress(status: string | undefined): boolean {
  return status !== undefined && inProgress.has(status);
}

export interface StepView {
  name: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds. */
  duration: number | null;
  estimatedDuration: number | null;
  error: string | null;
  attempts: number;
}

/** `GET /api/v1/deployments/{id}` (and each item of the lists; `children` only on a single one). Durations in seconds. */
export interface Deployment {
  id: string;
  project: { id: string; name: string | null; slug: string | null };
  organizationId: string;
  environment: string;
  environmentId: string;
  action: string;
  parentId: string | null;
  children: string[] | null;
  status: DeploymentStatus | string;
  statusReason: string | null;
  target: string;
  repositoryUrl: string | null;
  branch: string | null;
  commitSha: string | null;
  commitMessage: string | null;
  commitTime: string | null;
  url: string | null;
  buildConfiguration: Record<string, string> | null;
  variablesVersion: number;
  estimatedDuration: number | null;
  steps: StepView[];
  metadata: Record<string, unknown> | null;
  cancelRequested: boolean;
  attempts: number;
  triggeredBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  duration: number | null;
  /** Present when the deployment needed approval (environment protection). */
  approval?: DeploymentApproval | null;
}

/** One side of a rollback: a deployment and the commit its release runs. */
export interface ReleaseSide {
  deploymentId: string;
  commitSha: string | null;
  releasedAt: string;
}

/** A commit as the repository records it; `title` is the message's first line. */
export interface PreviewCommit {
  sha: string;
  title: string;
  author: string;
  committedAt: string;
}

/** `GET /api/v1/deployments/{id}/rollback/preview?keepCurrentVariables=` (developers and above). */
export interface RollbackPreview {
  deploymentId: string;
  environment: string;
  /** What the environment serves now; null when it serves nothing. */
  current: ReleaseSide | null;
  target: ReleaseSide;
  direction: 'backward' | 'forward' | 'same' | 'initial' | string;
  commits: {
    from: string | null;
    to: string | null;
    /** False when the history could not be read: `note` says why and the lists are empty. */
    commitsAvailable: boolean;
    /** Commits the environment would stop running, newest first. */
    removed: PreviewCommit[];
    /** Commits it would start running, newest first. */
    added: PreviewCommit[];
    /** False when a list was cut at the server's limit (`note` says so). */
    complete: boolean;
    note: string | null;
  };
  /** Keys only: values never leave the server. */
  variables: {
    comparedWith: 'release' | 'current' | string;
    added: string[];
    removed: string[];
    changed: string[];
    note: string | null;
  };
  migration: { current: string | null; target: string | null; backwards: boolean };
  /** e.g. `migration-downgrade`. */
  risks: { type: string; message: string }[];
  /** Whether the target commit is blocked in the environment (rolled back from before), and why. */
  targetCommit: { blocked: boolean; reason: string | null };
  /** The commit the rollback blocks in the environment (the one it serves now), if any. */
  blocksCommit: string | null;
  keepCurrentVariables: boolean;
}

/** `GET /api/v1/deployments/{id}/status` (monitor-service). */
export interface DeploymentStatusView {
  deploymentId: string;
  status: string;
  reason: string | null;
  progress: number | null;
  durationMs: number | null;
  steps: { name: string; status: string; startedAt: string | null; finishedAt: string | null; durationMs: number | null }[];
  history: { at: string; step: string | null; from: string | null; to: string; reason: string | null }[];
}

export interface LogLine {
  sequence: number;
  timestamp: string;
  level: string;
  source: string | null;
  step: string | null;
  message: string;
}

/** `GET /api/v1/deployments/{id}/logs`. */
export interface LogPage {
  deploymentId: string;
  items: LogLine[];
  nextCursor: number;
  hasMore: boolean;
}

export interface ProjectSummary {
  id: string;
  name: string;
  environments?: { name: string; currentDeploymentId: string | null; url: string | null }[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
}

/** Messages of the two WebSocket streams (monitor-service StreamMessages). */
export interface LogMessage extends LogLine {
  type: 'deployment.log';
  deploymentId: string;
}

export interface StatusMessage {
  type: 'deployment.status';
  deploymentId: string;
  status: string;
  step?: string;
  progress?: number;
  metadata?: Record<string, unknown>;
  final?: boolean;
}

export interface BuildMessage {
  type: 'deployment.build';
  deploymentId: string;
  stage: string;
  status: string;
  progress: number;
}

export type StreamMessage = LogMessage | StatusMessage | BuildMessage;

/** Parses a stream frame; anything that is not one of the known messages (heartbeats, junk) is null. */
export function parseStreamMessage(data: unknown): StreamMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object') return null;
    const type = (parsed as { type?: unknown }).type;
    if (type === 'deployment.log' && typeof (parsed as LogMessage).sequence === 'number') return parsed as LogMessage;
    if (type === 'deployment.status' || type === 'deployment.build') return parsed as StreamMessage;
    return null;
  } catch {
    return null;
  }
}

/** A step's wire name for people: build_application → Build application. */
export function stepLabel(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
