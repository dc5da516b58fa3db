import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { hasRole, type Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { Button, LinkButton } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../../ui/format';
import { repositoryPath, type Repository } from './api';
import { DataTable } from '../../ui/Table';

/** `/repositories`: the organization's repositories, newest analysis a click away. */
export function RepositoriesPage() {
  const api = useApi();
  const org = useCurrentOrg();
  const queryClient = useQueryClient();
  const [pageNumber, setPageNumber] = useState(0);
  const canAdd = hasRole(org.role, 'developer');
  const canDelete = hasRole(org.role, 'admin');

  const repositories = useQuery({
    queryKey: ['repositories', org.id, pageNumber],
    queryFn: ({ signal }) =>
      api.get<Page<Repository>>('/api/v1/repositories', { organizationId: org.id, page: pageNumber, size: 20, sort: 'fullName' }, signal),
  });

  const remove = useMutation({
    mutationFn: (id: string) => api.delete(repositoryPath(id)),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: ['repository', id] });
      return queryClient.invalidateQueries({ queryKey: ['repositories', org.id] });
    },
  });

  const addLink = <LinkButton to="/repositories/new">Add repository</LinkButton>;
  const data = repositories.data;

  return (
    <div>
      <PageHeader
        title="Repositories"
        description={`Git repositories of ${org.name}, analyzed to find out how to build and run them.`}
        actions={canAdd && data && data.content.length > 0 ? addLink : undefined}
      />
      {repositories.isLoading && <Spinner label="Loading repositories" />}
      {repositories.error && <ProblemAlert error={repositories.error} title="The repositories could not be loaded" />}
      {data && data.content.length === 0 && pageNumber === 0 && (
        <EmptyState title="No repositories yet" action={canAdd ? addLink : undefined}>
          {canAdd
            ? 'Add a repository by its Git URL or pick one from GitHub; AutoDeploy analyzes it and suggests how to deploy it.'
            : 'Developers and admins of the organization can add repositories.'}
        </EmptyState>
      )}
      {data && data.content.length > 0 && (
        <>
          <DataTable columns={['Repository', 'Default branch', 'Provider', 'Language', 'Added', canDelete && { label: 'Actions', srOnly: true }]} headClassName="px-4 py-3">
            {data.content.map((repository) => (
              <tr key={repository.id}>
                <td className="max-w-md px-4 py-3">
                  <Link to={`/repositories/${repository.id}`} className="font-medium text-indigo-700 hover:underline">{repository.fullName}</Link>
                  {repository.private && <span className="ml-2"><Badge>private</Badge></span>}
                  <p className="truncate font-mono text-xs text-slate-500" title={repository.url}>{repository.url}</p>
                </td>
                <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-700">{repository.defaultBranch}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{repository.provider === 'github' ? 'GitHub' : 'Git URL'}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{repository.language ?? <span className="text-slate-400">not analyzed</span>}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{formatDateTime(repository.createdAt)}</td>
                {canDelete && (
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <ConfirmDialog
                      trigger={<Button variant="ghost" aria-label={`Delete ${repository.fullName}`}>Delete</Button>}
                      title={`Delete ${repository.fullName}?`}
                      description="The repository and its analyses are removed from the organization. The Git repository itself is not touched."
                      confirmLabel="Delete repository"
                      tone="danger"
                      onConfirm={() => remove.mutateAsync(repository.id)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
          <Pagination page={data.page} onChange={setPageNumber} />
        </>
      )}
      {data && data.content.length === 0 && pageNumber > 0 && (
        <EmptyState title="Nothing on this page" action={<Button variant="secondary" onClick={() => setPageNumber(0)}>Back to the first page</Button>} />
      )}
    </div>
  );
}
