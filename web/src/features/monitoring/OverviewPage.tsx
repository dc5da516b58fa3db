import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import type { Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { StatusBadge } from '../../ui/Badge';
import { LinkButton } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { formatRelative } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { type Alert, type Deployment, type Dora, projectNames, useHealthChecks, useProjects } from './api';
import { DoraStats, Stat } from './parts';

// The gateway allows 1000 API calls an hour per user: a page left open refreshes once a minute, the
// deployments every 10 s only while one is in progress.
const REFRESH_MS = 60_000;
const LIVE_REFRESH_MS = 10_000;

/** `/`: the organization at a glance — projects, latest deployments, open alerts, health and delivery metrics. */
export function OverviewPage() {
  const org = useCurrentOrg();
  const api = useApi();
  const projects = useProjects(org.id, REFRESH_MS);
  const deployments = useQuery({
    queryKey: ['deployments', org.id, { size: 5 }],
    queryFn: ({ signal }) => api.get<Page<Deployment>>('/api/v1/deployments', { organizationId: org.id, size: 5 }, signal),
    refetchInterval: (query) => (query.state.data?.content.some((d) => ['awaiting_approval', 'queued', 'building', 'deploying'].includes(d.status)) ? LIVE_REFRESH_MS : REFRESH_MS),
  });
  const openAlerts = useQuery({
    queryKey: ['alerts', org.id, { status: 'open', size: 5 }],
    queryFn: ({ signal }) => api.get<Page<Alert>>('/api/v1/alerts', { organizationId: org.id, status: 'open', size: 5 }, signal),
    refetchInterval: REFRESH_MS,
  });
  const health = useHealthChecks(projects.data?.content, REFRESH_MS);

  if (projects.isLoading) return <><PageHeader title="Overview" /><Spinner label="Loading the overview" /></>;
  if (projects.error) return <><PageHeader title="Overview" /><ProblemAlert error={projects.error} title="The overview could not be loaded" /></>;

  const projectList = projects.data?.content ?? [];
  const projectCount = projects.data?.page.totalElements ?? 0;
  const latest = deployments.data?.content ?? [];
  const names = projectNames(projectList);
  // The most recent project: the one deployed last, else the newest one created.
  const recentProject = latest[0]?.project
    ?? [...projectList].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];

  if (projectCount === 0 && latest.length === 0 && !deployments.isLoading) {
    return (
      <>
        <PageHeader title="Overview" description={org.name} />
        <EmptyState title={`${org.name} has no projects yet`}
          action={<LinkButton to="/repositories/new">Add repository</LinkButton>}>
          Add a Git repository: AutoDeploy analyzes it, and you make a project of it to deploy.
        </EmptyState>
      </>
    );
  }

  const passing = health.checks.filter((c) => c.state === 'healthy').length;
  const failing = health.checks.filter((c) => c.state === 'unhealthy').length;
  const unknown = health.checks.length - passing - failing;

  return (
    <>
      <PageHeader title="Overview" description={org.name} />
      <dl className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat label="Projects" value={projectCount} detail={<Link to="/projects" className="text-indigo-700 hover:underline">All projects</Link>} />
        <Stat label="Open alerts"
          value={openAlerts.isLoading ? '…' : openAlerts.error ? '—' : (openAlerts.data?.page.totalElements ?? 0)}
          detail={<Link to="/monitoring/alerts" className="text-indigo-700 hover:underline">Alerts</Link>} />
        <Stat label="Health checks"
          value={health.isLoading ? '…' : `${passing} passing · ${failing} failing`}
          detail={<>{health.checks.length} live {health.checks.length === 1 ? 'deployment' : 'deployments'}{unknown > 0 ? `, ${unknown} not probed yet` : ''} · <Link to="/monitoring/health" className="text-indigo-700 hover:underline">Health</Link></>} />
      </dl>
      {health.error != null && <div className="mb-4"><ProblemAlert error={health.error} title="Health checks could not be loaded" /></div>}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Latest deployments" actions={<Link to="/deployments" className="text-sm text-indigo-700 hover:underline">All deployments</Link>}>
          {deployments.isLoading ? <Spinner label="Loading deployments" />
            : deployments.error ? <ProblemAlert error={deployments.error} title="Deployments could not be loaded" />
            : latest.length === 0 ? (
              <EmptyState title="No deployments yet" action={<LinkButton to="/projects" variant="secondary">Open a project to deploy it</LinkButton>} />
            ) : (
              <ul className="divide-y divide-slate-100">
                {latest.map((d) => (
                  <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                    <StatusBadge status={d.status} />
                    <Link to={`/deployments/${d.id}`} className="min-w-0 font-medium text-indigo-700 hover:underline">
                      {d.project.name} <span className="text-slate-500">· {d.environment}</span>
                    </Link>
                    <span className="ml-auto text-xs text-slate-500"><time dateTime={d.createdAt}>{formatRelative(d.createdAt)}</time></span>
                  </li>
                ))}
              </ul>
            )}
        </Card>

        <Card title="Open alerts" actions={<Link to="/monitoring/alerts" className="text-sm text-indigo-700 hover:underline">All alerts</Link>}>
          {openAlerts.isLoading ? <Spinner label="Loading alerts" />
            : openAlerts.error ? <ProblemAlert error={openAlerts.error} title="Alerts could not be loaded" />
            : (openAlerts.data?.content.length ?? 0) === 0 ? <p className="text-sm text-slate-500">No open alerts.</p>
            : (
              <ul className="divide-y divide-slate-100">
                {openAlerts.data!.content.map((a) => (
                  <li key={a.id} className="py-2 text-sm">
                    <p className="font-medium text-slate-900">{a.summary}</p>
                    <p className="text-xs text-slate-500">
                      {names.get(a.projectId) ?? 'Unknown project'}{a.environment ? ` · ${a.environment}` : ''} · opened <time dateTime={a.openedAt}>{formatRelative(a.openedAt)}</time>
                    </p>
                  </li>
                ))}
              </ul>
            )}
        </Card>
      </div>

      {recentProject && <DoraHeadline projectId={recentProject.id} projectName={recentProject.name} />}
    </>
  );
}

/** The DORA metrics of one project over 30 days (the API computes them per project). */
function DoraHeadline({ projectId, projectName }: { projectId: string; projectName: string }) {
  const api = useApi();
  const dora = useQuery({
    queryKey: ['metrics', 'dora', projectId, '30d', null],
    queryFn: ({ signal }) => api.get<Dora>('/api/v1/metrics/dora', { projectId, window: '30d' }, signal),
    refetchInterval: REFRESH_MS,
  });
  return (
    <div className="mt-6">
      <Card title={`Delivery metrics: ${projectName}, last 30 days`}
        actions={<Link to={`/monitoring/metrics?projectId=${projectId}`} className="text-sm text-indigo-700 hover:underline">All metrics</Link>}>
        {dora.isLoading ? <Spinner label="Loading delivery metrics" />
          : dora.error ? <ProblemAlert error={dora.error} title="Delivery metrics could not be loaded" />
          : dora.data && <DoraStats dora={dora.data} compact />}
      </Card>
    </div>
  );
}
