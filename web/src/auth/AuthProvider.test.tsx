import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render';
import { problem, server, testSession } from '../test/server';
import { useAuth } from './AuthProvider';
import { readSession } from './sessionStore';

function Probe() {
  const auth = useAuth();
  return (
    <div>
      <p>status: {auth.status}</p>
      <p>user: {auth.user?.name ?? 'none'}</p>
      <button onClick={() => void auth.logout()}>out</button>
    </div>
  );
}

describe('AuthProvider', () => {
  it('renews a stored session that is about to expire, rotating the refresh token', async () => {
    const expiring = testSession({ expiresAt: new Date(Date.now() + 10_000).toISOString(), refreshToken: 'old' });
    server.use(http.post('/api/v1/auth/refresh', async ({ request }) => {
      expect(await request.json()).toEqual({ refreshToken: 'old' });
      return HttpResponse.json(testSession({ refreshToken: 'new' }));
    }));
    renderPage(<Probe />, { gate: false, session: expiring });
    await screen.findByText('status: signed-in');
    expect(readSession()?.refreshToken).toBe('new');
  });

  it('signs out when the refresh token is refused', async () => {
    server.use(http.post('/api/v1/auth/refresh', () => problem(401, 'invalid-refresh-token', 'The session has ended.')));
    renderPage(<Probe />, { gate: false, session: testSession({ expiresAt: new Date(Date.now() - 1000).toISOString() }) });
    await screen.findByText('status: signed-out');
    expect(readSession()).toBeNull();
  });

  it('logs out on the server and forgets the session', async () => {
    let loggedOut: unknown = null;
    server.use(http.post('/api/v1/auth/logout', async ({ request }) => {
      loggedOut = await request.json();
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = renderPage(<Probe />, { gate: false });
    await screen.findByText('user: Alice');
    await user.click(screen.getByRole('button', { name: 'out' }));
    await screen.findByText('status: signed-out');
    await waitFor(() => expect(loggedOut).toEqual({ refreshToken: 'test-refresh-token' }));
    expect(readSession()).toBeNull();
  });
});
