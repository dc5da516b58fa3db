import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ORG_KEY } from '../../org/OrgProvider';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { InvitationPage, type Invitation } from './InvitationPage';

const other = { ...testOrg, id: '00000000-0000-4000-8000-0000000000b2', name: 'Globex', role: 'developer' as const };
const invitation: Invitation = {
  id: 'i1', organizationId: other.id, organizationName: 'Globex', email: 'alice@example.test', role: 'developer',
  status: 'pending', expiresAt: '2026-12-09T10:00:00Z',
};
const ROUTE = { route: '/invitations/tok-1', path: '/invitations/:token', gate: false } as const;
const location = () => screen.getByTestId('location').textContent;

describe('InvitationPage', () => {
  it('shows the invitation to someone signed out, with sign-in and sign-up leading back here', async () => {
    server.use(http.get('/api/v1/invitations/tok-1', () => HttpResponse.json(invitation)));
    renderPage(<InvitationPage />, { ...ROUTE, session: null });
    expect(await screen.findByRole('heading', { name: 'Join Globex' })).toBeInTheDocument();
    expect(screen.getByText('developer')).toBeInTheDocument();
    expect(screen.getByLabelText('status pending')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in to accept' })).toHaveAttribute('href', '/login?next=%2Finvitations%2Ftok-1');
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Finvitations%2Ftok-1');
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });

  it('accepts it, selects the organization and goes to the overview', async () => {
    let accepted = false;
    let orgs = [testOrg];
    server.use(
      http.get('/api/v1/invitations/tok-1', () => HttpResponse.json(invitation)),
      http.get('/api/v1/organizations', () => HttpResponse.json(page(orgs))),
      http.post('/api/v1/invitations/tok-1/accept', () => {
        accepted = true;
        orgs = [testOrg, other];
        return HttpResponse.json({ ...invitation, status: 'accepted' });
      }),
    );
    const { user } = renderPage(<InvitationPage />, ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    await waitFor(() => expect(location()).toBe('/'));
    expect(accepted).toBe(true);
    expect(window.localStorage.getItem(ORG_KEY)).toBe(other.id);
  });

  it('declines it', async () => {
    server.use(
      http.get('/api/v1/invitations/tok-1', () => HttpResponse.json(invitation)),
      http.post('/api/v1/invitations/tok-1/decline', () => HttpResponse.json({ ...invitation, status: 'declined' })),
    );
    const { user } = renderPage(<InvitationPage />, ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    expect(await screen.findByLabelText('status declined')).toBeInTheDocument();
    expect(screen.getByText(/This invitation was declined/)).toBeInTheDocument();
    expect(location()).toBe('/invitations/tok-1');
  });

  it('shows why accepting was refused', async () => {
    server.use(
      http.get('/api/v1/invitations/tok-1', () => HttpResponse.json({ ...invitation, email: 'bob@example.test' })),
      http.post('/api/v1/invitations/tok-1/accept', () =>
        problem(403, 'invitation-for-someone-else', 'This invitation was sent to another email address.')),
    );
    const { user } = renderPage(<InvitationPage />, ROUTE);
    expect(await screen.findByText(/You are signed in as alice@example.test/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation was sent to another email address.');
  });

  it('explains an expired invitation and offers no answer', async () => {
    server.use(http.get('/api/v1/invitations/tok-1', () => HttpResponse.json({ ...invitation, status: 'expired' })));
    renderPage(<InvitationPage />, ROUTE);
    expect(await screen.findByText(/This invitation has expired/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });

  it('explains a used invitation', async () => {
    server.use(http.get('/api/v1/invitations/tok-1', () => HttpResponse.json({ ...invitation, status: 'accepted' })));
    renderPage(<InvitationPage />, { ...ROUTE, session: null });
    expect(await screen.findByText(/already been accepted/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sign in to accept' })).not.toBeInTheDocument();
  });

  it('says when the link is not valid', async () => {
    server.use(http.get('/api/v1/invitations/tok-1', () => problem(404, 'invitation-not-found', 'No such invitation.')));
    renderPage(<InvitationPage />, { ...ROUTE, session: null });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This invitation link is not valid');
    expect(alert).toHaveTextContent('No such invitation.');
  });
});
