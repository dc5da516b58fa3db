import { Link } from 'react-router';
import { StatusBadge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { formatRelative, shortSha } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useDeployment } from './hooks';
import { BUILD_KEYS, type Environment, type Project } from './types';

/** The project at a glance: repository, framework, build configuration, what each environment serves. */
export function OverviewTab({ project }: { project: Project }) {
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Repository">
          <dl className="space-y-2 text-sm">
            <div><dt className="text-slate-500">URL</dt><dd className="break-all font-mono text-xs">{project.repository.url}</dd></div>
            <div><dt className="text-slate-500">Production branch</dt><dd>{project.productionBranch ?? '—'}</dd></div>
            <div><dt className="text-slate-500">Root directory</dt><dd className="font-mono text-xs">{project.rootDirectory || '/'}</dd></div>
            <div><dt className="text-slate-500">Framework</dt><dd>{project.framework ?? 'Not recognised'}</dd></div>
            {project.latestAnalysis && (
              <div><dt className="text-slate-500">Analyzed</dt><dd>{project.latestAnalysis.branch ?? '—'} @ <span className="font-mono">{shortSha(project.latestAnalysis.commitSha)}</span>, {formatRelative(project.latestAnalysis.analyzedAt)}</dd></div>
            )}
          </dl>
        </Card>
        <Card title="Build configuration">
          <dl className="space-y-2 text-sm">
            {BUILD_KEYS.map(({ key, label }) => (
              <div key={key}>
                <dt className="text-slate-500">{label}{project.buildOverrides[key] !== undefined && <span className="ml-2 text-xs text-indigo-700">(overridden)</span>}</dt>
                <dd className="break-all font-mono text-xs">{project.buildConfiguration[key] ?? 'none'}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
      <Card title="Environments">
        <ul className="divide-y divide-slate-100">
          {project.environments.map((environment) => <EnvironmentStatus key={environment.id} environment={environment} />)}
        </ul>
      </Card>
    </div>
  );
}

function EnvironmentStatus({ environment }: { environment: Environment }) {
  const deployment = useDeployment(environment.currentDeploymentId);
  const d = deployment.data;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">{environment.name} <span className="text-xs font-normal text-slate-500">{environment.kind} · {environment.target}</span></p>
        {environment.url
          ? <a href={environment.url} target="_blank" rel="noreferrer" className="break-all text-indigo-700 hover:underline">{environment.url}</a>
          : <p className="text-slate-500">No URL yet</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {!environment.currentDeploymentId && <span className="text-slate-500">Nothing deployed</span>}
        {deployment.isLoading && <span className="text-slate-400">Loading…</span>}
        {deployment.error && <ProblemAlert error={deployment.error} title="The current deployment could not be loaded" />}
        {d && (
          <Link to={`/deployments/${d.id}`} className="inline-flex flex-wrap items-center gap-2 hover:underline" aria-label={`Current deployment of ${environment.name}: ${d.status}, commit ${shortSha(d.commitSha)}`}>
            <StatusBadge status={d.status} />
            <span className="font-mono text-xs">{shortSha(d.commitSha)}</span>
            <span className="text-xs text-slate-500">{formatRelative(d.finishedAt ?? d.createdAt)}</span>
          </Link>
        )}
      </div>
    </li>
  );
}
