import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { asRole, deployment, environment, project } from './testData';
import { ProjectsPage } from './ProjectsPage';

describe('ProjectsPage', { timeout: 20_000 }, () => {
  it('lists the projects with their production URL and latest deployment', async () => {
    let asked: URLSearchParams | null = null;
    server.use(
      http.get('/api/v1/projects', ({ request }) => {
        asked = new URL(request.url).searchParams;
        return HttpResponse.json(page([project({ environments: [environment({ url: 'http://localhost:20000' })] })]));
      }),
      http.get('/api/v1/projects/:id/deployments', () => HttpResponse.json(page([deployment({ status: 'building' })]))),
    );
    renderPage(<ProjectsPage />, { route: '/projects' });
    const link = await screen.findByRole('link', { name: 'Hello App' });
    expect(link).toHaveAttribute('href', expect.stringMatching(/\/projects\/0+.*b1$/));
    expect(asked!.get('organizationId')).toBe(testOrg.id);
    expect(screen.getByText('file:///tmp/hello-app')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'http://localhost:20000' })).toBeInTheDocument();
    expect(await screen.findByLabelText('status building')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create project' })).toHaveAttribute('href', '/projects/new');
  });

  it('sends to /repositories from the empty state when there is no repository yet', async () => {
    server.use(
      http.get('/api/v1/projects', () => HttpResponse.json(page([]))),
      http.get('/api/v1/repositories', () => HttpResponse.json(page([]))),
    );
    renderPage(<ProjectsPage />, { route: '/projects' });
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(await screen.findByText(/add a repository first/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create project' })).toHaveAttribute('href', '/repositories');
  });

  it('offers /projects/new from the empty state when a repository exists', async () => {
    server.use(
      http.get('/api/v1/projects', () => HttpResponse.json(page([]))),
      http.get('/api/v1/repositories', () => HttpResponse.json(page([{ id: 'r1', fullName: 'shop', url: 'file:///tmp/shop' }]))),
    );
    renderPage(<ProjectsPage />, { route: '/projects' });
    expect(await screen.findByText(/from one of your analyzed repositories/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create project' })).toHaveAttribute('href', '/projects/new');
  });

  it('shows the server problem', async () => {
    server.use(http.get('/api/v1/projects', () => problem(503, 'unavailable', 'The deployer is restarting.')));
    renderPage(<ProjectsPage />, { route: '/projects' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The deployer is restarting.');
  });

  it('does not offer creation to a viewer', async () => {
    server.use(
      asRole('viewer'),
      http.get('/api/v1/projects', () => HttpResponse.json(page([]))),
    );
    renderPage(<ProjectsPage />, { route: '/projects' });
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create project' })).not.toBeInTheDocument();
  });
});
