import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readSession } from '../../auth/sessionStore';
import { renderPage } from '../../test/render';
import { problem, server, testSession, testUser } from '../../test/server';
import { GITHUB_PENDING_KEY } from './github';
import { browser } from './GitHubSignInButton';
import { LoginPage } from './LoginPage';

const location = () => screen.getByTestId('location').textContent;

describe('LoginPage', () => {
  beforeEach(() => {
    server.use(http.get('/api/v1/auth/providers', () => HttpResponse.json({ github: false, vercel: false })));
    window.sessionStorage.clear();
  });

  it('signs in with email and password and goes on to next', async () => {
    let body: unknown = null;
    server.use(http.post('/api/v1/auth/login', async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(testSession());
    }));
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login?next=%2Fprojects%2Fp1', path: '/login', session: null });
    await user.type(screen.getByLabelText('Email'), ' alice@example.test ');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(location()).toBe('/projects/p1'));
    expect(body).toEqual({ email: 'alice@example.test', password: 'correct horse battery' });
    expect(readSession()?.user.id).toBe(testUser.id);
  });

  it('goes to the overview without next, and ignores a next leading off the site', async () => {
    server.use(http.post('/api/v1/auth/login', () => HttpResponse.json(testSession())));
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login?next=%2F%2Fevil.example', path: '/login', session: null });
    await user.type(screen.getByLabelText('Email'), 'alice@example.test');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(location()).toBe('/'));
  });

  it('shows a wrong password and stays on the page', async () => {
    server.use(http.post('/api/v1/auth/login', () => problem(401, 'invalid-credentials', 'Email or password is wrong.')));
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login', session: null });
    await user.type(screen.getByLabelText('Email'), 'alice@example.test');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not sign you in');
    expect(alert).toHaveTextContent('Email or password is wrong.');
    expect(location()).toBe('/login');
    expect(readSession()).toBeNull();
  });

  it('explains the rate limit', async () => {
    server.use(http.post('/api/v1/auth/login', () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } })));
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login', session: null });
    await user.type(screen.getByLabelText('Email'), 'alice@example.test');
    await user.type(screen.getByLabelText('Password'), 'whatever it is');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many sign-in attempts');
    expect(alert).toHaveTextContent('try again in 30 s');
  });

  it('shows field errors next to the fields', async () => {
    server.use(http.post('/api/v1/auth/login', () =>
      problem(400, 'validation', 'The request body is invalid.', { errors: [{ field: 'email', message: 'must be a well-formed email address' }] })));
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login', session: null });
    await user.type(screen.getByLabelText('Email'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'whatever it is');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('must be a well-formed email address'));
  });

  it('sends someone already signed in on to next', async () => {
    renderPage(<LoginPage />, { gate: false, route: '/login?next=%2Fdeployments', path: '/login' });
    await waitFor(() => expect(location()).toBe('/deployments'));
  });

  it('links to sign-up keeping next', async () => {
    renderPage(<LoginPage />, { gate: false, route: '/login?next=%2Finvitations%2Ftok', path: '/login', session: null });
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Finvitations%2Ftok');
  });

  it('offers GitHub only when it is configured', async () => {
    let asked = false;
    server.use(http.get('/api/v1/auth/providers', () => {
      asked = true;
      return HttpResponse.json({ github: false, vercel: true });
    }));
    renderPage(<LoginPage />, { gate: false, route: '/login', session: null });
    await waitFor(() => expect(asked).toBe(true));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(screen.queryByRole('button', { name: 'Sign in with GitHub' })).not.toBeInTheDocument();
  });

  it('starts GitHub sign-in with the callback URI and keeps the state and next for the way back', async () => {
    let redirectUri: string | null = null;
    server.use(
      http.get('/api/v1/auth/providers', () => HttpResponse.json({ github: true, vercel: false })),
      http.get('/api/v1/auth/github/url', ({ request }) => {
        redirectUri = new URL(request.url).searchParams.get('redirectUri');
        return HttpResponse.json({ url: 'https://github.com/login/oauth/authorize?state=st-1', state: 'st-1' });
      }),
    );
    const go = vi.spyOn(browser, 'go').mockImplementation(() => {});
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login?next=%2Fprojects', path: '/login', session: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://github.com/login/oauth/authorize?state=st-1'));
    expect(redirectUri).toBe(`${window.location.origin}/auth/github/callback`);
    expect(JSON.parse(window.sessionStorage.getItem(GITHUB_PENDING_KEY) ?? '{}')).toEqual({ state: 'st-1', next: '/projects' });
    go.mockRestore();
  });

  it('shows why GitHub sign-in could not start', async () => {
    server.use(
      http.get('/api/v1/auth/providers', () => HttpResponse.json({ github: true, vercel: false })),
      http.get('/api/v1/auth/github/url', () => problem(400, 'redirect-uri-not-allowed', 'This redirect URI is not allowed.')),
    );
    const { user } = renderPage(<LoginPage />, { gate: false, route: '/login', session: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This redirect URI is not allowed.');
  });
});
