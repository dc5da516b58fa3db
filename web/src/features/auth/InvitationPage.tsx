import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { useOrgs } from '../../org/OrgProvider';
import { Badge, type Tone } from '../../ui/Badge';
import { Button, LinkButton } from '../../ui/Button';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../../ui/format';
import { withNext } from './continuation';
import { PublicShell } from './PublicShell';

/** An invitation as the API shows it (the token only in the answer to the invite itself). */
export interface Invitation {
  id: string;
  organizationId: string;
  organizationName: string | null;
  email: string;
  role: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired' | string;
  expiresAt: string;
  token?: string;
}

export const INVITATION_TONES: Record<string, Tone> = { pending: 'blue', accepted: 'green', declined: 'gray', expired: 'amber' };

const CLOSED: Record<string, string> = {
  accepted: 'This invitation has already been accepted. Each invitation link works once.',
  declined: 'This invitation was declined. Ask an admin of the organization for a new one.',
  expired: 'This invitation has expired (invitations are valid for 7 days). Ask an admin of the organization for a new one.',
};

/** `/invitations/:token`: what the invitation is for; accept or decline it signed in with the invited email. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { status, user } = useAuth();
  const { select } = useOrgs();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const here = `/invitations/${encodeURIComponent(token)}`;
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api.get<Invitation>(`/api/v1/invitations/${encodeURIComponent(token)}`, undefined, signal),
  });
  const accept = useMutation({
    mutationFn: () => api.post<Invitation>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: async (answer) => {
      queries.setQueryData(['invitation', token], answer);
      await queries.invalidateQueries({ queryKey: ['organizations'] });
      select(answer.organizationId);
      navigate('/', { replace: true });
    },
  });
  const decline = useMutation({
    mutationFn: () => api.post<Invitation>(`/api/v1/invitations/${encodeURIComponent(token)}/decline`),
    onSuccess: (answer) => queries.setQueryData(['invitation', token], answer),
  });

  if (invitation.isLoading || status === 'loading') {
    return <PublicShell title="Invitation"><Spinner label="Loading the invitation" /></PublicShell>;
  }
  if (invitation.error != null || !invitation.data) {
    const notFound = isApiError(invitation.error) && invitation.error.status === 404;
    return (
      <PublicShell title={notFound ? 'Invitation not found' : 'Invitation'}>
        <ProblemAlert error={invitation.error} title={notFound ? 'This invitation link is not valid' : 'The invitation could not be loaded'} />
        <p className="mt-3 text-sm text-slate-600">Check that you opened the whole link, or ask the person who invited you for a new one.</p>
        <div className="mt-4"><LinkButton to="/" variant="secondary">Go to AutoDeploy</LinkButton></div>
      </PublicShell>
    );
  }
  const inv = invitation.data;
  const orgName = inv.organizationName ?? 'an organization';
  const otherEmail = user && user.email.toLowerCase() !== inv.email.toLowerCase();
  return (
    <PublicShell title={`Join ${orgName}`} description="You have been invited to an organization on AutoDeploy." wide>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Organization</dt><dd className="font-medium text-slate-900">{orgName}</dd>
        <dt className="text-slate-500">Role</dt><dd className="text-slate-900">{inv.role}</dd>
        <dt className="text-slate-500">Sent to</dt><dd className="break-all text-slate-900">{inv.email}</dd>
        <dt className="text-slate-500">Status</dt>
        <dd><Badge tone={INVITATION_TONES[inv.status] ?? 'gray'} label={`status ${inv.status}`}>{inv.status}</Badge></dd>
        <dt className="text-slate-500">{inv.status === 'expired' ? 'Expired' : 'Expires'}</dt><dd className="text-slate-900">{formatDateTime(inv.expiresAt)}</dd>
      </dl>
      <div className="mt-5 space-y-4">
        {inv.status !== 'pending' ? (
          <>
            <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{CLOSED[inv.status] ?? `This invitation is ${inv.status}.`}</p>
            <LinkButton to="/" variant="secondary">Go to AutoDeploy</LinkButton>
          </>
        ) : status === 'signed-in' ? (
          <>
            {otherEmail && (
              <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                You are signed in as {user.email}; this invitation was sent to {inv.email}. Sign in with that email to accept it.
              </p>
            )}
            <ProblemAlert error={accept.error ?? decline.error} title="The invitation could not be answered" />
            <div className="flex flex-wrap gap-2">
              <Button busy={accept.isPending} disabled={decline.isPending} onClick={() => { decline.reset(); accept.mutate(); }}>Accept invitation</Button>
              <Button variant="secondary" busy={decline.isPending} disabled={accept.isPending} onClick={() => { accept.reset(); decline.mutate(); }}>Decline</Button>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">Sign in or create an account with {inv.email} to accept this invitation.</p>
            <div className="flex flex-wrap gap-2">
              <LinkButton to={withNext('/login', here)}>Sign in to accept</LinkButton>
              <LinkButton to={withNext('/signup', here)} variant="secondary">Create an account</LinkButton>
            </div>
          </>
        )}
      </div>
    </PublicShell>
  );
}
