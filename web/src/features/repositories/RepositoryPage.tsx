import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { Button, LinkButton } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, formatDuration, shortSha } from '../../ui/format';
import { AnalysisReport } from './AnalysisReport';
import {
  inFlight, repositoryPath, useAnalysisHistory, useLatestCompletedAnalysis, useNewestAnalysis, useRepository, type Analysis,
} from './api';
import { AnalysisStatusBadge } from './components';
import type { AddedState } from './NewRepositoryPage';
import { DataTable } from '../../ui/Table';

export function analysisDuration(analysis: Analysis): string {
  if (!analysis.startedAt || !analysis.completedAt) return '—';
  return formatDuration(new Date(analysis.completedAt).getTime() - new Date(analysis.startedAt).getTime());
}

/** A queued or running analysis: what it is waiting for, announced politely as it changes. */
export function AnalysisProgress({ analysis }: { analysis: Analysis }) {
  return (
    <div role="status" aria-live="polite" className="flex items-start gap-3 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900">
      <span className="mt-0.5 size-4 shrink-0 animate-spin rounded-full border-2 border-sky-600 border-r-transparent" aria-hidden="true" />
      <div>
        <p className="font-medium">{analysis.status === 'running' ? 'Analyzing the repository…' : 'Analysis queued…'}</p>
        <p className="mt-0.5 text-sky-800">
          Commit <span className="font-mono">{shortSha(analysis.commit)}</span>{analysis.branch ? <> of <span className="font-mono">{analysis.branch}</span></> : null}.
          This page updates by itself when it is done.
        </p>
      </div>
    </div>
  );
}

export function AnalysisFailure({ analysis }: { analysis: Analysis }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">The analysis of commit <span className="font-mono">{shortSha(analysis.commit)}</span> failed</p>
      <p>{analysis.failureReason ?? 'No reason was given.'}</p>
    </div>
  );
}

/** `/repositories/:id`: the repository, its latest analysis (followed while it runs) and the history. */
export function RepositoryPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const org = useCurrentOrg();
  const location = useLocation();
  const queryClient = useQueryClient();
  const added = (location.state ?? {}) as AddedState;
  const canAnalyze = hasRole(org.role, 'developer');

  const repository = useRepository(id);
  const latest = useLatestCompletedAnalysis(id);
  const newest = useNewestAnalysis(id);

  // When the analysis being followed ends, what depends on it is read again.
  const previous = useRef<string | undefined>(undefined);
  const status = newest.data?.status;
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if ((was === 'queued' || was === 'running') && status !== was && !inFlight(newest.data)) {
      void queryClient.invalidateQueries({ queryKey: ['analysis', id] });
      void queryClient.invalidateQueries({ queryKey: ['analyses', id, 'history'] });
      void queryClient.invalidateQueries({ queryKey: ['repository', id] });
      void queryClient.invalidateQueries({ queryKey: ['repositories', org.id] });
    }
  }, [status, newest.data, id, org.id, queryClient]);

  const analyze = useMutation({
    mutationFn: (force: boolean) => api.post<Analysis>(`${repositoryPath(id)}/analyze`, force ? { force: true } : {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['analyses', id] });
      await queryClient.invalidateQueries({ queryKey: ['analysis', id] });
    },
  });

  if (repository.isLoading) return <Spinner label="Loading the repository" />;
  if (repository.error || !repository.data) {
    return (
      <div className="space-y-4">
        <ProblemAlert error={repository.error} title="The repository could not be loaded" />
        <Link to="/repositories" className="text-sm font-medium text-indigo-700 hover:underline">Back to the repositories</Link>
      </div>
    );
  }
  const repo = repository.data;
  const running = newest.data && inFlight(newest.data) ? newest.data : null;
  const failed = newest.data?.status === 'failed' ? newest.data : null;
  const completed = latest.data ?? null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={repo.fullName}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="break-all font-mono text-xs">{repo.url}</span>
            <span>Branch <span className="font-mono">{repo.defaultBranch}</span></span>
            <span>{repo.provider === 'github' ? 'GitHub' : 'Git URL'}{repo.private ? ' · private' : ''}</span>
            <span>Added {formatDateTime(repo.createdAt)}</span>
          </span>
        }
        actions={
          <>
            {canAnalyze && (
              <Button variant="secondary" busy={analyze.isPending} disabled={running !== null} onClick={() => analyze.mutate(true)}>
                Analyze again
              </Button>
            )}
            {canAnalyze && completed && (
              <LinkButton to={`/projects/new?repositoryId=${encodeURIComponent(repo.id)}`}>Create project</LinkButton>
            )}
          </>
        }
      />
      <nav aria-label="Breadcrumb" className="-mt-4 text-sm">
        <Link to="/repositories" className="text-indigo-700 hover:underline">← All repositories</Link>
      </nav>

      {added.analysisError && !newest.data && (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          The repository was added, but its analysis could not be started: {added.analysisError}
        </div>
      )}
      {analyze.error != null && <ProblemAlert error={analyze.error} title="The analysis could not be started" />}
      {newest.error != null && <ProblemAlert error={newest.error} title="The analyses could not be loaded" />}
      {latest.error != null && <ProblemAlert error={latest.error} title="The latest analysis could not be loaded" />}

      {running && <AnalysisProgress analysis={running} />}
      {failed && <AnalysisFailure analysis={failed} />}

      {(latest.isLoading || newest.isLoading) ? (
        <Spinner label="Loading the analysis" />
      ) : completed ? (
        <section aria-labelledby="latest-analysis" className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <h2 id="latest-analysis" className="text-lg font-semibold text-slate-900">Latest analysis</h2>
            <AnalysisStatusBadge status={completed.status} />
            <span>
              Commit <span className="font-mono">{shortSha(completed.commit)}</span>
              {completed.branch ? <> on <span className="font-mono">{completed.branch}</span></> : null}, {formatDateTime(completed.completedAt)}
            </span>
          </div>
          {(running || failed) && (
            <p className="text-sm text-slate-500">Shown until a newer analysis completes.</p>
          )}
          <AnalysisReport key={completed.id} analysis={completed} />
        </section>
      ) : !running && !failed && !latest.error && !newest.error ? (
        <EmptyState
          title="Not analyzed yet"
          action={canAnalyze ? <Button busy={analyze.isPending} onClick={() => analyze.mutate(false)}>Analyze now</Button> : undefined}
        >
          An analysis finds the framework, the commands and the environment variables of the repository’s default branch.
        </EmptyState>
      ) : null}

      <AnalysisHistory repositoryId={repo.id} />
    </div>
  );
}

function AnalysisHistory({ repositoryId }: { repositoryId: string }) {
  const [pageNumber, setPageNumber] = useState(0);
  const history = useAnalysisHistory(repositoryId, pageNumber);
  return (
    <Card title="Analysis history">
      {history.isLoading && <Spinner label="Loading the history" />}
      {history.error != null && <ProblemAlert error={history.error} title="The history could not be loaded" />}
      {history.data && history.data.content.length === 0 && <p className="text-sm text-slate-500">No analysis has been asked for yet.</p>}
      {history.data && history.data.content.length > 0 && (
        <>
          <DataTable caption="Analyses of this repository, newest first" columns={['Requested', 'Status', 'Commit', 'Framework', 'Took', { label: 'Details', srOnly: true, className: 'py-2' }]} bare headClassName="py-2 pr-4">
            {history.data.content.map((analysis) => (
              <tr key={analysis.id}>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-700">{formatDateTime(analysis.createdAt)}</td>
                <td className="py-2 pr-4"><AnalysisStatusBadge status={analysis.status} /></td>
                <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs text-slate-700">
                  {shortSha(analysis.commit)}{analysis.branch ? <span className="text-slate-400"> · {analysis.branch}</span> : null}
                </td>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-700">
                  {analysis.framework ? `${analysis.framework.name}${analysis.framework.version ? ` ${analysis.framework.version}` : ''}` : '—'}
                  {analysis.monorepo ? <span className="ml-2"><Badge>monorepo</Badge></span> : null}
                </td>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-700">{analysisDuration(analysis)}</td>
                <td className="whitespace-nowrap py-2 text-right">
                  <Link to={`/repositories/${repositoryId}/analyses/${analysis.id}`} className="font-medium text-indigo-700 hover:underline"
                    aria-label={`Open the analysis of ${formatDateTime(analysis.createdAt)}`}>
                    Open
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={history.data.page} onChange={setPageNumber} />
        </>
      )}
    </Card>
  );
}
