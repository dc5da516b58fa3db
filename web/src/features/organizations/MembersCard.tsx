import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { hasRole, type Organization, type Role } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { controlClass } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../../ui/format';
import { DataTable } from '../../ui/Table';

/** A member as `GET /api/v1/organizations/{id}/members` lists them. */
export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export const ROLES: Role[] = ['viewer', 'developer', 'admin', 'owner'];

/** The roles {@code myRole} may hand out: owners any, admins up to admin. */
export function grantableRoles(myRole: Role): Role[] {
  return myRole === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner');
}

/** Everyone in the organization with their role; admins and owners change roles and remove people. */
export function MembersCard({ org }: { org: Organization }) {
  const api = useApi();
  const { user } = useAuth();
  const queries = useQueryClient();
  const canManage = hasRole(org.role, 'admin');
  const members = useQuery({
    queryKey: ['members', org.id],
    queryFn: ({ signal }) => api.get<Member[]>(`/api/v1/organizations/${org.id}/members`, undefined, signal),
  });
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.put<Member>(`/api/v1/organizations/${org.id}/members/${userId}`, { role }),
    onSuccess: async (_, { userId }) => {
      await queries.invalidateQueries({ queryKey: ['members', org.id] });
      // my own role changed: the organization list carries it
      if (userId === user?.id) await queries.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
  const remove = async (member: Member) => {
    await api.delete(`/api/v1/organizations/${org.id}/members/${member.userId}`);
    await queries.invalidateQueries({ queryKey: ['members', org.id] });
    // having left, the organization drops out of the switcher
    if (member.userId === user?.id) await queries.invalidateQueries({ queryKey: ['organizations'] });
  };
  const grantable = grantableRoles(org.role);
  return (
    <Card title={`Members${members.data ? ` (${members.data.length})` : ''}`}>
      {members.isLoading && <Spinner label="Loading members" />}
      <ProblemAlert error={members.error} title="The members could not be loaded" />
      {changeRole.error != null && <div className="mb-3"><ProblemAlert error={changeRole.error} title="The role was not changed" /></div>}
      {members.data?.length === 0 && (
        <EmptyState title="No members">Invite your team from the invitations below.</EmptyState>
      )}
      {members.data && members.data.length > 0 && (
        <DataTable columns={['Name', 'Email', 'Role', 'Joined', canManage && { label: 'Actions', srOnly: true, className: 'py-2' }]} bare tableClassName="w-full min-w-[36rem]" headClassName="py-2 pr-3">
          {members.data.map((m) => {
            const me = m.userId === user?.id;
            // admins manage admins and below; only owners touch owners
            const manageable = canManage && (org.role === 'owner' || m.role !== 'owner');
            return (
              <tr key={m.userId}>
                <td className="whitespace-nowrap py-2 pr-3 font-medium text-slate-900">{m.name}{me && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-slate-700">{m.email}</td>
                <td className="py-2 pr-3">
                  {manageable ? (
                    <select
                      aria-label={`Role of ${m.name}`}
                      className={`${controlClass} w-auto py-1`}
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                    >
                      {(grantable.includes(m.role) ? grantable : [...grantable, m.role]).map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  ) : <span className="text-slate-700">{m.role}</span>}
                </td>
                <td className="whitespace-nowrap py-2 pr-3 text-slate-500">{formatDateTime(m.joinedAt)}</td>
                {canManage && (
                  <td className="py-2 text-right">
                    {manageable && (
                      <ConfirmDialog
                        trigger={<Button variant="ghost" aria-label={`Remove ${m.name}`}>{me ? 'Leave' : 'Remove'}</Button>}
                        title={me ? `Leave ${org.name}?` : `Remove ${m.name}?`}
                        description={me
                          ? <p>You lose access to {org.name} and its projects.</p>
                          : <p>{m.name} ({m.email}) loses access to {org.name} and its projects.</p>}
                        confirmLabel={me ? 'Leave organization' : 'Remove member'}
                        tone="danger"
                        onConfirm={() => remove(m)}
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </DataTable>
      )}
      {!canManage && <p className="mt-3 text-xs text-slate-500">Only admins and owners change roles and invite people.</p>}
    </Card>
  );
}
