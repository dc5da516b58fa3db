import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole, type Page } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog, Modal } from '../../ui/Dialog';
import { SelectField, TextField, controlClass } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Checkbox } from './Checkbox';
import { useProviderCatalog } from './hooks';
import { CI_TARGETS, type CicdProvider, type Environment, type Project } from './types';
import { DataTable } from '../../ui/Table';

const PROVIDER_ID = 'providerId';

/** The project's environments: list, add a custom or preview one, retarget and edit settings, delete. */
export function EnvironmentsTab({ project }: { project: Project }) {
  const api = useApi();
  const org = useCurrentOrg();
  const queryClient = useQueryClient();
  const canManage = hasRole(org.role, 'admin');
  const [editing, setEditing] = useState<Environment | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['project', project.id] });
  return (
    <div className="space-y-4">
      {canManage && (
        <div className="flex justify-end"><Button onClick={() => setEditing('new')}>Add environment</Button></div>
      )}
      <DataTable columns={['Name', 'Type', 'Target', 'Branch', 'Auto-deploy', 'URL', canManage && { label: 'Actions', srOnly: true }]}>
        {project.environments.map((e) => (
          <tr key={e.id}>
            <td className="px-4 py-3 font-medium">{e.name}</td>
            <td className="px-4 py-3"><Badge tone={e.kind === 'production' ? 'indigo' : 'gray'}>{e.kind}</Badge></td>
            <td className="px-4 py-3 font-mono text-xs">{e.target}</td>
            <td className="px-4 py-3 font-mono text-xs">{e.branch ?? '—'}</td>
            <td className="px-4 py-3">{e.autoDeploy ? 'On' : 'Off'}</td>
            <td className="max-w-56 truncate px-4 py-3">
              {e.url ? <a href={e.url} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline">{e.url}</a> : <span className="text-slate-500">—</span>}
            </td>
            {canManage && (
              <td className="whitespace-nowrap px-4 py-3 text-right">
                <Button variant="ghost" onClick={() => setEditing(e)}><span aria-hidden="true">Edit</span><span className="sr-only">Edit {e.name}</span></Button>
                <ConfirmDialog
                  trigger={<Button variant="ghost"><span aria-hidden="true">Delete</span><span className="sr-only">Delete {e.name}</span></Button>}
                  title={`Delete the ${e.name} environment?`}
                  description="What it runs is stopped, and its variables are deleted with it."
                  confirmLabel="Delete environment"
                  tone="danger"
                  onConfirm={async () => {
                    await api.delete(`/api/v1/projects/${project.id}/environments/${encodeURIComponent(e.name)}`);
                    await refresh();
                  }}
                />
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      {editing && (
        <EnvironmentDialog project={project} environment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />
      )}
    </div>
  );
}

interface SettingRow { key: string; value: string }

function EnvironmentDialog({ project, environment, onClose, onSaved }: {
  project: Project; environment: Environment | null; onClose: () => void; onSaved: () => Promise<unknown>;
}) {
  const api = useApi();
  const org = useCurrentOrg();
  const catalog = useProviderCatalog();
  const initial = environment?.settings ?? {};
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'custom' | 'preview'>('custom');
  const [branch, setBranch] = useState(environment?.branch ?? '');
  const [target, setTarget] = useState(environment?.target ?? project.environments.find((e) => e.kind === 'production')?.target ?? 'local');
  const [autoDeploy, setAutoDeploy] = useState(environment?.autoDeploy ?? true);
  const [providerId, setProviderId] = useState(initial[PROVIDER_ID] ?? '');
  const [rows, setRows] = useState<SettingRow[]>(Object.entries(initial).filter(([k]) => k !== PROVIDER_ID).map(([key, value]) => ({ key, value })));
  const ci = CI_TARGETS.has(target);
  const cicd = useQuery({
    queryKey: ['cicd-providers', org.id, target],
    queryFn: ({ signal }) => api.get<Page<CicdProvider>>('/api/v1/cicd-providers', { organizationId: org.id, type: target, size: 100 }, signal),
    enabled: ci,
  });
  const save = useMutation({
    mutationFn: () => {
      const settings: Record<string, string> = {};
      for (const row of rows) if (row.key.trim()) settings[row.key.trim()] = row.value;
      if (ci && providerId) settings[PROVIDER_ID] = providerId;
      const common = { branch: branch.trim() || undefined, target, settings, autoDeploy };
      return environment
        ? api.put(`/api/v1/projects/${project.id}/environments/${encodeURIComponent(environment.name)}`, common)
        : api.post(`/api/v1/projects/${project.id}/environments`, { name: name.trim(), kind, ...common });
    },
    onSuccess: async () => { await onSaved(); onClose(); },
  });
  const submit = (event: FormEvent) => { event.preventDefault(); save.mutate(); };
  const error = isApiError(save.error) ? save.error : null;
  const chosen = catalog.data?.content.find((p) => p.name === target);
  return (
    <Modal open onOpenChange={(open) => { if (!open) onClose(); }} title={environment ? `Edit ${environment.name}` : 'Add environment'}>
      <form onSubmit={submit} className="space-y-3" noValidate>
        {!environment && (
          <>
            <TextField label="Environment name" value={name} onChange={(e) => setName(e.target.value)} required
              hint="Lower-case letters, digits and hyphens, e.g. staging." error={error?.fieldError('name')} />
            <SelectField label="Type" value={kind} onChange={(e) => setKind(e.target.value as 'custom' | 'preview')} error={error?.fieldError('kind')}>
              <option value="custom">custom</option>
              <option value="preview">preview</option>
            </SelectField>
          </>
        )}
        <TextField label="Branch" value={branch} onChange={(e) => setBranch(e.target.value)}
          hint={environment ? undefined : "The project's production branch when empty."} error={error?.fieldError('branch')} />
        <SelectField label="Target" value={target} onChange={(e) => {
            // Settings belong to a target: switching starts afresh (and switching back restores what was saved).
            const next = e.target.value;
            setTarget(next);
            const saved = next === environment?.target ? initial : {};
            setProviderId(saved[PROVIDER_ID] ?? '');
            setRows(Object.entries(saved).filter(([k]) => k !== PROVIDER_ID).map(([key, value]) => ({ key, value })));
          }}
          error={error?.fieldError('target')}
          hint={chosen ? `${chosen.description ?? ''}${chosen.capabilities.length ? ` Can: ${chosen.capabilities.map((c) => c.id).join(', ')}.` : ''}` : undefined}>
          {catalog.data
            ? catalog.data.content.map((p) => (
                <option key={p.name} value={p.name} disabled={!p.available && p.name !== target}>
                  {p.displayName} ({p.name}){p.available ? '' : ' — not available here'}
                </option>
              ))
            : <option value={target}>{target}</option>}
        </SelectField>
        {catalog.error && <ProblemAlert error={catalog.error} title="The provider catalog could not be loaded" />}
        {ci && (
          <SelectField label="CI/CD provider" value={providerId} onChange={(e) => setProviderId(e.target.value)}
            hint={cicd.data && cicd.data.content.length === 0 ? `No ${target} provider is registered in ${org.name} yet.` : `The ${target} provider the environment deploys through.`}>
            <option value="">Choose a provider…</option>
            {cicd.data?.content.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.status})</option>)}
          </SelectField>
        )}
        {cicd.error && <ProblemAlert error={cicd.error} title="The CI/CD providers could not be loaded" />}
        <Card title="Target settings">
          <p className="mb-2 text-xs text-slate-500">What the target accepts depends on it; the server says which keys it knows when it refuses one.</p>
          <ul className="space-y-2">
            {rows.map((row, index) => (
              <li key={index} className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
                <input aria-label={`Setting ${index + 1} name`} className={controlClass} value={row.key} placeholder="healthCheckPath"
                  onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, key: e.target.value } : r)))} />
                <input aria-label={`Setting ${index + 1} value`} className={controlClass} value={row.value} placeholder="/health"
                  onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))} />
                <Button variant="ghost" aria-label={`Remove setting ${index + 1}`} onClick={() => setRows(rows.filter((_, i) => i !== index))}>Remove</Button>
              </li>
            ))}
          </ul>
          <Button variant="secondary" className="mt-2" onClick={() => setRows([...rows, { key: '', value: '' }])}>Add setting</Button>
        </Card>
        <Checkbox label="Auto-deploy" checked={autoDeploy} onChange={(e) => setAutoDeploy(e.target.checked)}
          hint="Deploy every push to the branch." />
        {save.error != null && <ProblemAlert error={save.error} title="The environment was not saved" />}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>Close</Button>
          <Button type="submit" busy={save.isPending}>Save environment</Button>
        </div>
      </form>
    </Modal>
  );
}
