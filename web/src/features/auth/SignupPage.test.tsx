import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSession } from '../../auth/sessionStore';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg, testSession } from '../../test/server';
import { SignupPage } from './SignupPage';

const location = () => screen.getByTestId('location').textContent;

async function fillIn(user: ReturnType<typeof renderPage>['user']) {
  await user.type(screen.getByLabelText('Name'), 'Bob');
  await user.type(screen.getByLabelText('Email'), 'bob@example.test');
  await user.type(screen.getByLabelText('Password'), 'long enough secret');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignupPage', () => {
  beforeEach(() => {
    server.use(http.get('/api/v1/auth/providers', () => HttpResponse.json({ github: false, vercel: false })));
  });

  it('creates the account and, without an organization yet, goes on to create one', async () => {
    let body: unknown = null;
    server.use(
      http.post('/api/v1/auth/register', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(testSession({ user: { ...testSession().user, name: 'Bob', email: 'bob@example.test' } }), { status: 201 });
      }),
      http.get('/api/v1/organizations', () => HttpResponse.json(page([]))),
    );
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup', session: null });
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 10 characters.');
    await fillIn(user);
    await waitFor(() => expect(location()).toBe('/organizations/new'));
    expect(body).toEqual({ name: 'Bob', email: 'bob@example.test', password: 'long enough secret' });
    expect(readSession()?.user.name).toBe('Bob');
  });

  it('goes to next when the user already belongs to an organization', async () => {
    server.use(
      http.post('/api/v1/auth/register', () => HttpResponse.json(testSession(), { status: 201 })),
      http.get('/api/v1/organizations', () => HttpResponse.json(page([testOrg]))),
    );
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup?next=%2Frepositories', path: '/signup', session: null });
    await fillIn(user);
    await waitFor(() => expect(location()).toBe('/repositories'));
  });

  it('takes an invited user back to the invitation', async () => {
    server.use(
      http.post('/api/v1/auth/register', () => HttpResponse.json(testSession(), { status: 201 })),
      http.get('/api/v1/organizations', () => HttpResponse.json(page([]))),
    );
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup?next=%2Finvitations%2Ftok-1', path: '/signup', session: null });
    await fillIn(user);
    await waitFor(() => expect(location()).toBe('/invitations/tok-1'));
  });

  it('shows the field errors next to the fields', async () => {
    server.use(http.post('/api/v1/auth/register', () => problem(400, 'validation', 'The request body is invalid.', {
      errors: [{ field: 'password', message: 'must be 10 to 128 characters' }, { field: 'name', message: 'must not be blank' }],
    })));
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup', session: null });
    await fillIn(user);
    await waitFor(() => expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 10 characters. must be 10 to 128 characters'));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('must not be blank');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(readSession()).toBeNull();
  });

  it('says clearly that the email is taken and offers to sign in', async () => {
    server.use(http.post('/api/v1/auth/register', () => problem(409, 'email-taken', 'An account with this email already exists.')));
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup?next=%2Fprojects', path: '/signup', session: null });
    await fillIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('This email already has an account.');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('An account with this email already exists.');
    expect(screen.getByRole('link', { name: 'Sign in instead' })).toHaveAttribute('href', '/login?next=%2Fprojects');
  });

  it('shows any other problem', async () => {
    server.use(http.post('/api/v1/auth/register', () => problem(503, 'unavailable', 'auth-service is restarting.')));
    const { user } = renderPage(<SignupPage />, { gate: false, route: '/signup', session: null });
    await fillIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('auth-service is restarting.');
  });
});
