import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { useCurrentOrg } from '../../org/OrgProvider';
import { LinkButton } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { formatRelative } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { type HealthCheckDetail, projectNames, useHealthChecks, useProjects } from './api';
import { HealthBadge, MonitoringTabs, plural, tdClass } from './parts';
import { DataTable } from '../../ui/Table';

// once a minute: a request per project and per check each time, within the gateway's 1000 calls an hour
const REFRESH_MS = 60_000;

/** `/monitoring/health`: the health check of every live deployment of the organization's projects. */
export function HealthPage() {
  const org = useCurrentOrg();
  const api = useApi();
  const projects = useProjects(org.id);
  const health = useHealthChecks(projects.data?.content, REFRESH_MS);
  // The list gives the last probe's status code only; its response time comes with the newest probe result.
  const latest = useQueries({
    queries: health.checks.map((check) => ({
      queryKey: ['health-check', check.deploymentId, { size: 1 }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<HealthCheckDetail>(`/api/v1/health-checks/${check.deploymentId}`, { size: 1 }, signal),
      refetchInterval: REFRESH_MS,
    })),
  });
  const latency = new Map(health.checks.map((c, i) => [c.deploymentId, latest[i]?.data?.results.content[0]?.latencyMs]));
  const names = projectNames(projects.data?.content);

  let body;
  if (projects.isLoading || (health.isLoading && health.checks.length === 0)) body = <Spinner label="Loading health checks" />;
  else if (projects.error) body = <ProblemAlert error={projects.error} title="Projects could not be loaded" />;
  else if ((projects.data?.content.length ?? 0) === 0) {
    body = (
      <EmptyState title="No projects to watch yet" action={<LinkButton to="/repositories/new">Add repository</LinkButton>}>
        Health checks start when a deployment goes live.
      </EmptyState>
    );
  } else if (health.checks.length === 0 && !health.error) {
    body = (
      <EmptyState title="No live deployments" action={<LinkButton to="/projects">Deploy a project</LinkButton>}>
        Every environment's live deployment is probed once it is ready with a URL.
      </EmptyState>
    );
  } else {
    const failing = health.checks.filter((c) => c.state === 'unhealthy').length;
    const passing = health.checks.filter((c) => c.state === 'healthy').length;
    body = (
      <>
        {health.error != null && <div className="mb-4"><ProblemAlert error={health.error} title="Some health checks could not be loaded" /></div>}
        <p className="mb-3 text-sm text-slate-600">{plural(health.checks.length, 'health check')}: {passing} passing, {failing} failing, {health.checks.length - passing - failing} unknown.</p>
        <DataTable caption="Health checks" columns={['Project', 'Environment', 'URL', 'State', 'Last probe', 'Response time', 'Consecutive failures']} headClassName="whitespace-nowrap px-3 py-2">
          {health.checks.map((check) => (
            <tr key={check.deploymentId}>
              <td className={tdClass}>
                <Link to={`/monitoring/health/${check.deploymentId}`} className="font-medium text-indigo-700 hover:underline">
                  {names.get(check.projectId) ?? 'Unknown project'}
                </Link>
              </td>
              <td className={tdClass}>{check.environment}</td>
              <td className={tdClass}><a href={check.url} className="text-indigo-700 hover:underline" target="_blank" rel="noreferrer">{check.url}</a></td>
              <td className={tdClass}><HealthBadge state={check.state} />{!check.active && <span className="ml-2 text-xs text-slate-500">stopped</span>}</td>
              <td className={tdClass}>
                {check.lastCheckedAt ? <time dateTime={check.lastCheckedAt}>{formatRelative(check.lastCheckedAt)}</time> : 'not yet'}
                {check.lastStatusCode != null && <span className="ml-1 text-xs text-slate-500">HTTP {check.lastStatusCode}</span>}
              </td>
              <td className={tdClass}>{latency.get(check.deploymentId) != null ? `${latency.get(check.deploymentId)} ms` : '—'}</td>
              <td className={tdClass}>{check.consecutiveFailures}</td>
            </tr>
          ))}
        </DataTable>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Monitoring" description="Health of live deployments, alerts and delivery metrics" />
      <MonitoringTabs />
      <h2 className="mb-3 text-lg font-semibold text-slate-900">Health checks</h2>
      {body}
    </>
  );
}
