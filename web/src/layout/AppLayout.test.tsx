import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from '../auth/RequireAuth';
import { ORG_KEY } from '../org/OrgProvider';
import { RequireOrg } from '../org/RequireOrg';
import { renderPage } from '../test/render';
import { page, server, testOrg } from '../test/server';
import { AppLayout } from './AppLayout';

const other = { ...testOrg, id: '00000000-0000-4000-8000-0000000000b2', name: 'Beta Labs', slug: 'beta-labs', role: 'viewer' as const };

function Shell() {
  return (
    <RequireAuth>
      <AppLayout>
        <RequireOrg><p>page content</p></RequireOrg>
      </AppLayout>
    </RequireAuth>
  );
}

describe('AppLayout', () => {
  it('shows the navigation, the user and the organizations to switch between', async () => {
    server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([testOrg, other]))));
    const { user } = renderPage(<Shell />, { gate: false, route: '/projects', path: '/projects' });
    await screen.findByText('page content');
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    expect(within(nav).getByRole('link', { name: 'Projects' })).toHaveAttribute('aria-current', 'page');
    const switcher = screen.getByRole('combobox', { name: 'Organization' });
    expect(switcher).toHaveValue(testOrg.id);
    await user.selectOptions(switcher, 'Beta Labs');
    expect(window.localStorage.getItem(ORG_KEY)).toBe(other.id);
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });

  it('sends someone signed out to the login page with the way back', async () => {
    renderPage(<Shell />, { gate: false, route: '/deployments/d1?tab=log', path: '/deployments/:id', session: null });
    expect(await screen.findByTestId('location')).toHaveTextContent('/login?next=%2Fdeployments%2Fd1%3Ftab%3Dlog');
  });

  it('asks a user without an organization to create one', async () => {
    server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([]))));
    renderPage(<Shell />, { gate: false, route: '/projects', path: '/projects' });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/organizations/new'));
  });

  it('opens and closes the navigation with the menu button on a small screen', async () => {
    const { user } = renderPage(<Shell />, { gate: false, route: '/projects', path: '/projects' });
    await screen.findByText('page content');
    const toggle = screen.getByRole('button', { name: 'Open navigation' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Close navigation' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('signs out from the account menu', async () => {
    server.use(http.post('/api/v1/auth/logout', () => new HttpResponse(null, { status: 204 })));
    const { user } = renderPage(<Shell />, { gate: false, route: '/projects', path: '/projects' });
    await screen.findByText('page content');
    await user.click(screen.getByRole('button', { name: /Alice/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    // straight to the login page, with no page to come back to for whoever signs in next
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/login'));
  });
});
