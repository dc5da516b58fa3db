import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { hasRole, type Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { StatusBadge } from '../../ui/Badge';
import { LinkButton } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { formatRelative } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import type { Deployment, Project, Repository } from './types';
import { DataTable } from '../../ui/Table';

/** `/projects`: the organization's projects with their production URL and latest deployment. */
export function ProjectsPage() {
  const api = useApi();
  const org = useCurrentOrg();
  const [pageNumber, setPageNumber] = useState(0);
  const canCreate = hasRole(org.role, 'developer');
  const projects = useQuery({
    queryKey: ['projects', org.id, pageNumber],
    queryFn: ({ signal }) => api.get<Page<Project>>('/api/v1/projects', { organizationId: org.id, page: pageNumber, size: 20 }, signal),
  });
  const empty = projects.data?.content.length === 0;
  const repositories = useQuery({
    queryKey: ['repositories', org.id, 'any'],
    queryFn: ({ signal }) => api.get<Page<Repository>>('/api/v1/repositories', { organizationId: org.id, size: 1 }, signal),
    enabled: empty && canCreate,
  });
  const hasRepository = (repositories.data?.page.totalElements ?? 0) > 0;
  const createTarget = empty && repositories.data && !hasRepository ? '/repositories' : '/projects/new';

  return (
    <div>
      <PageHeader
        title="Projects"
        description={`What ${org.name} deploys: one project per app of a repository.`}
        actions={canCreate && !empty ? <LinkButton to="/projects/new">Create project</LinkButton> : undefined}
      />
      {projects.isLoading && <Spinner label="Loading projects" />}
      {projects.error && <ProblemAlert error={projects.error} title="The projects could not be loaded" />}
      {empty && (
        <EmptyState
          title="No projects yet"
          action={canCreate ? <LinkButton to={createTarget}>Create project</LinkButton> : undefined}
        >
          {canCreate
            ? repositories.data && !hasRepository
              ? 'A project deploys an analyzed repository: add a repository first.'
              : 'Create a project from one of your analyzed repositories.'
            : 'A developer of the organization can create the first one.'}
        </EmptyState>
      )}
      {projects.data && projects.data.content.length > 0 && (
        <>
          <DataTable columns={['Project', 'Repository', 'Production', 'Latest deployment']}>
            {projects.data.content.map((project) => <ProjectRow key={project.id} project={project} />)}
          </DataTable>
          <Pagination page={projects.data.page} onChange={setPageNumber} />
        </>
      )}
    </div>
  );
}

function ProjectRow({ project }: { project: Project }) {
  const api = useApi();
  const latest = useQuery({
    queryKey: ['deployments', 'project', project.id, 'latest'],
    queryFn: ({ signal }) => api.get<Page<Deployment>>(`/api/v1/projects/${project.id}/deployments`, { size: 1, sort: 'createdAt,desc' }, signal),
  });
  const production = project.environments.find((e) => e.kind === 'production');
  const deployment = latest.data?.content[0];
  return (
    <tr>
      <td className="px-4 py-3">
        <Link to={`/projects/${project.id}`} className="whitespace-nowrap font-medium text-indigo-700 hover:underline">{project.name}</Link>
        {project.framework && <div className="text-xs text-slate-500">{project.framework}</div>}
      </td>
      <td className="max-w-64 truncate px-4 py-3 font-mono text-xs text-slate-600" title={project.repository.url}>{project.repository.url}</td>
      <td className="px-4 py-3">
        {production?.url
          ? <a href={production.url} className="text-indigo-700 hover:underline" target="_blank" rel="noreferrer">{production.url}</a>
          : <span className="text-slate-500">Not deployed</span>}
      </td>
      <td className="whitespace-nowrap px-4 py-3">
        {latest.isLoading && <span className="text-slate-400">…</span>}
        {latest.error && <span className="text-red-700">Unavailable</span>}
        {latest.data && !deployment && <span className="text-slate-500">None yet</span>}
        {deployment && (
          <Link to={`/deployments/${deployment.id}`} className="inline-flex items-center gap-2 hover:underline">
            <StatusBadge status={deployment.status} />
            <span className="text-xs text-slate-500">{deployment.environment} · {formatRelative(deployment.createdAt)}</span>
          </Link>
        )}
      </td>
    </tr>
  );
}
