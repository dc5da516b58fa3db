import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../../ui/format';

/** A linked provider account as `GET /api/v1/users/{id}/connections` lists it (never a token). */
export interface Connection {
  provider: string;
  accountId: string;
  login: string | null;
  scopes: string[];
  linkedAt: string;
}

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', vercel: 'Vercel' };

/** `/account`: the signed-in user's profile, linked provider accounts, and deleting the account. */
export function AccountPage() {
  const { user } = useAuth();
  if (!user) return <Spinner label="Loading your account" />;
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description={user.email} />
      <ProfileCard user={user} />
      <ConnectionsCard userId={user.id} />
      <DeleteAccountCard userId={user.id} />
    </div>
  );
}

function ProfileCard({ user }: { user: User }) {
  const api = useApi();
  const { updateUser } = useAuth();
  const [name, setName] = useState(user.name);
  const [avatarUrl, setAvatarUrl] = useState(user.avatarUrl ?? '');
  const save = useMutation({
    mutationFn: () => api.put<User>(`/api/v1/users/${user.id}`, { name: name.trim(), avatarUrl: avatarUrl.trim() || null }),
    onSuccess: (saved) => updateUser(saved),
  });
  const fieldError = (field: string) => (isApiError(save.error) ? save.error.fieldError(field) : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card title="Profile">
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <ProblemAlert error={save.error} title="Your profile was not saved" />
        {save.isSuccess && !save.isPending && <p role="status" className="text-sm text-emerald-700">Profile saved.</p>}
        <TextField label="Name" autoComplete="name" required value={name} error={fieldError('name')}
          onChange={(e) => { setName(e.target.value); save.reset(); }} />
        <TextField label="Avatar URL" type="url" placeholder="https://…" value={avatarUrl} error={fieldError('avatarUrl')}
          hint="An https address of a picture; leave empty for none." onChange={(e) => { setAvatarUrl(e.target.value); save.reset(); }} />
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">Email</p>
          <p className="break-all text-sm text-slate-900">
            {user.email}{' '}
            <span className="text-xs text-slate-500">({user.emailVerified ? 'verified' : 'not verified'}; the email cannot be changed here)</span>
          </p>
        </div>
        <Button type="submit" busy={save.isPending}>Save profile</Button>
      </form>
    </Card>
  );
}

function ConnectionsCard({ userId }: { userId: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const connections = useQuery({
    queryKey: ['connections', userId],
    queryFn: ({ signal }) => api.get<Connection[]>(`/api/v1/users/${userId}/connections`, undefined, signal),
  });
  const unlink = async (provider: string) => {
    await api.delete(`/api/v1/users/${userId}/connections/${provider}`);
    await queries.invalidateQueries({ queryKey: ['connections', userId] });
  };
  return (
    <Card title="Connected accounts">
      {connections.isLoading && <Spinner label="Loading connected accounts" />}
      {connections.error != null && <ProblemAlert error={connections.error} title="Connected accounts could not be loaded" />}
      {connections.data?.length === 0 && (
        <EmptyState title="No connected accounts">
          Signing in with GitHub links your GitHub account here, so that AutoDeploy can read your private repositories.
        </EmptyState>
      )}
      {connections.data && connections.data.length > 0 && (
        <ul className="divide-y divide-slate-200">
          {connections.data.map((c) => {
            const providerName = PROVIDER_NAMES[c.provider] ?? c.provider;
            return (
              <li key={c.provider} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">{providerName}{c.login ? <> · <span className="font-mono">{c.login}</span></> : null}</p>
                  <p className="text-xs text-slate-500">
                    Linked {formatDateTime(c.linkedAt)}{c.scopes.length > 0 && <> · scopes: <span className="break-all font-mono">{c.scopes.join(', ')}</span></>}
                  </p>
                </div>
                <ConfirmDialog
                  trigger={<Button variant="secondary">Unlink {providerName}</Button>}
                  title={`Unlink ${providerName}?`}
                  description={<p>AutoDeploy forgets its {providerName} token for {c.login ?? 'this account'}. Projects that use it stop working with {providerName} until you link it again.</p>}
                  confirmLabel={`Unlink ${providerName}`}
                  tone="danger"
                  onConfirm={() => unlink(c.provider)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function DeleteAccountCard({ userId }: { userId: string }) {
  const api = useApi();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Card title="Delete account">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-xl text-sm text-slate-600">
          Deleting your account removes your profile, your sessions, your memberships and your connected accounts. It cannot be undone.
          An organization you are the only owner of needs another owner first.
        </p>
        <ConfirmDialog
          trigger={<Button variant="danger">Delete account</Button>}
          title="Delete your account?"
          description={<p>Your account and everything tied to it is deleted now, and you are signed out.</p>}
          confirmLabel="Delete my account"
          tone="danger"
          onConfirm={async () => {
            await api.delete(`/api/v1/users/${userId}`);
            await logout();
            navigate('/login', { replace: true });
          }}
        />
      </div>
    </Card>
  );
}
