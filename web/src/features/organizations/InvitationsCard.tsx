import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import type { Organization, Role } from '../../api/types';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Modal } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../../ui/format';
import { INVITATION_TONES, type Invitation } from '../auth/InvitationPage';
import { grantableRoles } from './MembersCard';
import { DataTable } from '../../ui/Table';

/** The organization's invitations (admins and owners) and inviting someone, whose link is shown once. */
export function InvitationsCard({ org }: { org: Organization }) {
  const api = useApi();
  const [inviting, setInviting] = useState(false);
  const invitations = useQuery({
    queryKey: ['invitations', org.id],
    queryFn: ({ signal }) => api.get<Invitation[]>(`/api/v1/organizations/${org.id}/invitations`, undefined, signal),
  });
  const invite = <Button onClick={() => setInviting(true)}>Invite member</Button>;
  return (
    <Card title="Invitations" actions={invite}>
      {invitations.isLoading && <Spinner label="Loading invitations" />}
      <ProblemAlert error={invitations.error} title="The invitations could not be loaded" />
      {invitations.data?.length === 0 && (
        <EmptyState title="No invitations yet" action={<Button variant="secondary" onClick={() => setInviting(true)}>Invite member</Button>}>
          Invite someone by email; you get a link to pass on to them.
        </EmptyState>
      )}
      {invitations.data && invitations.data.length > 0 && (
        <DataTable columns={['Email', 'Role', 'Status', { label: 'Expires', className: 'py-2' }]} bare tableClassName="w-full min-w-[32rem]" headClassName="py-2 pr-3">
          {invitations.data.map((inv) => (
            <tr key={inv.id}>
              <td className="whitespace-nowrap py-2 pr-3 text-slate-900">{inv.email}</td>
              <td className="py-2 pr-3 text-slate-700">{inv.role}</td>
              <td className="py-2 pr-3"><Badge tone={INVITATION_TONES[inv.status] ?? 'gray'} label={`status ${inv.status}`}>{inv.status}</Badge></td>
              <td className="whitespace-nowrap py-2 text-slate-500">{formatDateTime(inv.expiresAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Modal open={inviting} onOpenChange={setInviting} title="Invite member"
        description="No email is sent: pass the invitation link on to them yourself.">
        {inviting && <InviteForm org={org} onDone={() => setInviting(false)} />}
      </Modal>
    </Card>
  );
}

function InviteForm({ org, onDone }: { org: Organization; onDone: () => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [copied, setCopied] = useState<boolean | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<Invitation>(`/api/v1/organizations/${org.id}/invitations`, { email: email.trim(), role }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['invitations', org.id] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  if (create.data?.token) {
    const link = `${window.location.origin}/invitations/${encodeURIComponent(create.data.token)}`;
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(link);
        setCopied(true);
      } catch {
        setCopied(false);
      }
    };
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          {create.data.email} is invited as {create.data.role}. Send them this link; it works once and for 7 days.
        </p>
        <TextField label="Invitation link" readOnly value={link} onFocus={(e) => e.target.select()}
          hint="This link is shown only now: AutoDeploy keeps no copy of it. Copy it before closing." />
        {copied === true && <p role="status" className="text-sm text-emerald-700">Link copied.</p>}
        {copied === false && <p role="status" className="text-sm text-amber-700">Copying is not allowed here; select the link and copy it.</p>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => void copy()}>Copy link</Button>
          <Button onClick={onDone}>Done</Button>
        </div>
      </div>
    );
  }
  const fieldError = (field: string) => (isApiError(create.error) ? create.error.fieldError(field) : undefined);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <ProblemAlert error={create.error} title="The invitation was not created" />
      <TextField label="Email" type="email" required autoFocus value={email} error={fieldError('email')}
        onChange={(e) => setEmail(e.target.value)} />
      <SelectField label="Role" value={role} error={fieldError('role')} onChange={(e) => setRole(e.target.value as Role)}
        hint="Viewers read; developers deploy; admins manage members; owners also delete the organization.">
        {grantableRoles(org.role).map((r) => <option key={r} value={r}>{r}</option>)}
      </SelectField>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" busy={create.isPending}>Create invitation</Button>
      </div>
    </form>
  );
}
