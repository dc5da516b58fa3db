import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole, type Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Button, LinkButton } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField, TextField } from '../../ui/Field';
import { formatDateTime, shortSha } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { BuildConfigFields, buildValues, changedOverrides, type BuildValues } from './BuildConfigFields';
import { isBuildFieldProblem } from './hooks';
import { BUILD_KEYS, type Analysis, type Project, type Repository } from './types';

/** `/projects/new?repositoryId=`: a project from an analyzed repository, its detected build configuration editable. */
export function NewProjectPage() {
  const api = useApi();
  const org = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  const repositoryId = params.get('repositoryId');
  const repositories = useQuery({
    queryKey: ['repositories', org.id, 'picker'],
    queryFn: ({ signal }) => api.get<Page<Repository>>('/api/v1/repositories', { organizationId: org.id, size: 100 }, signal),
  });

  if (!hasRole(org.role, 'developer')) {
    return (
      <div>
        <PageHeader title="Create project" />
        <EmptyState title="You cannot create projects" action={<LinkButton to="/projects" variant="secondary">Back to projects</LinkButton>}>
          Viewers see projects; a developer, admin or owner of {org.name} creates them.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="max-w-3xl">
      <PageHeader title="Create project" description="Deploy an analyzed repository: check what was detected, change what you need." />
      {repositories.isLoading && <Spinner label="Loading repositories" />}
      {repositories.error && <ProblemAlert error={repositories.error} title="The repositories could not be loaded" />}
      {repositories.data && repositories.data.content.length === 0 && (
        <EmptyState title="No repositories yet" action={<LinkButton to="/repositories/new">Add repository</LinkButton>}>
          A project deploys one of the organization's repositories: add and analyze one first.
        </EmptyState>
      )}
      {repositories.data && repositories.data.content.length > 0 && (
        <div className="space-y-6">
          <Card>
            <SelectField
              label="Repository"
              value={repositoryId ?? ''}
              onChange={(event) => setParams(event.target.value ? { repositoryId: event.target.value } : {}, { replace: true })}
            >
              <option value="">Choose a repository…</option>
              {repositories.data.content.map((r) => <option key={r.id} value={r.id}>{r.fullName} ({r.url})</option>)}
            </SelectField>
          </Card>
          {repositoryId && (
            <ProjectForm
              key={repositoryId}
              repository={repositories.data.content.find((r) => r.id === repositoryId)}
              repositoryId={repositoryId}
            />
          )}
        </div>
      )}
    </div>
  );
}

function ProjectForm({ repository, repositoryId }: { repository: Repository | undefined; repositoryId: string }) {
  const api = useApi();
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const analysis = useQuery({
    queryKey: ['repository', repositoryId, 'analysis'],
    queryFn: ({ signal }) => api.get<Analysis>(`/api/v1/repositories/${repositoryId}/analysis`, undefined, signal),
    retry: false,
    refetchInterval: (query) => (['queued', 'running'].includes(query.state.data?.status ?? '') ? 2000 : false),
  });
  const [name, setName] = useState(repository?.fullName.split('/').pop() ?? '');
  const [productionBranch, setProductionBranch] = useState(repository?.defaultBranch ?? '');
  const [build, setBuild] = useState<BuildValues>(buildValues(null));
  const detected = analysis.data?.buildConfiguration ?? null;
  useEffect(() => {
    if (analysis.data) setBuild(buildValues(analysis.data.buildConfiguration));
  }, [analysis.data]);

  const create = useMutation({
    mutationFn: () => {
      const overrides = changedOverrides(build, detected);
      return api.post<Project>('/api/v1/projects', {
        organizationId: org.id,
        repositoryId,
        // Empty: the server names the project after the repository.
        name: name.trim() || undefined,
        productionBranch: productionBranch.trim() || undefined,
        buildConfiguration: Object.keys(overrides).length > 0 ? overrides : undefined,
      });
    },
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: ['projects', org.id] });
      queryClient.setQueryData(['project', project.id], project);
      navigate(`/projects/${project.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.error;
  const notAnalyzed = isApiError(analysis.error) && analysis.error.status === 404;
  const explanation = isApiError(error)
    ? error.code === 'repository-not-analyzed'
      ? 'The repository has not been analyzed successfully yet. Open it, run an analysis and come back.'
      : error.code === 'project-slug-taken'
        ? 'Another project of the organization has this name already: choose another one.'
        : undefined
    : undefined;

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <Card title="Latest analysis">
        {analysis.isLoading && <Spinner label="Loading the analysis" />}
        {notAnalyzed && (
          <p className="text-sm text-amber-800">
            This repository has no analysis yet, so nothing was detected. <Link className="text-indigo-700 underline" to={`/repositories/${repositoryId}`}>Analyze it</Link> first: a project needs one.
          </p>
        )}
        {analysis.error && !notAnalyzed && <ProblemAlert error={analysis.error} title="The analysis could not be loaded" />}
        {analysis.data && (
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <div><dt className="text-slate-500">Framework</dt><dd className="font-medium">{analysis.data.framework?.name ?? 'Not recognised'}</dd></div>
            <div><dt className="text-slate-500">Status</dt><dd>{analysis.data.status}{analysis.data.finishedAt ? ` · ${formatDateTime(analysis.data.finishedAt)}` : ''}</dd></div>
            <div><dt className="text-slate-500">Commit</dt><dd className="font-mono">{analysis.data.branch ?? '—'} @ {shortSha(analysis.data.commit)}</dd></div>
          </dl>
        )}
      </Card>
      <Card title="Project">
        <div className="space-y-3">
          <TextField label="Project name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100}
            error={isApiError(error) ? error.fieldError('name') : undefined} />
          <TextField label="Production branch" value={productionBranch} onChange={(e) => setProductionBranch(e.target.value)}
            hint="Deployed to production; the repository's default branch when empty."
            error={isApiError(error) ? error.fieldError('productionBranch') : undefined} />
        </div>
      </Card>
      <Card>
        <BuildConfigFields values={build} detected={detected} onChange={setBuild} error={error} />
      </Card>
      {error != null && !isBuildFieldProblem(error, BUILD_KEYS.map((k) => k.key)) && (
        <div className="space-y-2">
          <ProblemAlert error={error} title="The project was not created" />
          {explanation && <p className="text-sm text-slate-600">{explanation}</p>}
        </div>
      )}
      <div className="flex justify-end gap-2">
        <LinkButton to="/projects" variant="secondary">Cancel</LinkButton>
        <Button type="submit" busy={create.isPending}>Create project</Button>
      </div>
    </form>
  );
}
