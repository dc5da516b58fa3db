import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSession } from '../../auth/sessionStore';
import { renderPage } from '../../test/render';
import { problem, server, testSession, testUser } from '../../test/server';
import { GitHubCallbackPage } from './GitHubCallbackPage';
import { GITHUB_PENDING_KEY } from './github';

const location = () => screen.getByTestId('location').textContent;
const pending = (state: string, next: string | null = null) =>
  window.sessionStorage.setItem(GITHUB_PENDING_KEY, JSON.stringify({ state, next }));
const PATH = '/auth/github/callback';

describe('GitHubCallbackPage', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('posts the code and its state once, adopts the session and goes on to next', async () => {
    const bodies: unknown[] = [];
    server.use(http.post('/api/v1/auth/github/callback', async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json(testSession({ accessToken: 'from-github' }));
    }));
    pending('st-1', '/projects/p1');
    renderPage(<GitHubCallbackPage />, { gate: false, route: `${PATH}?code=c-1&state=st-1`, path: PATH, session: null });
    await waitFor(() => expect(location()).toBe('/projects/p1'));
    expect(bodies).toEqual([{ code: 'c-1', state: 'st-1' }]);
    expect(readSession()?.accessToken).toBe('from-github');
    expect(readSession()?.user.id).toBe(testUser.id);
    expect(window.sessionStorage.getItem(GITHUB_PENDING_KEY)).toBeNull();
  });

  it('refuses a state this browser was not given, without posting it', async () => {
    let posted = false;
    server.use(http.post('/api/v1/auth/github/callback', () => {
      posted = true;
      return HttpResponse.json(testSession());
    }));
    pending('st-mine', '/projects');
    renderPage(<GitHubCallbackPage />, { gate: false, route: `${PATH}?code=c-1&state=st-someone-else`, path: PATH, session: null });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This sign-in was refused');
    expect(alert).toHaveTextContent('not started in this browser');
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login?next=%2Fprojects');
    expect(posted).toBe(false);
    expect(readSession()).toBeNull();
  });

  it('shows the server refusing the state', async () => {
    server.use(http.post('/api/v1/auth/github/callback', () =>
      problem(400, 'invalid-oauth-state', 'The authorization state is missing, unknown, expired or already used. Start again.')));
    pending('st-1');
    renderPage(<GitHubCallbackPage />, { gate: false, route: `${PATH}?code=c-1&state=st-1`, path: PATH, session: null });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Signing in with GitHub failed');
    expect(alert).toHaveTextContent('expired or already used');
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
    expect(readSession()).toBeNull();
  });

  it('shows what GitHub said when the user did not authorize', async () => {
    pending('st-1');
    renderPage(<GitHubCallbackPage />, {
      gate: false,
      route: `${PATH}?error=access_denied&error_description=The+user+has+denied+your+application+access.&state=st-1`,
      path: PATH, session: null,
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('GitHub did not sign you in');
    expect(alert).toHaveTextContent('The user has denied your application access.');
  });
});
