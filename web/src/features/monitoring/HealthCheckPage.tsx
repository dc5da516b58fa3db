import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../api/ApiProvider';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { useCurrentOrg } from '../../org/OrgProvider';
import { type HealthCheckDetail, type ProbeResult, useProjects } from './api';
import { HealthBadge, MonitoringTabs, plural, tdClass } from './parts';
import { DataTable } from '../../ui/Table';

const PAGE_SIZE = 50;

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function formatProbeTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** What the response-time chart shows, in words for those who cannot see it. */
export function probeSummary(results: ProbeResult[]): string {
  if (results.length === 0) return 'No probe results yet.';
  const latencies = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  const median = latencies[Math.floor((latencies.length - 1) / 2)];
  const failed = results.filter((r) => !r.healthy).length;
  const newest = results[0].checkedAt;
  const oldest = results[results.length - 1].checkedAt;
  return `${plural(results.length, 'probe')} from ${formatDateTime(oldest)} to ${formatDateTime(newest)}: `
    + `response time median ${median} ms, fastest ${latencies[0]} ms, slowest ${latencies[latencies.length - 1]} ms; `
    + `${failed} failed.`;
}

/** `/monitoring/health/:deploymentId`: one deployment's health check and its recent probes. */
export function HealthCheckPage() {
  const { deploymentId = '' } = useParams();
  const api = useApi();
  const org = useCurrentOrg();
  const projects = useProjects(org.id);
  const [pageNumber, setPageNumber] = useState(0);
  const detail = useQuery({
    queryKey: ['health-check', deploymentId, { page: pageNumber, size: PAGE_SIZE }],
    queryFn: ({ signal }) => api.get<HealthCheckDetail>(`/api/v1/health-checks/${deploymentId}`, { page: pageNumber, size: PAGE_SIZE }, signal),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });

  const projectName = projects.data?.content.find((p) => p.id === detail.data?.check.projectId)?.name;
  const header = (
    <>
      <PageHeader title={projectName ? `Health check: ${projectName}` : 'Health check'} description={<Link to="/monitoring/health" className="text-indigo-700 hover:underline">← All health checks</Link>} />
      <MonitoringTabs />
    </>
  );
  if (detail.isLoading) return <>{header}<Spinner label="Loading the health check" /></>;
  if (detail.error) return <>{header}<ProblemAlert error={detail.error} title="The health check could not be loaded" /></>;
  const { check, results } = detail.data!;
  const chronological = [...results.content].reverse().map((r) => ({ ...r, time: time(r.checkedAt) }));

  return (
    <>
      {header}
      <Card title={<>{check.environment} · <span className="font-normal">{check.url}</span></>}>
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div><dt className="text-slate-500">State</dt><dd className="mt-1"><HealthBadge state={check.state} /></dd></div>
          <div><dt className="text-slate-500">Last probe</dt><dd className="mt-1">{check.lastCheckedAt ? formatRelative(check.lastCheckedAt) : 'not yet'}{check.lastStatusCode != null && ` · HTTP ${check.lastStatusCode}`}</dd></div>
          <div><dt className="text-slate-500">Consecutive failures</dt><dd className="mt-1">{check.consecutiveFailures}</dd></div>
          <div><dt className="text-slate-500">Live since</dt><dd className="mt-1">{formatDateTime(check.liveSince)}</dd></div>
          {check.unhealthySince && <div><dt className="text-slate-500">Failing since</dt><dd className="mt-1">{formatDateTime(check.unhealthySince)}</dd></div>}
          {check.lastError && <div className="sm:col-span-2"><dt className="text-slate-500">Last error</dt><dd className="mt-1 break-words text-red-700">{check.lastError}</dd></div>}
          {!check.active && <div className="sm:col-span-2"><dt className="text-slate-500">Stopped</dt><dd className="mt-1">{check.stoppedReason ?? 'No longer probed'}</dd></div>}
          <div><dt className="text-slate-500">Deployment</dt><dd className="mt-1"><Link to={`/deployments/${check.deploymentId}`} className="text-indigo-700 hover:underline">Open deployment</Link></dd></div>
        </dl>
      </Card>

      <div className="mt-6">
        <Card title="Recent probes">
          {results.content.length === 0 ? (
            <EmptyState title="No probes yet">The first probe runs shortly after the deployment goes live.</EmptyState>
          ) : (
            <>
              <figure>
                <div className="h-60 w-full" aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={chronological} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="time" tick={{ fontSize: 12 }} minTickGap={24} />
                      <YAxis unit=" ms" tick={{ fontSize: 12 }} width={64} />
                      <Tooltip />
                      <Line type="monotone" dataKey="latencyMs" name="Response time" stroke="#4f46e5" dot={false} isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
                <figcaption className="mt-2 text-sm text-slate-600">Response time: {probeSummary(results.content)}</figcaption>
              </figure>
              <DataTable caption="Probe results, newest first" columns={['Checked', 'Response time', 'Result', 'Status code', 'Error']} bare className="mt-4" headClassName="whitespace-nowrap px-3 py-2">
                {results.content.map((r) => (
                  <tr key={r.checkedAt}>
                    <td className={tdClass}><time dateTime={r.checkedAt}>{formatProbeTime(r.checkedAt)}</time></td>
                    <td className={tdClass}>{r.latencyMs} ms</td>
                    <td className={tdClass}><HealthBadge state={r.healthy ? 'healthy' : 'unhealthy'} /></td>
                    <td className={tdClass}>{r.statusCode ?? '—'}</td>
                    <td className={`${tdClass} whitespace-normal break-words text-red-700`}>{r.error ?? ''}</td>
                  </tr>
                ))}
              </DataTable>
              <Pagination page={{ number: results.page, size: results.size, totalElements: results.totalElements, totalPages: results.totalPages }} onChange={setPageNumber} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
