import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { StatusBadge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField, TextField } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, formatDuration, formatRelative, shortSha } from '../../ui/format';
import { triggeredByName, useMembers, useOrgProjects } from './queries';
import { DEPLOYMENT_ACTIONS, DEPLOYMENT_STATUSES, isInProgress, statusLabel, type Deployment } from './types';
import { DataTable } from '../../ui/Table';

const FILTERS = ['projectId', 'environment', 'status', 'action', 'repo'] as const;
const PAGE_SIZE = 20;

/** `/deployments`: the organization's deployments, newest first, filtered by the query parameters. */
export function DeploymentsPage() {
  const api = useApi();
  const org = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const pageNumber = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const filtered = FILTERS.some((f) => filters[f] !== '');

  const projects = useOrgProjects(org.id);
  const members = useMembers(org.id);
  const deployments = useQuery({
    queryKey: ['deployments', org.id, filters, pageNumber],
    queryFn: ({ signal }) => api.get<Page<Deployment>>('/api/v1/deployments', {
      organizationId: org.id, ...filters, page: pageNumber, size: PAGE_SIZE,
    }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.content.some((d) => isInProgress(d.status)) ? 5000 : false),
  });

  const environments = useMemo(() => {
    const all = projects.data?.content ?? [];
    const chosen = filters.projectId ? all.filter((p) => p.id === filters.projectId) : all;
    const names = new Set(chosen.flatMap((p) => (p.environments ?? []).map((e) => e.name)));
    if (filters.environment) names.add(filters.environment);
    return [...names].sort();
  }, [projects.data, filters.projectId, filters.environment]);

  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value); else next.delete(name);
    if (name === 'projectId') next.delete('environment');
    next.delete('page');
    setParams(next);
  };
  const setPage = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('page', String(n)); else next.delete('page');
    setParams(next);
  };
  const clear = () => setParams(new URLSearchParams());
  const [repo, setRepo] = useState(filters.repo);
  useEffect(() => setRepo(filters.repo), [filters.repo]);
  const applyRepo = () => { if (repo.trim() !== filters.repo) setFilter('repo', repo.trim()); };

  return (
    <div>
      <PageHeader title="Deployments" description={`Every deployment of ${org.name}, newest first.`} />
      <form role="search" aria-label="Filter deployments" className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6" onSubmit={(e) => { e.preventDefault(); applyRepo(); }}>
        <SelectField label="Project" value={filters.projectId} onChange={(e) => setFilter('projectId', e.target.value)}>
          <option value="">All projects</option>
          {(projects.data?.content ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </SelectField>
        <SelectField label="Environment" value={filters.environment} onChange={(e) => setFilter('environment', e.target.value)}>
          <option value="">All environments</option>
          {environments.map((name) => <option key={name} value={name}>{name}</option>)}
        </SelectField>
        <SelectField label="Status" value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">Any status</option>
          {DEPLOYMENT_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </SelectField>
        <SelectField label="Action" value={filters.action} onChange={(e) => setFilter('action', e.target.value)}>
          <option value="">Any action</option>
          {DEPLOYMENT_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
        </SelectField>
        <TextField label="Repository" value={repo} onChange={(e) => setRepo(e.target.value)} onBlur={applyRepo} placeholder="name, URL or id" hint="Enter to apply" />
        <div className="flex items-start pt-6">
          <Button variant="ghost" onClick={clear} disabled={!filtered}>Clear filters</Button>
        </div>
      </form>
      {projects.error != null && <div className="mb-4"><ProblemAlert error={projects.error} title="The projects could not be loaded" /></div>}

      {deployments.isLoading ? (
        <Spinner label="Loading deployments" />
      ) : deployments.error != null ? (
        <ProblemAlert error={deployments.error} title="The deployments could not be loaded" />
      ) : deployments.data && deployments.data.content.length === 0 ? (
        filtered ? (
          <EmptyState title="No deployment matches these filters" action={<Button variant="secondary" onClick={clear}>Clear filters</Button>}>
            Try another project, environment or status.
          </EmptyState>
        ) : (
          <EmptyState title="No deployments yet" action={<Link className="text-sm font-medium text-indigo-600 hover:underline" to="/projects">Go to your projects</Link>}>
            Deploy a project and its deployments appear here.
          </EmptyState>
        )
      ) : deployments.data ? (
        <>
          <DataTable caption="Deployments" columns={['Status', 'Project', 'Environment', 'Action', 'Commit', 'Branch', 'Triggered', 'Duration']} headClassName="px-3 py-2">
            {deployments.data.content.map((d) => (
              <tr key={d.id} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-3 py-2">
                  <Link to={`/deployments/${d.id}`} className="inline-flex rounded focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label={`Deployment ${shortSha(d.id)}: ${d.status}`}>
                    <StatusBadge status={d.status} />
                  </Link>
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-medium text-slate-900">
                  <Link to={`/deployments/${d.id}`} className="hover:text-indigo-600 hover:underline">{d.project.name ?? 'Deleted project'}</Link>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{d.environment}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{d.action}</td>
                <td className="max-w-xs px-3 py-2 text-slate-700">
                  <span className="font-mono text-xs">{shortSha(d.commitSha)}</span>
                  {d.commitMessage && <span className="ml-2 block truncate text-slate-500 sm:inline" title={d.commitMessage}>{firstLine(d.commitMessage)}</span>}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{d.branch ?? '—'}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {triggeredByName(d.triggeredBy, members.data)}{' '}
                  <time dateTime={d.createdAt} title={formatDateTime(d.createdAt)} className="text-slate-500">{formatRelative(d.createdAt)}</time>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{d.duration == null ? '—' : formatDuration(d.duration * 1000)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={deployments.data.page} onChange={setPage} />
        </>
      ) : null}
    </div>
  );
}

export function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
