import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { Button } from '../../ui/Button';
import { Modal } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { Deployment, Project } from './types';

/** "Deploy <project>": environment (production by default), optionally a branch or a commit; opens the new deployment. */
export function DeployDialog({ project, open, onOpenChange }: { project: Project; open: boolean; onOpenChange: (open: boolean) => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const production = project.environments.find((e) => e.kind === 'production') ?? project.environments[0];
  const [environment, setEnvironment] = useState(production?.name ?? 'production');
  const [branch, setBranch] = useState('');
  const [commitSha, setCommitSha] = useState('');
  const deploy = useMutation({
    mutationFn: () => api.post<Deployment>(`/api/v1/projects/${project.id}/deployments`, {
      environment,
      branch: branch.trim() || undefined,
      commitSha: commitSha.trim() || undefined,
    }),
    onSuccess: (deployment) => {
      void queryClient.invalidateQueries({ queryKey: ['deployments'] });
      void queryClient.invalidateQueries({ queryKey: ['project', project.id] });
      onOpenChange(false);
      navigate(`/deployments/${deployment.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    deploy.mutate();
  };
  const error = isApiError(deploy.error) ? deploy.error : null;
  const selected = project.environments.find((e) => e.name === environment);
  return (
    <Modal
      open={open}
      onOpenChange={(next) => { onOpenChange(next); if (!next) deploy.reset(); }}
      title={`Deploy ${project.name}`}
      description="Builds and deploys the head of the environment's branch, or the branch or commit you give."
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        <SelectField label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)} error={error?.fieldError('environment')}>
          {project.environments.map((e) => <option key={e.id} value={e.name}>{e.name} ({e.kind})</option>)}
        </SelectField>
        <TextField label="Branch" value={branch} onChange={(e) => setBranch(e.target.value)}
          placeholder={selected?.branch ?? project.productionBranch ?? ''}
          hint="Optional: the environment's branch when empty." error={error?.fieldError('branch')} />
        <TextField label="Commit SHA" value={commitSha} onChange={(e) => setCommitSha(e.target.value)}
          hint="Optional: a full commit id (40 hex digits) to deploy instead of the branch head."
          error={error?.fieldError('commitSha')} autoComplete="off" spellCheck={false} />
        {deploy.error != null && (
          <ProblemAlert
            error={deploy.error}
            title={error?.status === 429 ? 'Too many deployments right now' : 'The deployment was not started'}
          />
        )}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>Close</Button>
          <Button type="submit" busy={deploy.isPending}>Start deployment</Button>
        </div>
      </form>
    </Modal>
  );
}
