import { useState } from 'react';
import { NavLink, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Button, LinkButton } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { DeployDialog } from './DeployDialog';
import { DeploymentsTab } from './DeploymentsTab';
import { EnvironmentsTab } from './EnvironmentsTab';
import { useProject } from './hooks';
import { OverviewTab } from './OverviewTab';
import { SettingsTab } from './SettingsTab';
import { VariablesTab } from './VariablesTab';

export type ProjectTab = 'overview' | 'environments' | 'variables' | 'deployments' | 'settings';

const TABS: { tab: ProjectTab; label: string; path: string }[] = [
  { tab: 'overview', label: 'Overview', path: '' },
  { tab: 'environments', label: 'Environments', path: '/environments' },
  { tab: 'variables', label: 'Variables', path: '/variables' },
  { tab: 'deployments', label: 'Deployments', path: '/deployments' },
  { tab: 'settings', label: 'Settings', path: '/settings' },
];

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'}`;

/** `/projects/:id[/environments|/variables|/deployments|/settings]`: the project, its sections as routes, and Deploy. */
export function ProjectPage({ tab }: { tab: ProjectTab }) {
  const { id = '' } = useParams();
  const org = useCurrentOrg();
  const project = useProject(id);
  const [deploying, setDeploying] = useState(false);

  if (project.isLoading) return <Spinner label="Loading the project" />;
  if (project.error || !project.data) {
    if (isApiError(project.error) && project.error.status === 404) {
      return (
        <EmptyState title="Project not found" action={<LinkButton to="/projects">All projects</LinkButton>}>
          There is no such project in {org.name}, or it was deleted.
        </EmptyState>
      );
    }
    return <ProblemAlert error={project.error} title="The project could not be loaded" />;
  }
  const p = project.data;
  return (
    <div>
      <PageHeader
        title={p.name}
        description={<span className="break-all font-mono text-xs">{p.repository.url}</span>}
        actions={hasRole(org.role, 'developer') ? <Button onClick={() => setDeploying(true)}>Deploy</Button> : undefined}
      />
      <nav aria-label="Project sections" className="mb-6 overflow-x-auto border-b border-slate-200">
        <ul className="flex gap-1">
          {TABS.map((t) => (
            <li key={t.tab}>
              <NavLink to={`/projects/${p.id}${t.path}`} end className={tabClass}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'overview' && <OverviewTab project={p} />}
      {tab === 'environments' && <EnvironmentsTab project={p} />}
      {tab === 'variables' && <VariablesTab project={p} />}
      {tab === 'deployments' && <DeploymentsTab project={p} />}
      {tab === 'settings' && <SettingsTab project={p} />}
      {hasRole(org.role, 'developer') && <DeployDialog project={p} open={deploying} onOpenChange={setDeploying} />}
    </div>
  );
}
