import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { DeploymentsPage } from './DeploymentsPage';

import { deployment, members, PROJECT_ID } from './fixtures';

function answer(list: ReturnType<typeof deployment>[], seen: URLSearchParams[] = []) {
  server.use(
    http.get('/api/v1/projects', () => HttpResponse.json(page([
      { id: PROJECT_ID, name: 'shop', environments: [{ name: 'production', currentDeploymentId: null, url: null }, { name: 'staging', currentDeploymentId: null, url: null }] },
      { id: 'p2', name: 'blog', environments: [{ name: 'production', currentDeploymentId: null, url: null }] },
    ]))),
    http.get(`/api/v1/organizations/${testOrg.id}/members`, () => HttpResponse.json(members)),
    http.get('/api/v1/deployments', ({ request }) => {
      const params = new URL(request.url).searchParams;
      seen.push(params);
      const status = params.get('status');
      return HttpResponse.json(page(status ? list.filter((d) => d.status === status) : list));
    }),
  );
  return seen;
}

describe('DeploymentsPage', () => {
  it("lists the organization's deployments, newest first, each linking to its page", async () => {
    const seen = answer([
      deployment({ id: 'd-1', status: 'building', finishedAt: null, duration: 4 }),
      deployment({ id: 'd-2', action: 'rollback', triggeredBy: null, commitMessage: null, branch: 'release' }),
    ]);
    renderPage(<DeploymentsPage />, { route: '/deployments' });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByLabelText('status building')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Add the checkout page')).toBeInTheDocument();
    expect(within(rows[1]).getByText('abcdef1')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/Alice/)).toBeInTheDocument();
    expect(within(rows[1]).getByText('4.0 s')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('link', { name: 'shop' })).toHaveAttribute('href', '/deployments/d-1');
    expect(within(rows[2]).getByText('rollback')).toBeInTheDocument();
    expect(within(rows[2]).getByText('release')).toBeInTheDocument();
    expect(within(rows[2]).getByText(/a trigger/)).toBeInTheDocument();
    expect(seen[0].get('organizationId')).toBe(testOrg.id);
    expect(seen[0].get('page')).toBe('0');
  });

  it('filters by status and project through the URL and says when nothing matches', async () => {
    const seen = answer([deployment({ id: 'd-1', status: 'ready' })]);
    const { user } = renderPage(<DeploymentsPage />, { route: '/deployments' });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Status'), 'error');
    expect(await screen.findByText('No deployment matches these filters')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/deployments?status=error');
    expect(seen.at(-1)?.get('status')).toBe('error');

    await user.selectOptions(screen.getByLabelText('Project'), 'shop');
    await waitFor(() => expect(seen.at(-1)?.get('projectId')).toBe(PROJECT_ID));
    expect(seen.at(-1)?.get('status')).toBe('error');
    // the environments offered are the chosen project's
    expect(within(screen.getByLabelText('Environment')).getAllByRole('option').map((o) => o.textContent)).toEqual(['All environments', 'production', 'staging']);

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/deployments$/);
  });

  it('filters by repository once Enter is pressed', async () => {
    const seen = answer([deployment()]);
    const { user } = renderPage(<DeploymentsPage />, { route: '/deployments' });
    await screen.findByRole('table');
    const count = seen.length;
    await user.type(screen.getByLabelText('Repository'), 'acme/shop');
    expect(seen.length).toBe(count);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(seen.at(-1)?.get('repo')).toBe('acme/shop'));
    expect(screen.getByTestId('location')).toHaveTextContent('/deployments?repo=acme%2Fshop');
  });

  it('refreshes every 5 s while a shown deployment is in progress', async () => {
    const seen = answer([deployment({ status: 'deploying', finishedAt: null })]);
    renderPage(<DeploymentsPage />, { route: '/deployments' });
    await screen.findByRole('table');
    const count = seen.length;
    await waitFor(() => expect(seen.length).toBeGreaterThan(count), { timeout: 6500 });
  }, 10_000);

  it('takes its filters from the URL', async () => {
    const seen = answer([deployment()]);
    renderPage(<DeploymentsPage />, { route: `/deployments?projectId=${PROJECT_ID}&environment=staging&action=retry` });
    await screen.findByRole('table');
    expect(seen[0].get('projectId')).toBe(PROJECT_ID);
    expect(seen[0].get('environment')).toBe('staging');
    expect(seen[0].get('action')).toBe('retry');
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
  });

  it('shows an empty state when the organization has no deployments', async () => {
    answer([]);
    renderPage(<DeploymentsPage />, { route: '/deployments' });
    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your projects' })).toHaveAttribute('href', '/projects');
  });

  it("shows the server's problem", async () => {
    answer([]);
    server.use(http.get('/api/v1/deployments', () => problem(400, 'invalid-filter', "Unknown status 'nope'.")));
    renderPage(<DeploymentsPage />, { route: '/deployments' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Unknown status 'nope'.");
    expect(alert).toHaveTextContent('req-test-1');
  });
});
