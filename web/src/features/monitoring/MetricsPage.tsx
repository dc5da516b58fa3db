import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../api/ApiProvider';
import { useCurrentOrg } from '../../org/OrgProvider';
import { LinkButton } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { type Cost, type Dora, type Durations, type MetricsWindow, type StepDuration, useProjects } from './api';
import { DoraStats, formatMoney, formatSeconds, MonitoringTabs, plural, tdClass } from './parts';
import { DataTable } from '../../ui/Table';

const WINDOWS: { value: MetricsWindow; label: string }[] = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
];

/** `deploy_to_provider` → "deploy to provider". */
function stepName(step: string): string {
  return step.replace(/_/g, ' ');
}

/** What the step-duration chart shows, in words. */
export function durationsSummary(steps: StepDuration[]): string {
  if (steps.length === 0) return 'No finished steps in this window.';
  const slowest = [...steps].sort((a, b) => (b.p50Seconds ?? 0) - (a.p50Seconds ?? 0))[0];
  return `${plural(steps.length, 'step')}; the slowest at the median is ${stepName(slowest.step)} `
    + `(p50 ${formatSeconds(slowest.p50Seconds)}, p90 ${formatSeconds(slowest.p90Seconds)}, p99 ${formatSeconds(slowest.p99Seconds)}).`;
}

/** `/monitoring/metrics`: a project's DORA metrics, step durations and cost over a window. */
export function MetricsPage() {
  const org = useCurrentOrg();
  const projects = useProjects(org.id);
  const [params, setParams] = useSearchParams();
  const list = projects.data?.content ?? [];
  const projectId = list.some((p) => p.id === params.get('projectId')) ? params.get('projectId')! : list[0]?.id;
  const window = (WINDOWS.some((w) => w.value === params.get('window')) ? params.get('window') : '30d') as MetricsWindow;
  const project = list.find((p) => p.id === projectId);
  const environments = project?.environments ?? [];
  const environment = environments.some((e) => e.name === params.get('environment')) ? params.get('environment')! : '';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    if (key === 'projectId') next.delete('environment');
    setParams(next, { replace: true });
  };

  let body;
  if (projects.isLoading) body = <Spinner label="Loading projects" />;
  else if (projects.error) body = <ProblemAlert error={projects.error} title="Projects could not be loaded" />;
  else if (!projectId) {
    body = (
      <EmptyState title="No projects to measure yet" action={<LinkButton to="/repositories/new">Add repository</LinkButton>}>
        Delivery metrics come from a project's deployments.
      </EmptyState>
    );
  } else {
    body = <ProjectMetrics projectId={projectId} window={window} environment={environment || null} />;
  }

  return (
    <>
      <PageHeader title="Monitoring" description="Health of live deployments, alerts and delivery metrics" />
      <MonitoringTabs />
      <h2 className="mb-3 text-lg font-semibold text-slate-900">Delivery metrics</h2>
      {list.length > 0 && (
        <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <SelectField label="Project" value={projectId} onChange={(e) => set('projectId', e.target.value)}>
            {list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </SelectField>
          <SelectField label="Environment" value={environment} onChange={(e) => set('environment', e.target.value)}>
            <option value="">All environments</option>
            {environments.map((e) => <option key={e.id} value={e.name}>{e.name}</option>)}
          </SelectField>
          <SelectField label="Window" value={window} onChange={(e) => set('window', e.target.value)}>
            {WINDOWS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
          </SelectField>
        </div>
      )}
      {body}
    </>
  );
}

function ProjectMetrics({ projectId, window, environment }: { projectId: string; window: MetricsWindow; environment: string | null }) {
  const api = useApi();
  const query = { projectId, window, environment: environment ?? undefined };
  const options = { placeholderData: keepPreviousData, refetchInterval: 60_000 };
  const dora = useQuery({
    queryKey: ['metrics', 'dora', projectId, window, environment],
    queryFn: ({ signal }) => api.get<Dora>('/api/v1/metrics/dora', query, signal),
    ...options,
  });
  const durations = useQuery({
    queryKey: ['metrics', 'durations', projectId, window, environment],
    queryFn: ({ signal }) => api.get<Durations>('/api/v1/metrics/durations', query, signal),
    ...options,
  });
  const cost = useQuery({
    queryKey: ['metrics', 'cost', projectId, window, environment],
    queryFn: ({ signal }) => api.get<Cost>('/api/v1/metrics/cost', query, signal),
    ...options,
  });

  return (
    <div className="space-y-6">
      <section aria-labelledby="dora-heading">
        <h3 id="dora-heading" className="mb-3 text-base font-semibold text-slate-900">DORA metrics</h3>
        {dora.isLoading ? <Spinner label="Loading DORA metrics" />
          : dora.error ? <ProblemAlert error={dora.error} title="DORA metrics could not be loaded" />
          : dora.data && <DoraStats dora={dora.data} />}
      </section>

      <Card title="Step durations">
        {durations.isLoading ? <Spinner label="Loading step durations" />
          : durations.error ? <ProblemAlert error={durations.error} title="Step durations could not be loaded" />
          : durations.data && (durations.data.steps.length === 0 ? (
            <EmptyState title="No finished deployment steps in this window" action={<LinkButton to={`/projects/${projectId}`} variant="secondary">Open the project to deploy it</LinkButton>} />
          ) : (
            <StepDurations durations={durations.data} />
          ))}
      </Card>

      <Card title="Cost">
        {cost.isLoading ? <Spinner label="Loading cost" />
          : cost.error ? <ProblemAlert error={cost.error} title="The cost could not be computed" />
          : cost.data && <CostSummary cost={cost.data} />}
      </Card>
    </div>
  );
}

function StepDurations({ durations }: { durations: Durations }) {
  const data = durations.steps.map((s) => ({ name: stepName(s.step), p50: s.p50Seconds, p90: s.p90Seconds, p99: s.p99Seconds }));
  const rows = [...durations.steps, ...(durations.total.count > 0 ? [durations.total] : [])];
  return (
    <figure>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis unit=" s" tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={(value) => formatSeconds(typeof value === 'number' ? value : null)} />
            <Legend />
            <Bar dataKey="p50" name="p50" fill="#a5b4fc" isAnimationActive={false} />
            <Bar dataKey="p90" name="p90" fill="#6366f1" isAnimationActive={false} />
            <Bar dataKey="p99" name="p99" fill="#3730a3" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600">Step durations: {durationsSummary(durations.steps)}</figcaption>
      <DataTable caption="Step duration percentiles" columns={['Step', 'Runs', 'p50', 'p90', 'p99']} bare className="mt-4" headClassName="whitespace-nowrap px-3 py-2">
        {rows.map((s) => (
          <tr key={s.step} className={s === durations.total ? 'font-medium' : undefined}>
            <th scope="row" className={`${tdClass} font-medium`}>{s === durations.total ? 'Whole deployment' : stepName(s.step)}</th>
            <td className={tdClass}>{s.count}</td>
            <td className={tdClass}>{formatSeconds(s.p50Seconds)}</td>
            <td className={tdClass}>{formatSeconds(s.p90Seconds)}</td>
            <td className={tdClass}>{formatSeconds(s.p99Seconds)}</td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}

function CostSummary({ cost }: { cost: Cost }) {
  return (
    <>
      <p className="text-2xl font-semibold text-slate-900">{formatMoney(cost.cost, cost.currency)}</p>
      <p className="mt-1 text-xs text-slate-500">
        {cost.cost === null
          ? 'Part of it has no published price, so the total is unknown.'
          : `At list prices, live time prorated over a ${cost.hoursPerMonth}-hour month.`}
      </p>
      {cost.environments.length > 0 && (
        <DataTable caption="Cost by environment" columns={['Environment', 'Cost', 'Live periods', 'Billed builds']} bare className="mt-4" headClassName="whitespace-nowrap px-3 py-2">
          {cost.environments.map((e) => (
            <tr key={e.environment}>
              <th scope="row" className={`${tdClass} font-medium`}>{e.environment}</th>
              <td className={tdClass}>{formatMoney(e.cost, e.currency)}</td>
              <td className={tdClass}>{e.periods.length}</td>
              <td className={tdClass}>{e.builds.length}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
