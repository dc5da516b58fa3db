import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Button } from '../../ui/Button';
import { Modal } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { AlertRule, AlertRuleType, Project } from './api';

/** The "New alert rule" form: what fires it and the webhook it posts to (the secret is sent once, never shown again). */
export function AlertRuleModal({ projects, onClose }: { projects: Project[]; onClose: () => void }) {
  const org = useCurrentOrg();
  const api = useApi();
  const queryClient = useQueryClient();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '');
  const [environment, setEnvironment] = useState('');
  const [type, setType] = useState<AlertRuleType>('deployment-failed');
  const [minutes, setMinutes] = useState('5');
  const [threshold, setThreshold] = useState('10');
  const [window, setWindow] = useState('5m');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState('generic');
  const [secret, setSecret] = useState('');
  const environments = projects.find((p) => p.id === projectId)?.environments ?? [];

  const create = useMutation({
    mutationFn: () => api.post<AlertRule>('/api/v1/alert-rules', {
      organizationId: org.id,
      projectId,
      environment: environment || undefined,
      type,
      minutes: type === 'health-check-failing' ? Number(minutes) : undefined,
      threshold: type === 'error-log-rate' ? Number(threshold) : undefined,
      window: type === 'error-log-rate' ? window.trim() : undefined,
      webhook: { url: url.trim(), format, secret: secret || undefined },
    }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['alert-rules'] });
      onClose();
    },
  });
  const error = create.error;
  const field = (name: string) => (isApiError(error) ? error.fieldError(name) : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Modal open onOpenChange={(open) => { if (!open) onClose(); }} title="New alert rule"
      description="When the condition is met, AutoDeploy opens an alert and posts it to the webhook.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error != null && <ProblemAlert error={error} title="The rule could not be created" />}
        <SelectField label="Project" value={projectId} onChange={(e) => { setProjectId(e.target.value); setEnvironment(''); }} error={field('projectId')}>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </SelectField>
        <SelectField label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)} error={field('environment')}>
          <option value="">All environments</option>
          {environments.map((env) => <option key={env.id} value={env.name}>{env.name}</option>)}
        </SelectField>
        <SelectField label="Condition" value={type} onChange={(e) => setType(e.target.value as AlertRuleType)} error={field('type')}>
          <option value="deployment-failed">A deployment fails</option>
          <option value="health-check-failing">The health check keeps failing</option>
          <option value="error-log-rate">Error lines pile up in the logs</option>
        </SelectField>
        {type === 'health-check-failing' && (
          <TextField label="Minutes failing" type="number" min={1} required value={minutes} onChange={(e) => setMinutes(e.target.value)}
            hint="How long the live deployment must fail its health check before the alert opens." error={field('minutes')} />
        )}
        {type === 'error-log-rate' && (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField label="Error lines" type="number" min={1} required value={threshold} onChange={(e) => setThreshold(e.target.value)} error={field('threshold')} />
            <TextField label="Within" required value={window} onChange={(e) => setWindow(e.target.value)} hint="A duration such as 5m or 1h." error={field('window')} />
          </div>
        )}
        <TextField label="Webhook URL" type="url" required value={url} onChange={(e) => setUrl(e.target.value)}
          placeholder="https://hooks.example.com/autodeploy" error={field('webhook.url')} />
        <SelectField label="Payload format" value={format} onChange={(e) => setFormat(e.target.value)} error={field('webhook.format')}>
          <option value="generic">Generic JSON</option>
          <option value="slack">Slack incoming webhook</option>
        </SelectField>
        <TextField label="Signing secret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)}
          hint="Optional. Signs each post (X-AutoDeploy-Signature). Stored encrypted and never shown again." error={field('webhook.secret')} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={create.isPending}>Create rule</Button>
        </div>
      </form>
    </Modal>
  );
}
