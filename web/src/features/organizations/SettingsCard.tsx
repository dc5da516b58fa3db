import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { hasRole, type Organization } from '../../api/types';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDateTime } from '../../ui/format';

/** Name and billing email (admins and owners edit them), and deleting the organization (owners). */
export function SettingsCard({ org }: { org: Organization }) {
  const canEdit = hasRole(org.role, 'admin');
  return (
    <Card title="Settings">
      {canEdit ? <SettingsForm key={org.id} org={org} /> : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">Name</dt><dd className="text-slate-900">{org.name}</dd>
          <dt className="text-slate-500">Billing email</dt><dd className="break-all text-slate-900">{org.billingEmail ?? '—'}</dd>
          <dt className="text-slate-500">Created</dt><dd className="text-slate-900">{formatDateTime(org.createdAt)}</dd>
        </dl>
      )}
      {!canEdit && <p className="mt-3 text-xs text-slate-500">Only admins and owners change these settings.</p>}
      {org.role === 'owner' && <DeleteOrganization org={org} />}
    </Card>
  );
}

function SettingsForm({ org }: { org: Organization }) {
  const api = useApi();
  const queries = useQueryClient();
  const [name, setName] = useState(org.name);
  const [billingEmail, setBillingEmail] = useState(org.billingEmail ?? '');
  const save = useMutation({
    mutationFn: () => api.put<Organization>(`/api/v1/organizations/${org.id}`, { name: name.trim(), billingEmail: billingEmail.trim() || null }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['organizations'] }),
  });
  const fieldError = (field: string) => (isApiError(save.error) ? save.error.fieldError(field) : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
      <ProblemAlert error={save.error} title="The settings were not saved" />
      {save.isSuccess && <p role="status" className="text-sm text-emerald-700">Settings saved.</p>}
      <TextField label="Name" required maxLength={200} value={name} error={fieldError('name')}
        onChange={(e) => { setName(e.target.value); save.reset(); }} />
      <TextField label="Billing email" type="email" value={billingEmail} error={fieldError('billingEmail')}
        hint="Where invoices go; leave empty for none." onChange={(e) => { setBillingEmail(e.target.value); save.reset(); }} />
      <Button type="submit" busy={save.isPending}>Save settings</Button>
    </form>
  );
}

function DeleteOrganization({ org }: { org: Organization }) {
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  return (
    <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
      <p className="max-w-xl text-sm text-slate-600">
        Deleting the organization removes its memberships and invitations for everyone. It cannot be undone.
      </p>
      <ConfirmDialog
        trigger={<Button variant="danger" onClick={() => setTyped('')}>Delete organization</Button>}
        title={`Delete ${org.name}?`}
        description={
          <div className="space-y-3">
            <p>Every member loses access to {org.name}. Type its name to confirm.</p>
            <TextField label="Organization name to confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          </div>
        }
        confirmLabel="Delete organization"
        tone="danger"
        onConfirm={async () => {
          if (typed.trim() !== org.name) throw new Error(`Type “${org.name}” exactly to delete it.`);
          await api.delete(`/api/v1/organizations/${org.id}`);
          await queries.invalidateQueries({ queryKey: ['organizations'] });
          navigate('/', { replace: true });
        }}
      />
    </div>
  );
}
