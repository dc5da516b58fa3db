import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole, type Role } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge, StatusBadge, type Tone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { LinkButton } from '../../ui/Button';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, formatDuration, formatRelative, shortSha } from '../../ui/format';
import { firstLine } from './DeploymentsPage';
import { LogTerminal } from './LogTerminal';
import { RollbackDialog } from './RollbackDialog';
import { triggeredByName, useMembers, useNamed } from './queries';
import type { SocketFactory } from './socket';
import { isInProgress, stepLabel, type Deployment, type DeploymentApproval, type DeploymentStatusView } from './types';
import { useStatusStream } from './useStatusStream';

const MAX_ANCESTORS = 5;
const MAX_CHILDREN = 10;

/** `/deployments/:id`: one deployment, its steps and its live log, with retry, rollback and cancel. */
export function DeploymentPage({ socketFactory }: { socketFactory?: SocketFactory | null } = {}) {
  const { id = '' } = useParams();
  const api = useApi();
  const queryClient = useQueryClient();

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['deployment', id] });
    void queryClient.invalidateQueries({ queryKey: ['deployment-status', id] });
  }, [queryClient, id]);
  const stream = useStatusStream(id, { socketFactory, onChange: refresh });
  const poll = (status: string | undefined) => (!stream.connected && !stream.finished && isInProgress(status) ? 3000 : false);

  const deployment = useQuery({
    queryKey: ['deployment', id],
    queryFn: ({ signal }) => api.get<Deployment>(`/api/v1/deployments/${id}`, undefined, signal),
    refetchInterval: (query) => poll(query.state.data?.status),
  });
  const statusView = useQuery({
    queryKey: ['deployment-status', id],
    queryFn: ({ signal }) => api.get<DeploymentStatusView>(`/api/v1/deployments/${id}/status`, undefined, signal),
    enabled: deployment.isSuccess,
    refetchInterval: () => poll(deployment.data?.status),
  });

  if (deployment.isLoading) return <Spinner label="Loading the deployment" />;
  if (deployment.error != null) {
    if (isApiError(deployment.error) && deployment.error.status === 404) {
      return (
        <EmptyState title="Deployment not found" action={<LinkButton to="/deployments">All deployments</LinkButton>}>
          It does not exist, or it belongs to an organization you are not a member of.
        </EmptyState>
      );
    }
    return <ProblemAlert error={deployment.error} title="The deployment could not be loaded" />;
  }
  const d = deployment.data;
  if (!d) return null;
  const status = stream.status ?? d.status;
  const monitor = statusView.data;
  const progress = stream.progress ?? monitor?.progress ?? (isInProgress(status) ? 0 : 100);

  return (
    <div className="space-y-6">
      <PageHeader
        title={<>{d.project.name ?? 'Deleted project'} <span className="text-slate-400">·</span> {d.environment}</>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={status} />
            <span>{capitalize(d.action)} {shortSha(d.commitSha)}{d.branch ? ` from ${d.branch}` : ''}</span>
            <span className="font-mono text-xs text-slate-400">#{shortSha(d.id)}</span>
          </span>
        }
        actions={<DeploymentActions deployment={d} status={status} />}
      />

      {(status === 'error' || status === 'cancelled') && d.statusReason && (
        <div className={`rounded-lg border p-3 text-sm ${status === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900'}`}>
          <p className="font-medium">{status === 'error' ? 'Why it failed' : 'Why it was cancelled'}</p>
          <p className="break-words"><Reason text={d.statusReason} rolledBackTo={rolledBackTo(d)} /></p>
        </div>
      )}
      {d.approval && d.approval.state !== 'not_required' && <ApprovalPanel deployment={d} status={status} />}
      {d.cancelRequested && isInProgress(status) && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">Cancelling: the deployment stops within seconds.</p>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Item label="Project"><Link className="font-medium text-indigo-600 hover:underline" to={`/projects/${d.project.id}`}>{d.project.name ?? shortSha(d.project.id)}</Link></Item>
            <Item label="Environment">{d.environment} <span className="text-slate-500">({d.target})</span></Item>
            <Item label="Action">{d.action}</Item>
            <Item label="Branch">{d.branch ?? '—'}</Item>
            <Item label="Commit">
              <span className="font-mono text-xs" title={d.commitSha ?? undefined}>{shortSha(d.commitSha)}</span>
              {d.commitMessage && <span className="ml-2 text-slate-600">{firstLine(d.commitMessage)}</span>}
            </Item>
            <Item label="Triggered by">
              <TriggeredBy deployment={d} />
            </Item>
            <Item label="Started">{formatDateTime(d.startedAt)}</Item>
            <Item label="Finished">{formatDateTime(d.finishedAt)}</Item>
            <Item label="Duration">
              {d.duration == null ? '—' : formatDuration((monitor?.durationMs ?? d.duration * 1000))}
              {d.estimatedDuration != null && isInProgress(status) && <span className="text-slate-500"> (about {formatDuration(d.estimatedDuration * 1000)} expected)</span>}
            </Item>
            <Item label="URL">
              {d.url && status === 'ready' ? (
                <a className="break-all font-medium text-indigo-600 hover:underline" href={d.url} target="_blank" rel="noreferrer">{d.url}</a>
              ) : d.url ? <span className="break-all text-slate-500">{d.url}</span> : '—'}
            </Item>
          </dl>
        </Card>
        <Lineage deployment={d} />
      </div>

      <Card title="Steps">
        <div className="mb-4">
          <div className="mb-1 flex justify-between text-xs text-slate-600">
            <span id="deployment-progress-label">Progress</span>
            <span>{progress}%</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="deployment-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className={`h-full rounded-full transition-all ${status === 'error' ? 'bg-red-500' : status === 'cancelled' ? 'bg-amber-500' : status === 'ready' ? 'bg-emerald-500' : 'bg-indigo-600'}`} style={{ width: `${progress}%` }} />
          </div>
        </div>
        {d.steps.length === 0 ? (
          <p className="text-sm text-slate-500">The steps are planned when the deployment starts.</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {d.steps.map((step) => {
              const stepStatus = stream.steps[step.name] && isInProgress(status) ? stream.steps[step.name] : step.status;
              const ms = monitor?.steps.find((s) => s.name === step.name)?.durationMs ?? (step.duration == null ? null : step.duration * 1000);
              return (
                <li key={step.name} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{stepLabel(step.name)}</p>
                    {step.error && <StepError text={step.error} failed={stepStatus === 'failed'} />}
                  </div>
                  <div className="flex items-center gap-3 text-xs text-slate-600">
                    <span>{stepStatus === 'pending' || stepStatus === 'running' ? (step.estimatedDuration != null ? `about ${formatDuration(step.estimatedDuration * 1000)}` : '') : formatDuration(ms)}</span>
                    <Badge tone={stepTone(stepStatus)} label={`step ${stepStatus}`}>{stepStatus}</Badge>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </Card>

      <LogTerminal deploymentId={d.id} socketFactory={socketFactory} />
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function TriggeredBy({ deployment }: { deployment: Deployment }) {
  const org = useCurrentOrg();
  const members = useMembers(org.id);
  return (
    <>
      {triggeredByName(deployment.triggeredBy, members.data)}{' '}
      <time dateTime={deployment.createdAt} title={formatDateTime(deployment.createdAt)} className="text-slate-500">{formatRelative(deployment.createdAt)}</time>
    </>
  );
}

function rolledBackTo(d: Deployment): string | null {
  const auto = d.metadata?.autoRollback;
  if (auto && typeof auto === 'object' && typeof (auto as { rolledBackTo?: unknown }).rolledBackTo === 'string') {
    return (auto as { rolledBackTo: string }).rolledBackTo;
  }
  return null;
}

/** The status reason, with the deployment the environment still serves as a link. */
function Reason({ text: raw, rolledBackTo }: { text: string; rolledBackTo: string | null }) {
  const text = useNamed()(raw);
  if (!rolledBackTo || !text.includes(rolledBackTo)) {
    return (
      <>
        {text}
        {rolledBackTo && <> The environment still serves <Link className="font-medium underline" to={`/deployments/${rolledBackTo}`}>deployment {shortSha(rolledBackTo)}</Link>.</>}
      </>
    );
  }
  const [before, ...after] = text.split(rolledBackTo);
  return (
    <>
      {before}
      <Link className="font-medium underline" to={`/deployments/${rolledBackTo}`}>{shortSha(rolledBackTo)}</Link>
      {after.join(rolledBackTo)}
    </>
  );
}

function StepError({ text, failed }: { text: string; failed: boolean }) {
  const named = useNamed();
  return <p className={`mt-0.5 break-words text-xs ${failed ? 'text-red-700' : 'text-slate-500'}`}>{named(text)}</p>;
}

function stepTone(status: string): Tone {
  switch (status) {
    case 'completed': return 'green';
    case 'running': return 'blue';
    case 'failed': return 'red';
    case 'cancelled': return 'amber';
    default: return 'gray';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What the deployment's approval needs and the votes so far; while it waits, members with the approver role
 * approve or reject it with an optional comment (the server refuses whoever asked for it: 409 self-approval).
 */
function ApprovalPanel({ deployment: d, status }: { deployment: Deployment; status: string }) {
  const api = useApi();
  const org = useCurrentOrg();
  const queryClient = useQueryClient();
  const members = useMembers(org.id).data;
  const [comment, setComment] = useState('');
  const approval = d.approval as DeploymentApproval;
  const vote = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      api.post<DeploymentApproval>(`/api/v1/deployments/${d.id}/${decision}`, comment.trim() ? { comment: comment.trim() } : {}),
    onSuccess: (next) => {
      queryClient.setQueryData<Deployment>(['deployment', d.id], (current) => (current ? { ...current, approval: next } : current));
      void queryClient.invalidateQueries({ queryKey: ['deployment', d.id] });
      void queryClient.invalidateQueries({ queryKey: ['deployments'] });
      setComment('');
    },
  });
  const waiting = status === 'awaiting_approval' && approval.state === 'pending';
  const mayVote = waiting && approval.approverRole != null && hasRole(org.role, approval.approverRole as Role);
  return (
    <Card title="Approval">
      <div className="space-y-3 text-sm">
        <p>
          {approval.approvals} of {approval.required} approval{approval.required === 1 ? '' : 's'}
          {approval.approverRole ? <> by {approval.approverRole}s or above</> : null}
          {' · '}<Badge tone={approval.state === 'approved' ? 'green' : approval.state === 'pending' ? 'amber' : 'red'} label={`approval ${approval.state}`}>{approval.state}</Badge>
          {waiting && approval.expiresAt && <span className="text-slate-500"> · expires {formatDateTime(approval.expiresAt)}</span>}
        </p>
        {approval.votes.length > 0 && (
          <ul className="space-y-1" aria-label="Votes">
            {approval.votes.map((v) => (
              <li key={v.userId}>
                <span className="font-medium">{triggeredByName(v.userId, members)}</span> {v.decision}
                {v.comment ? <>: <span className="italic">{v.comment}</span></> : null}
                <span className="text-slate-500"> · {formatRelative(v.at)}</span>
              </li>
            ))}
          </ul>
        )}
        {mayVote && (
          <div className="space-y-2">
            <label className="block">
              <span className="text-slate-600">Comment (optional)</span>
              <textarea className="mt-1 block w-full rounded-md border border-slate-300 p-2" rows={2} maxLength={1000}
                value={comment} onChange={(event) => setComment(event.target.value)} />
            </label>
            <div className="flex gap-2">
              <Button onClick={() => vote.mutate('approve')} disabled={vote.isPending}>Approve</Button>
              <Button variant="danger" onClick={() => vote.mutate('reject')} disabled={vote.isPending}>Reject</Button>
            </div>
          </div>
        )}
        <ProblemAlert error={vote.error} title="The vote was not taken" />
      </div>
    </Card>
  );
}

/** Retry, roll back, roll back to the last success, cancel — each as it applies, for developers and above. */
function DeploymentActions({ deployment: d, status }: { deployment: Deployment; status: string }) {
  const api = useApi();
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const created = (next: Deployment) => {
    void queryClient.invalidateQueries({ queryKey: ['deployments'] });
    void queryClient.invalidateQueries({ queryKey: ['deployment', d.id] });
    queryClient.setQueryData(['deployment', next.id], next);
    navigate(`/deployments/${next.id}`);
  };
  const retry = useMutation({ mutationFn: () => api.post<Deployment>(`/api/v1/deployments/${d.id}/retry`), onSuccess: created });
  const rollback = useMutation({
    mutationFn: (keepCurrentVariables: boolean) => api.post<Deployment>(`/api/v1/deployments/${d.id}/rollback`, { keepCurrentVariables }),
    onSuccess: created,
  });
  const lastSuccess = useMutation({
    mutationFn: () => api.post<Deployment>(`/api/v1/projects/${d.project.id}/deployments/rollback/last-success`, { environment: d.environment }),
    onSuccess: created,
  });
  const cancel = useMutation({
    mutationFn: () => api.post<Deployment>(`/api/v1/deployments/${d.id}/cancel`),
    onSuccess: (answer) => {
      queryClient.setQueryData(['deployment', d.id], answer);
      void queryClient.invalidateQueries({ queryKey: ['deployment', d.id] });
      void queryClient.invalidateQueries({ queryKey: ['deployments'] });
    },
  });

  if (!hasRole(org.role, 'developer')) return null;
  const commit = `${shortSha(d.commitSha)}${d.branch ? ` (${d.branch})` : ''}`;
  const finished = !isInProgress(status);
  return (
    <>
      {(status === 'error' || status === 'cancelled') && (
        <ConfirmDialog
          trigger={<Button>Retry</Button>}
          title="Retry this deployment?"
          description={<>Deploys commit {commit} to {d.environment} again as a new deployment, with the environment's current variables. You are taken to the new deployment.</>}
          confirmLabel="Retry deployment"
          onConfirm={() => retry.mutateAsync()}
        />
      )}
      {status === 'ready' && <RollbackDialog deployment={d} onConfirm={(keep) => rollback.mutateAsync(keep)} />}
      {finished && (
        <ConfirmDialog
          trigger={<Button variant="secondary">Roll back to last success</Button>}
          title={`Roll ${d.environment} back to its last success?`}
          description={<>Redeploys the newest successful deployment of {d.environment} other than the one it serves now, as a new rollback deployment. You are taken to it.</>}
          confirmLabel="Roll back to last success"
          onConfirm={() => lastSuccess.mutateAsync()}
        />
      )}
      {isInProgress(status) && !d.cancelRequested && (
        <ConfirmDialog
          trigger={<Button variant="danger">Cancel</Button>}
          title="Cancel this deployment?"
          description={<>Stops the deployment where it is and ends it as cancelled. {d.environment} keeps serving what it serves now.</>}
          confirmLabel="Cancel deployment"
          tone="danger"
          onConfirm={() => cancel.mutateAsync()}
        />
      )}
    </>
  );
}

/** The parent (and its ancestors) and the retries and rollbacks made of this deployment. */
function Lineage({ deployment: d }: { deployment: Deployment }) {
  const api = useApi();
  const ancestors = useQuery({
    queryKey: ['deployment-ancestors', d.id, d.parentId],
    enabled: d.parentId != null,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const chain: Deployment[] = [];
      let next = d.parentId;
      while (next && chain.length < MAX_ANCESTORS) {
        const parent = await api.get<Deployment>(`/api/v1/deployments/${next}`, undefined, signal);
        chain.push(parent);
        next = parent.parentId;
      }
      return { chain, more: next != null };
    },
  });
  const childIds = (d.children ?? []).slice(-MAX_CHILDREN);
  const children = useQuery({
    queryKey: ['deployment-children', d.id, childIds],
    enabled: childIds.length > 0,
    queryFn: ({ signal }) => Promise.all(childIds.map((c) => api.get<Deployment>(`/api/v1/deployments/${c}`, undefined, signal))),
  });
  return (
    <Card title="Lineage">
      {d.parentId == null && childIds.length === 0 && (
        <p className="text-sm text-slate-500">A first deployment: no retry or rollback made it or was made of it.</p>
      )}
      {d.parentId != null && (
        <div className="text-sm">
          <p className="text-slate-600">
            {d.action === 'retry' ? 'Retry of' : d.action === 'rollback' ? 'Rollback to' : 'Made from'}{' '}
            <Link className="font-medium text-indigo-600 hover:underline" to={`/deployments/${d.parentId}`}>Parent deployment</Link>
          </p>
          {ancestors.error != null && <p className="mt-1 text-xs text-slate-500">Its ancestors could not be loaded.</p>}
          {ancestors.data && (
            <ol aria-label="Ancestors" className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3">
              {ancestors.data.chain.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2">
                  <Link className="font-mono text-xs text-indigo-600 hover:underline" to={`/deployments/${a.id}`} aria-label={`Deployment ${shortSha(a.id)}`}>{shortSha(a.id)}</Link>
                  <StatusBadge status={a.status} />
                  <span className="text-xs text-slate-500">{a.action} · {formatRelative(a.createdAt)}</span>
                </li>
              ))}
              {ancestors.data.more && <li className="text-xs text-slate-500">and older ones</li>}
            </ol>
          )}
        </div>
      )}
      {childIds.length > 0 && (
        <div className={`text-sm ${d.parentId != null ? 'mt-4' : ''}`}>
          <p className="text-slate-600">Retries and rollbacks of it</p>
          {children.isLoading && <Spinner label="Loading" />}
          {children.data && (
            <ul aria-label="Retries and rollbacks" className="mt-2 space-y-1">
              {children.data.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2">
                  <Link className="font-mono text-xs text-indigo-600 hover:underline" to={`/deployments/${c.id}`} aria-label={`${capitalize(c.action)} ${shortSha(c.id)}`}>{shortSha(c.id)}</Link>
                  <StatusBadge status={c.status} />
                  <span className="text-xs text-slate-500">{c.action} · {formatRelative(c.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
