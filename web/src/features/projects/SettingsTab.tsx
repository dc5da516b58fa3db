import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { TextArea, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { BuildConfigFields, buildValues, changedOverrides } from './BuildConfigFields';
import { isBuildFieldProblem } from './hooks';
import { BUILD_KEYS, type Project } from './types';

/** Rename and edit the project and its build configuration; delete it (admins). */
export function SettingsTab({ project }: { project: Project }) {
  const api = useApi();
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = hasRole(org.role, 'developer');
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? '');
  const [productionBranch, setProductionBranch] = useState(project.productionBranch ?? '');
  const [rootDirectory, setRootDirectory] = useState(project.rootDirectory ?? '');
  const [build, setBuild] = useState(buildValues(project.buildConfiguration));
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.put<Project>(`/api/v1/projects/${project.id}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['project', project.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['projects', org.id] });
      setBuild(buildValues(updated.buildConfiguration));
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const overrides = changedOverrides(build, project.buildConfiguration);
    update.mutate({
      name: name.trim() !== project.name ? name.trim() : undefined,
      description: description !== (project.description ?? '') ? description : undefined,
      productionBranch: productionBranch.trim() && productionBranch.trim() !== project.productionBranch ? productionBranch.trim() : undefined,
      rootDirectory: rootDirectory !== (project.rootDirectory ?? '') ? rootDirectory.trim() : undefined,
      buildConfiguration: Object.keys(overrides).length > 0 ? overrides : undefined,
    });
  };
  const error = update.error;
  const fieldError = (field: string) => (isApiError(error) ? error.fieldError(field) : undefined);
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-6" noValidate>
        <Card title="Project">
          <fieldset className="space-y-3" disabled={!canEdit}>
            <TextField label="Project name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} error={fieldError('name')} />
            <TextArea label="Description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} error={fieldError('description')} />
            <TextField label="Production branch" value={productionBranch} onChange={(e) => setProductionBranch(e.target.value)} error={fieldError('productionBranch')} />
            <TextField label="Root directory" value={rootDirectory} onChange={(e) => setRootDirectory(e.target.value)}
              hint="The app's directory inside the repository; empty for its root." error={fieldError('rootDirectory')} />
          </fieldset>
        </Card>
        <Card>
          <BuildConfigFields values={build} detected={project.detectedBuildConfiguration} onChange={setBuild} error={error} disabled={!canEdit} />
        </Card>
        {error != null && !isBuildFieldProblem(error, BUILD_KEYS.map((k) => k.key)) && <ProblemAlert error={error} title="The changes were not saved" />}
        {saved && !update.isPending && <p role="status" className="text-sm text-emerald-700">Saved. The next deployment uses these settings.</p>}
        {canEdit && (
          <div className="flex flex-wrap justify-end gap-2">
            {Object.keys(project.buildOverrides).length > 0 && (
              <Button variant="secondary" onClick={() => { setSaved(false); update.mutate({ resetBuildConfiguration: true }); }}>Reset build configuration to detected</Button>
            )}
            <Button type="submit" busy={update.isPending}>Save changes</Button>
          </div>
        )}
      </form>
      {hasRole(org.role, 'admin') && (
        <Card title="Delete project">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">Stops every environment, deletes its variables and deployment history.</p>
            <ConfirmDialog
              trigger={<Button variant="danger">Delete project</Button>}
              title={`Delete ${project.name}?`}
              description="Its environments are stopped and everything it has is deleted. This cannot be undone."
              confirmLabel="Delete project"
              tone="danger"
              onConfirm={async () => {
                await api.delete(`/api/v1/projects/${project.id}`);
                queryClient.removeQueries({ queryKey: ['project', project.id] });
                await queryClient.invalidateQueries({ queryKey: ['projects', org.id] });
                navigate('/projects');
              }}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
