import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../api/types';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg, testUser } from '../../test/server';
import type { Invitation } from '../auth/InvitationPage';
import type { Member } from './MembersCard';
import { OrganizationPage } from './OrganizationPage';

const ORG = `/api/v1/organizations/${testOrg.id}`;
const alice: Member = { userId: testUser.id, email: testUser.email, name: 'Alice', role: 'owner', joinedAt: '2026-11-01T10:00:00Z' };
const bob: Member = { userId: '00000000-0000-4000-8000-000000000002', email: 'bob@example.test', name: 'Bob', role: 'developer', joinedAt: '2026-11-05T10:00:00Z' };
const pendingInvitation: Invitation = {
  id: 'i1', organizationId: testOrg.id, organizationName: testOrg.name, email: 'carol@example.test', role: 'viewer',
  status: 'pending', expiresAt: '2026-12-09T10:00:00Z',
};
const location = () => screen.getByTestId('location').textContent;

function open(role: Role = 'owner', members: Member[] = [{ ...alice, role }, bob], invitations: Invitation[] = [pendingInvitation]) {
  server.use(
    http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role }]))),
    http.get(`${ORG}/members`, () => HttpResponse.json(members)),
    http.get(`${ORG}/invitations`, () => HttpResponse.json(invitations)),
  );
  return renderPage(<OrganizationPage />, { route: '/organization' });
}

describe('OrganizationPage', () => {
  it('shows the settings, the members with their roles and the invitations', async () => {
    open();
    expect(await screen.findByRole('heading', { name: 'Acme Robotics', level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Acme Robotics');
    const members = (await screen.findAllByRole('table'))[0];
    expect(within(members).getByText('bob@example.test')).toBeInTheDocument();
    expect(within(members).getByRole('columnheader', { name: 'Role' })).toBeInTheDocument();
    expect(screen.getByLabelText('Role of Bob')).toHaveValue('developer');
    expect(await screen.findByText('carol@example.test')).toBeInTheDocument();
    expect(screen.getByLabelText('status pending')).toBeInTheDocument();
  });

  it('saves the name and billing email', async () => {
    let body: unknown = null;
    server.use(http.put(ORG, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ ...testOrg, name: 'Acme Robots', billingEmail: 'billing@acme.test' });
    }));
    const { user } = open();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Acme Robots');
    await user.type(screen.getByLabelText('Billing email'), 'billing@acme.test');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(body).toEqual({ name: 'Acme Robots', billingEmail: 'billing@acme.test' });
  });

  it('shows a refused billing email next to the field', async () => {
    server.use(http.put(ORG, () => problem(400, 'validation', 'The request body is invalid.', {
      errors: [{ field: 'billingEmail', message: 'must be a well-formed email address' }],
    })));
    const { user } = open();
    await user.type(await screen.findByLabelText('Billing email'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByLabelText('Billing email')).toHaveAccessibleDescription(/must be a well-formed email address/));
  });

  it('changes a member role', async () => {
    let body: unknown = null;
    let members = [alice, bob];
    server.use(http.put(`${ORG}/members/${bob.userId}`, async ({ request }) => {
      body = await request.json();
      members = [alice, { ...bob, role: 'admin' }];
      return HttpResponse.json(members[1]);
    }));
    const { user } = open();
    server.use(http.get(`${ORG}/members`, () => HttpResponse.json(members)));
    await user.selectOptions(await screen.findByLabelText('Role of Bob'), 'admin');
    await waitFor(() => expect(screen.getByLabelText('Role of Bob')).toHaveValue('admin'));
    expect(body).toEqual({ role: 'admin' });
  });

  it('shows the last-owner problem', async () => {
    server.use(http.put(`${ORG}/members/${alice.userId}`, () =>
      problem(409, 'last-owner', 'An organization needs an owner: make someone else owner first.')));
    const { user } = open();
    await user.selectOptions(await screen.findByLabelText('Role of Alice'), 'admin');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The role was not changed');
    expect(alert).toHaveTextContent('make someone else owner first');
  });

  it('removes a member after confirmation', async () => {
    let removed = false;
    let members = [alice, bob];
    server.use(http.delete(`${ORG}/members/${bob.userId}`, () => {
      removed = true;
      members = [alice];
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = open();
    server.use(http.get(`${ORG}/members`, () => HttpResponse.json(members)));
    await user.click(await screen.findByRole('button', { name: 'Remove Bob' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(removed).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(screen.queryByText('bob@example.test')).not.toBeInTheDocument());
    expect(removed).toBe(true);
  });

  it('invites a member and shows the link once', async () => {
    let body: unknown = null;
    server.use(http.post(`${ORG}/invitations`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ ...pendingInvitation, id: 'i2', email: 'dave@example.test', role: 'admin', token: 'secret-token-1' }, { status: 201 });
    }));
    const { user } = open();
    await screen.findByText('carol@example.test');
    await user.click(screen.getByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite member' });
    await user.type(within(dialog).getByLabelText('Email'), 'dave@example.test');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));
    const link = await within(dialog).findByLabelText('Invitation link');
    expect(link).toHaveValue(`${window.location.origin}/invitations/secret-token-1`);
    expect(link).toHaveAccessibleDescription(/shown only now/);
    expect(body).toEqual({ email: 'dave@example.test', role: 'admin' });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByText(/secret-token-1/)).not.toBeInTheDocument();
  });

  it('shows a refused invitation email next to the field', async () => {
    server.use(http.post(`${ORG}/invitations`, () => problem(400, 'validation', 'The request body is invalid.', {
      errors: [{ field: 'email', message: 'must be a well-formed email address' }],
    })));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite member' });
    await user.type(within(dialog).getByLabelText('Email'), 'dave');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Email')).toHaveAccessibleDescription('must be a well-formed email address'));
  });

  it('says when there are no invitations yet', async () => {
    open('owner', [alice, bob], []);
    expect(await screen.findByText('No invitations yet')).toBeInTheDocument();
  });

  it('shows a problem loading the members', async () => {
    server.use(http.get(`${ORG}/members`, () => problem(503, 'unavailable', 'auth-service is restarting.')));
    renderPage(<OrganizationPage />, { route: '/organization' });
    server.use(http.get(`${ORG}/invitations`, () => HttpResponse.json([])));
    expect(await screen.findByText('auth-service is restarting.')).toBeInTheDocument();
  });

  it('deletes the organization only once its name is typed', async () => {
    let deleted = false;
    server.use(http.delete(ORG, () => {
      deleted = true;
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Delete organization' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete organization' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Type “Acme Robotics” exactly');
    expect(deleted).toBe(false);
    await user.type(within(dialog).getByLabelText('Organization name to confirm'), 'Acme Robotics');
    await user.click(within(dialog).getByRole('button', { name: 'Delete organization' }));
    await waitFor(() => expect(deleted).toBe(true));
    await waitFor(() => expect(location()).toBe('/'));
  });

  it('lets an admin manage members but not owners, grant ownership or delete the organization', async () => {
    open('admin', [{ ...alice, role: 'owner', userId: 'o1', name: 'Olivia' }, { ...alice, role: 'admin' }, bob]);
    const bobRole = await screen.findByLabelText('Role of Bob');
    expect(within(bobRole).queryByRole('option', { name: 'owner' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Role of Olivia')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Olivia' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete organization' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Invite member' })).toBeInTheDocument();
  });

  it('shows a viewer read-only lists and no invitations', async () => {
    server.use(http.get(`${ORG}/invitations`, () => problem(403, 'insufficient-role', 'This needs the admin role or higher.')));
    open('viewer');
    expect(await screen.findByText('bob@example.test')).toBeInTheDocument();
    expect(screen.queryByLabelText('Role of Bob')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete organization' })).not.toBeInTheDocument();
    expect(screen.queryByText('Invitations')).not.toBeInTheDocument();
    expect(screen.getByText('Only admins and owners change these settings.')).toBeInTheDocument();
  });
});
