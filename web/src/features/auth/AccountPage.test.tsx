import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { readSession } from '../../auth/sessionStore';
import { renderPage } from '../../test/render';
import { problem, server, testUser } from '../../test/server';
import { AccountPage } from './AccountPage';
import type { Connection } from './AccountPage';

const CONNECTIONS = `/api/v1/users/${testUser.id}/connections`;
const github: Connection = { provider: 'github', accountId: '583231', login: 'alice-gh', scopes: ['read:user', 'repo'], linkedAt: '2026-11-20T09:00:00Z' };
const location = () => screen.getByTestId('location').textContent;

describe('AccountPage', () => {
  it('shows the profile and the linked accounts', async () => {
    server.use(http.get(CONNECTIONS, () => HttpResponse.json([github])));
    renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    expect(screen.getByRole('heading', { name: 'Your account' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Alice');
    expect(screen.getByText(/the email cannot be changed here/)).toBeInTheDocument();
    expect(await screen.findByText('alice-gh')).toBeInTheDocument();
    expect(screen.getByText(/read:user, repo/)).toBeInTheDocument();
  });

  it('says when no account is linked', async () => {
    server.use(http.get(CONNECTIONS, () => HttpResponse.json([])));
    renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    expect(await screen.findByText('No connected accounts')).toBeInTheDocument();
  });

  it('shows why the connections could not be loaded', async () => {
    server.use(http.get(CONNECTIONS, () => problem(500, 'internal', 'Something broke on our side.')));
    renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Something broke on our side.');
  });

  it('saves the name and updates the signed-in user', async () => {
    let body: unknown = null;
    server.use(
      http.get(CONNECTIONS, () => HttpResponse.json([])),
      http.put(`/api/v1/users/${testUser.id}`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...testUser, name: 'Alice Liddell' });
      }),
    );
    const { user } = renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), ' Alice Liddell ');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
    expect(body).toEqual({ name: 'Alice Liddell', avatarUrl: null });
    expect(readSession()?.user.name).toBe('Alice Liddell');
  });

  it('shows a refused field next to it', async () => {
    server.use(
      http.get(CONNECTIONS, () => HttpResponse.json([])),
      http.put(`/api/v1/users/${testUser.id}`, () => problem(400, 'validation', 'The request body is invalid.', {
        errors: [{ field: 'avatarUrl', message: 'must be an https URL' }],
      })),
    );
    const { user } = renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    await user.type(screen.getByLabelText('Avatar URL'), 'http://pics.example/a.png');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(screen.getByLabelText('Avatar URL')).toHaveAccessibleDescription(/must be an https URL/));
    expect(readSession()?.user.name).toBe('Alice');
  });

  it('unlinks a provider after confirmation', async () => {
    let deleted: string | null = null;
    let linked = [github];
    server.use(
      http.get(CONNECTIONS, () => HttpResponse.json(linked)),
      http.delete(`${CONNECTIONS}/:provider`, ({ params }) => {
        deleted = params.provider as string;
        linked = [];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    await user.click(await screen.findByRole('button', { name: 'Unlink GitHub' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(deleted).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Unlink GitHub' }));
    expect(await screen.findByText('No connected accounts')).toBeInTheDocument();
    expect(deleted).toBe('github');
  });

  it('deletes the account after confirmation and signs out', async () => {
    let deleted = false;
    server.use(
      http.get(CONNECTIONS, () => HttpResponse.json([])),
      http.delete(`/api/v1/users/${testUser.id}`, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.post('/api/v1/auth/logout', () => new HttpResponse(null, { status: 204 })),
    );
    const { user } = renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete my account' }));
    await waitFor(() => expect(location()).toBe('/login'));
    expect(deleted).toBe(true);
    expect(readSession()).toBeNull();
  });

  it('keeps the account of an only owner and says why', async () => {
    server.use(
      http.get(CONNECTIONS, () => HttpResponse.json([])),
      http.delete(`/api/v1/users/${testUser.id}`, () => problem(409, 'sole-owner',
        'You are the only owner of an organization: make someone else owner or delete it first.')),
    );
    const { user } = renderPage(<AccountPage />, { gate: 'auth', route: '/account' });
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You are the only owner of an organization');
    expect(readSession()).not.toBeNull();
  });
});
