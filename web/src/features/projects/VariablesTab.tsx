import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Modal } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { formatRelative } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { Checkbox } from './Checkbox';
import type { ImportResult, Project, Variable, VariableList } from './types';
import { DataTable } from '../../ui/Table';

/** Per environment: the variables (secret values never shown), add, edit, delete, and a pasted .env import. */
export function VariablesTab({ project }: { project: Project }) {
  const api = useApi();
  const org = useCurrentOrg();
  const canEdit = hasRole(org.role, 'admin');
  const production = project.environments.find((e) => e.kind === 'production')?.name ?? 'production';
  const [environment, setEnvironment] = useState(production);
  const [editing, setEditing] = useState<Variable | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const queryClient = useQueryClient();
  const key = ['variables', project.id, environment];
  const variables = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<VariableList>(`/api/v1/projects/${project.id}/env`, { environment }, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['variables', project.id] });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-full sm:w-64">
          <SelectField label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            {project.environments.map((e) => <option key={e.id} value={e.name}>{e.name}</option>)}
          </SelectField>
        </div>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setImporting(true)}>Paste .env</Button>
            {/* One "Add variable" at a time: the empty state carries it while there is none. */}
            {variables.data && variables.data.variables.length > 0 && <Button onClick={() => setEditing('new')}>Add variable</Button>}
          </div>
        )}
      </div>
      {variables.isLoading && <Spinner label="Loading variables" />}
      {variables.error && <ProblemAlert error={variables.error} title="The variables could not be loaded" />}
      {variables.data && variables.data.variables.length === 0 && (
        <EmptyState title={`No variables in ${environment}`} action={canEdit ? <Button onClick={() => setEditing('new')}>Add variable</Button> : undefined}>
          Variables are given to the build and the running app of this environment; secrets are stored encrypted.
        </EmptyState>
      )}
      {variables.data && variables.data.variables.length > 0 && (
        <DataTable columns={['Key', 'Value', 'Updated', canEdit && { label: 'Actions', srOnly: true }]}>
          {variables.data.variables.map((v) => (
            <tr key={v.key}>
              <td className="px-4 py-3 font-mono text-xs font-medium">{v.key}</td>
              <td className="max-w-md px-4 py-3">
                {v.secret
                  ? <span className="inline-flex items-center gap-2"><span aria-hidden="true">••••••</span><span className="sr-only">hidden</span><Badge tone="amber">secret</Badge></span>
                  : <span className="break-all font-mono text-xs">{v.value}</span>}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-500">{formatRelative(v.updatedAt)}</td>
              {canEdit && (
                <td className="whitespace-nowrap px-4 py-3 text-right">
                  <Button variant="ghost" onClick={() => setEditing(v)}><span aria-hidden="true">Edit</span><span className="sr-only">Edit {v.key}</span></Button>
                  <ConfirmDialog
                    trigger={<Button variant="ghost"><span aria-hidden="true">Delete</span><span className="sr-only">Delete {v.key}</span></Button>}
                    title={`Delete ${v.key}?`}
                    description={`The next deployment of ${environment} will run without it.`}
                    confirmLabel="Delete variable"
                    tone="danger"
                    onConfirm={async () => {
                      await api.delete(`/api/v1/projects/${project.id}/env/${encodeURIComponent(v.key)}?environment=${encodeURIComponent(environment)}`);
                      await refresh();
                    }}
                  />
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {editing && (
        <VariableDialog
          project={project}
          environment={environment}
          variable={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {importing && <ImportDialog project={project} environment={environment} onClose={() => setImporting(false)} onImported={refresh} />}
    </div>
  );
}

function VariableDialog({ project, environment, variable, onClose, onSaved }: {
  project: Project; environment: string; variable: Variable | null; onClose: () => void; onSaved: () => Promise<unknown>;
}) {
  const api = useApi();
  const [key, setKey] = useState(variable?.key ?? '');
  // A secret's value is never sent back: editing it means typing a new one.
  const [value, setValue] = useState(variable && !variable.secret ? variable.value ?? '' : '');
  const [secret, setSecret] = useState(variable?.secret ?? false);
  const save = useMutation({
    mutationFn: () => variable
      ? api.put(`/api/v1/projects/${project.id}/env/${encodeURIComponent(variable.key)}?environment=${encodeURIComponent(environment)}`, { value, secret })
      : api.request(`/api/v1/projects/${project.id}/env`, { method: 'POST', query: { environment }, body: { key: key.trim(), value, secret } }),
    onSuccess: async () => { await onSaved(); onClose(); },
  });
  const submit = (event: FormEvent) => { event.preventDefault(); save.mutate(); };
  const error = isApiError(save.error) ? save.error : null;
  const fieldProblem = error?.fieldError('key') ?? error?.fieldError('value');
  return (
    <Modal open onOpenChange={(open) => { if (!open) onClose(); }} title={variable ? `Edit ${variable.key}` : 'Add variable'}
      description={`In the ${environment} environment.`}>
      <form onSubmit={submit} className="space-y-3" noValidate>
        {variable
          ? <p className="text-sm"><span className="text-slate-500">Key</span> <span className="font-mono font-medium">{variable.key}</span></p>
          : <TextField label="Key" value={key} onChange={(e) => setKey(e.target.value)} required autoComplete="off" spellCheck={false}
              hint="Letters, digits and _, not starting with a digit." error={error?.fieldError('key')} />}
        <TextArea label="Value" value={value} onChange={(e) => setValue(e.target.value)} rows={3} spellCheck={false}
          placeholder={variable?.secret ? 'Enter a new value' : undefined}
          hint={variable?.secret ? 'The stored secret is never shown: enter the new value.' : undefined}
          error={error?.fieldError('value')} />
        <Checkbox label="Secret" checked={secret} onChange={(e) => setSecret(e.target.checked)}
          hint="Stored encrypted; its value is never shown again." />
        {save.error != null && !fieldProblem && <ProblemAlert error={save.error} title="The variable was not saved" />}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>Close</Button>
          <Button type="submit" busy={save.isPending}>Save variable</Button>
        </div>
      </form>
    </Modal>
  );
}

interface DotenvProblem { line: number; message: string }

function ImportDialog({ project, environment, onClose, onImported }: {
  project: Project; environment: string; onClose: () => void; onImported: () => Promise<unknown>;
}) {
  const api = useApi();
  const [content, setContent] = useState('');
  const [secret, setSecret] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const run = useMutation({
    mutationFn: () => api.request<ImportResult>(`/api/v1/projects/${project.id}/env/import`, {
      method: 'POST', query: { environment }, body: { content, secret, overwrite },
    }),
    onSuccess: () => onImported(),
  });
  const submit = (event: FormEvent) => { event.preventDefault(); run.mutate(); };
  const lineProblems = isApiError(run.error) && Array.isArray(run.error.problem.problems)
    ? (run.error.problem.problems as DotenvProblem[]) : [];
  const result = run.data;
  return (
    <Modal open onOpenChange={(open) => { if (!open) onClose(); }} title="Paste .env" description={`Imports KEY=value lines into ${environment}.`}>
      {result ? (
        <div className="space-y-3 text-sm">
          <p role="status" className="font-medium text-slate-900">
            Imported into {result.environment}: {result.created.length} created, {result.updated.length} updated, {result.skipped.length} skipped.
          </p>
          <ImportList label="Created" keys={result.created} />
          <ImportList label="Updated" keys={result.updated} />
          <ImportList label="Skipped (they exist; overwrite was off)" keys={result.skipped} />
          <ImportList label="Given more than once (the last one counts)" keys={result.duplicates} />
          <div className="flex justify-end"><Button onClick={onClose}>Done</Button></div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextArea label=".env contents" value={content} onChange={(e) => setContent(e.target.value)} rows={8} spellCheck={false}
            placeholder={'DATABASE_URL=postgres://…\nAPI_KEY=…'}
            error={isApiError(run.error) ? run.error.fieldError('content') : undefined} />
          <Checkbox label="Import as secrets" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
          <Checkbox label="Overwrite existing variables" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)}
            hint="Otherwise keys that exist already are skipped." />
          {run.error != null && <ProblemAlert error={run.error} title="Nothing was imported" />}
          {lineProblems.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-red-700" aria-label="Problems in the .env text">
              {lineProblems.map((p, i) => <li key={i}>Line {p.line}: {p.message}</li>)}
            </ul>
          )}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={onClose}>Close</Button>
            <Button type="submit" busy={run.isPending}>Import</Button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function ImportList({ label, keys }: { label: string; keys: string[] }) {
  if (keys.length === 0) return null;
  return (
    <div>
      <p className="text-slate-500">{label}</p>
      <p className="font-mono text-xs">{keys.join(', ')}</p>
    </div>
  );
}
