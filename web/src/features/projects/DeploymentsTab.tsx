import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';
import { StatusBadge } from '../../ui/Badge';
import { LinkButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime, formatRelative, shortSha } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import type { Deployment, Project } from './types';
import { DataTable } from '../../ui/Table';

/** The project's deployments, newest first, each linking to its page. */
export function DeploymentsTab({ project }: { project: Project }) {
  const api = useApi();
  const [pageNumber, setPageNumber] = useState(0);
  const deployments = useQuery({
    queryKey: ['deployments', 'project', project.id, pageNumber],
    queryFn: ({ signal }) => api.get<Page<Deployment>>(`/api/v1/projects/${project.id}/deployments`, { page: pageNumber, size: 20, sort: 'createdAt,desc' }, signal),
    refetchInterval: (query) => (query.state.data?.content.some((d) => ['awaiting_approval', 'queued', 'building', 'deploying'].includes(d.status)) ? 3000 : false),
  });
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Link to={`/deployments?projectId=${project.id}`} className="text-sm font-medium text-indigo-700 hover:underline">All deployments</Link>
      </div>
      {deployments.isLoading && <Spinner label="Loading deployments" />}
      {deployments.error && <ProblemAlert error={deployments.error} title="The deployments could not be loaded" />}
      {deployments.data && deployments.data.content.length === 0 && (
        <EmptyState title="No deployments yet" action={<LinkButton to={`/projects/${project.id}`} variant="secondary">Back to the overview</LinkButton>}>
          Use “Deploy” above to deploy the project for the first time.
        </EmptyState>
      )}
      {deployments.data && deployments.data.content.length > 0 && (
        <>
          <DataTable columns={['Status', 'Action', 'Commit', 'Environment', 'When']}>
            {deployments.data.content.map((d) => (
              <tr key={d.id}>
                <td className="whitespace-nowrap px-4 py-3"><StatusBadge status={d.status} /></td>
                <td className="px-4 py-3">
                  <Link to={`/deployments/${d.id}`} className="font-medium text-indigo-700 hover:underline">{d.action}</Link>
                </td>
                <td className="px-4 py-3">
                  <span className="font-mono text-xs">{shortSha(d.commitSha)}</span>
                  {d.commitMessage && <span className="ml-2 text-slate-600">{d.commitMessage.split('\n')[0]}</span>}
                  {d.branch && <div className="text-xs text-slate-500">{d.branch}</div>}
                </td>
                <td className="px-4 py-3">{d.environment}</td>
                <td className="whitespace-nowrap px-4 py-3" title={formatDateTime(d.createdAt)}>{formatRelative(d.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={deployments.data.page} onChange={setPageNumber} />
        </>
      )}
    </div>
  );
}
