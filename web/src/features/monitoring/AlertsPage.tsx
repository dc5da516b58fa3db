import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { hasRole, type Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge, StatusBadge } from '../../ui/Badge';
import { Button, LinkButton } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField } from '../../ui/Field';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { type Alert, type AlertRule, type Project, projectNames, useProjects } from './api';
import { AlertRuleModal } from './AlertRuleModal';
import { MonitoringTabs, tdClass } from './parts';
import { DataTable } from '../../ui/Table';

type Filter = 'open' | 'acknowledged' | 'resolved' | 'all';

/** `/monitoring/alerts`: the organization's alerts (acknowledge, resolve) and the rules that open them. */
export function AlertsPage() {
  const org = useCurrentOrg();
  const projects = useProjects(org.id);
  return (
    <>
      <PageHeader title="Monitoring" description="Health of live deployments, alerts and delivery metrics" />
      <MonitoringTabs />
      <AlertList projects={projects.data?.content} />
      <div className="mt-8">
        <AlertRules projects={projects.data?.content} projectsLoading={projects.isLoading} projectsError={projects.error} />
      </div>
    </>
  );
}

function AlertList({ projects }: { projects: Project[] | undefined }) {
  const org = useCurrentOrg();
  const api = useApi();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>('open');
  const [pageNumber, setPageNumber] = useState(0);
  const canManage = hasRole(org.role, 'developer');
  const alerts = useQuery({
    queryKey: ['alerts', org.id, { status: filter, page: pageNumber }],
    queryFn: ({ signal }) => api.get<Page<Alert>>('/api/v1/alerts', {
      organizationId: org.id, status: filter === 'all' ? undefined : filter, page: pageNumber, size: 20,
    }, signal),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) => api.post<Alert>(`/api/v1/alerts/${id}/acknowledge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const resolve = async (id: string) => {
    await api.post<Alert>(`/api/v1/alerts/${id}/resolve`);
    await queryClient.invalidateQueries({ queryKey: ['alerts'] });
  };
  const names = projectNames(projects);
  const list = alerts.data?.content ?? [];

  return (
    <section aria-labelledby="alerts-heading">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="alerts-heading" className="text-lg font-semibold text-slate-900">Alerts</h2>
        <div className="w-48">
          <SelectField label="Status" value={filter} onChange={(e) => { setFilter(e.target.value as Filter); setPageNumber(0); }}>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </SelectField>
        </div>
      </div>
      {acknowledge.error != null && <div className="mb-3"><ProblemAlert error={acknowledge.error} title="The alert could not be acknowledged" /></div>}
      {alerts.isLoading ? <Spinner label="Loading alerts" />
        : alerts.error ? <ProblemAlert error={alerts.error} title="Alerts could not be loaded" />
        : list.length === 0 ? (
          <EmptyState title={filter === 'all' ? 'No alerts yet' : `No ${filter} alerts`}>
            Alerts open when an alert rule's condition is met: add a rule below to be told.
          </EmptyState>
        ) : (
          <>
            <ul className="space-y-3">
              {list.map((a) => (
                <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                  <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
                    <div><StatusBadge status={a.status} /></div>
                    <div className="min-w-0 flex-1">
                      <p className="break-words text-sm font-medium text-slate-900">{a.summary}</p>
                      <p className="mt-1 break-words text-xs text-slate-500">
                        {names.get(a.projectId) ?? 'Unknown project'}{a.environment ? ` · ${a.environment}` : ''} · {a.type}
                        {' · '}opened <time dateTime={a.openedAt} title={formatDateTime(a.openedAt)}>{formatRelative(a.openedAt)}</time>
                        {a.acknowledgedAt && <> · acknowledged {formatRelative(a.acknowledgedAt)}</>}
                        {a.resolvedAt && <> · resolved {formatRelative(a.resolvedAt)}{a.resolvedBy ? '' : ' automatically'}</>}
                        {a.deploymentId && <> · <Link to={`/deployments/${a.deploymentId}`} className="text-indigo-700 hover:underline">Deployment</Link></>}
                      </p>
                    </div>
                    {canManage && a.status !== 'resolved' && (
                      <div className="flex shrink-0 flex-wrap gap-2">
                        {a.status === 'open' && (
                          <Button variant="secondary" busy={acknowledge.isPending && acknowledge.variables === a.id}
                            onClick={() => acknowledge.mutate(a.id)}>Acknowledge</Button>
                        )}
                        <ConfirmDialog
                          trigger={<Button variant="secondary">Resolve</Button>}
                          title="Resolve this alert?"
                          description={<>“{a.summary}” will be marked resolved. It opens again if the condition comes back.</>}
                          confirmLabel="Resolve alert"
                          onConfirm={() => resolve(a.id)}
                        />
                      </div>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            {alerts.data && <Pagination page={alerts.data.page} onChange={setPageNumber} />}
          </>
        )}
    </section>
  );
}

function describeRule(rule: AlertRule): string {
  switch (rule.type) {
    case 'deployment-failed': return 'A deployment fails';
    case 'health-check-failing': return `Health check failing for ${rule.minutes} min`;
    case 'error-log-rate': return `${rule.threshold} error lines within ${formatWindow(rule.window)}`;
    default: return rule.type;
  }
}

/** "PT5M" (as the API answers a window) → "5 min". */
function formatWindow(window: string | null): string {
  if (!window) return '—';
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(window);
  if (!match) return window;
  const [, h, m, s] = match;
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(' ');
}

function AlertRules({ projects, projectsLoading, projectsError }: { projects: Project[] | undefined; projectsLoading: boolean; projectsError: unknown }) {
  const org = useCurrentOrg();
  const api = useApi();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const canManage = hasRole(org.role, 'developer');
  const rules = useQuery({
    queryKey: ['alert-rules', org.id],
    queryFn: ({ signal }) => api.get<AlertRule[]>('/api/v1/alert-rules', { organizationId: org.id }, signal),
  });
  const toggle = useMutation({
    mutationFn: (rule: AlertRule) => api.patch<AlertRule>(`/api/v1/alert-rules/${rule.id}`, { enabled: !rule.enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
  });
  const remove = async (id: string) => {
    await api.delete(`/api/v1/alert-rules/${id}`);
    await queryClient.invalidateQueries({ queryKey: ['alert-rules'] });
  };
  const names = projectNames(projects);
  const hasProjects = (projects?.length ?? 0) > 0;
  const newRule = canManage && hasProjects ? <Button onClick={() => setCreating(true)}>New alert rule</Button> : undefined;

  let body;
  if (rules.isLoading || projectsLoading) body = <Spinner label="Loading alert rules" />;
  else if (rules.error) body = <ProblemAlert error={rules.error} title="Alert rules could not be loaded" />;
  else if (projectsError) body = <ProblemAlert error={projectsError} title="Projects could not be loaded" />;
  else if ((rules.data?.length ?? 0) === 0) {
    body = hasProjects ? (
      <EmptyState title="No alert rules" action={newRule}>
        A rule posts to a webhook when a deployment fails, a health check keeps failing or errors pile up in the logs.
      </EmptyState>
    ) : (
      <EmptyState title="No projects to alert on" action={<LinkButton to="/repositories/new">Add repository</LinkButton>} />
    );
  } else {
    body = (
      <>
        {toggle.error != null && <div className="mb-3"><ProblemAlert error={toggle.error} title="The rule could not be changed" /></div>}
        <DataTable caption="Alert rules" columns={['Project', 'Environment', 'When', 'Webhook', 'Secret', 'State', canManage && { label: 'Actions', srOnly: true }]} headClassName="whitespace-nowrap px-3 py-2">
          {rules.data!.map((rule) => (
            <tr key={rule.id}>
              <td className={tdClass}>{names.get(rule.projectId) ?? 'Unknown project'}</td>
              <td className={tdClass}>{rule.environment ?? 'All environments'}</td>
              <td className={`${tdClass} min-w-40 whitespace-normal`}>{describeRule(rule)}</td>
              <td className={`${tdClass} min-w-48 whitespace-normal`}><span className="break-all font-mono text-xs">{rule.webhook.url}</span> <span className="text-xs text-slate-500">({rule.webhook.format})</span></td>
              <td className={tdClass}>{rule.webhook.secret ? <span aria-label="Signed, secret hidden">••••••</span> : 'None'}</td>
              <td className={tdClass}><Badge tone={rule.enabled ? 'green' : 'gray'}>{rule.enabled ? 'Enabled' : 'Disabled'}</Badge></td>
              {canManage && (
                <td className={tdClass}>
                  <div className="flex gap-2">
                    <Button variant="secondary" busy={toggle.isPending && toggle.variables?.id === rule.id}
                      onClick={() => toggle.mutate(rule)} aria-label={`${rule.enabled ? 'Disable' : 'Enable'} rule: ${describeRule(rule)}`}>
                      {rule.enabled ? 'Disable' : 'Enable'}
                    </Button>
                    <ConfirmDialog
                      trigger={<Button variant="ghost" aria-label={`Delete rule: ${describeRule(rule)}`}>Delete</Button>}
                      title="Delete this alert rule?"
                      description={<>“{describeRule(rule)}” for {names.get(rule.projectId) ?? 'its project'} stops alerting. Its past alerts stay.</>}
                      confirmLabel="Delete rule"
                      tone="danger"
                      onConfirm={() => remove(rule.id)}
                    />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      </>
    );
  }

  return (
    <section aria-labelledby="rules-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="rules-heading" className="text-lg font-semibold text-slate-900">Alert rules</h2>
        {(rules.data?.length ?? 0) > 0 && newRule}
      </div>
      {body}
      {creating && projects && (
        <AlertRuleModal projects={projects} onClose={() => setCreating(false)} />
      )}
    </section>
  );
}
