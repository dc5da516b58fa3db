import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { NewProjectPage } from './NewProjectPage';
import { asRole, project } from './testData';

const repository = { id: 'repo-1', organizationId: testOrg.id, fullName: 'acme/hello-app', url: 'file:///tmp/hello-app', defaultBranch: 'main', language: 'javascript' };
const analysis = {
  id: 'an-1', status: 'completed', branch: 'main', commit: 'abecd5fa569c67f27d716a78b370b3e728fac24c',
  framework: { id: 'node', name: 'Node.js', version: null }, rootDirectory: '',
  buildConfiguration: { installCommand: 'npm install', buildCommand: 'npm run build', startCommand: 'npm run start', outputDirectory: null, runtime: 'node', runtimeVersion: null },
};

function withRepository() {
  server.use(
    http.get('/api/v1/repositories', () => HttpResponse.json(page([repository]))),
    http.get('/api/v1/repositories/repo-1/analysis', () => HttpResponse.json(analysis)),
  );
}

describe('NewProjectPage', { timeout: 20_000 }, () => {
  it('prefills the name and the detected build configuration and sends only the overrides', async () => {
    withRepository();
    let body: unknown = null;
    server.use(http.post('/api/v1/projects', async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(project({ id: 'new-project' }), { status: 201 });
    }));
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    const name = await screen.findByLabelText('Project name');
    expect(name).toHaveValue('hello-app');
    expect(await screen.findByText('Node.js')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Build command')).toHaveValue('npm run build'));
    expect(screen.getByLabelText('Install command')).toHaveValue('npm install');
    await user.clear(screen.getByLabelText('Build command'));
    await user.type(screen.getByLabelText('Build command'), 'npm run build:prod');
    await user.clear(screen.getByLabelText('Install command'));
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/projects/new-project'));
    expect(body).toEqual({
      organizationId: testOrg.id, repositoryId: 'repo-1', name: 'hello-app', productionBranch: 'main',
      buildConfiguration: { buildCommand: 'npm run build:prod', installCommand: null },
    });
  });

  it('shows a refused command next to its field', async () => {
    withRepository();
    server.use(http.post('/api/v1/projects', () =>
      problem(422, 'invalid-build-configuration', "buildCommand: a pipe '|' is not supported (commands run without a shell) at position 15")));
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    await waitFor(() => expect(screen.getByLabelText('Build command')).toHaveValue('npm run build'));
    await user.type(screen.getByLabelText('Build command'), ' | tee log');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect(await screen.findByText(/a pipe '\|' is not supported/)).toBeInTheDocument();
    expect(screen.getByLabelText('Build command')).toHaveAttribute('aria-invalid', 'true');
  });

  it('explains a repository that was not analyzed yet', async () => {
    server.use(
      http.get('/api/v1/repositories', () => HttpResponse.json(page([repository]))),
      http.get('/api/v1/repositories/repo-1/analysis', () => problem(404, 'analysis-not-found', 'No analysis yet.')),
      http.post('/api/v1/projects', () => problem(422, 'repository-not-analyzed', 'The repository has no successful analysis in this organization yet.')),
    );
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    expect(await screen.findByText(/has no analysis yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('no successful analysis');
    expect(screen.getByText(/run an analysis and come back/)).toBeInTheDocument();
  });

  it('shows a branch the server refuses next to the field', async () => {
    withRepository();
    let body: Record<string, unknown> = {};
    server.use(http.post('/api/v1/projects', async ({ request }) => {
      body = await request.json() as Record<string, unknown>;
      return problem(400, 'validation', 'The request body is invalid.', { errors: [{ field: 'productionBranch', message: 'is not a branch name' }] });
    }));
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    const branch = await screen.findByLabelText('Production branch');
    await user.clear(branch);
    await user.type(branch, '-bad');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect((await screen.findAllByText('is not a branch name')).length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Production branch')).toHaveAttribute('aria-invalid', 'true');
    expect(body.productionBranch).toBe('-bad');
  });

  it('explains a name another project has already', async () => {
    withRepository();
    let body: Record<string, unknown> = {};
    server.use(http.post('/api/v1/projects', async ({ request }) => {
      body = await request.json() as Record<string, unknown>;
      return problem(409, 'project-slug-taken', "The organization already has a project 'hello-app'.");
    }));
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    await screen.findByLabelText('Project name');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("already has a project 'hello-app'");
    expect(screen.getByText(/choose another one/)).toBeInTheDocument();
    expect(body.name).toBe('hello-app');
  });

  it('asks for a repository when none is given', async () => {
    withRepository();
    const { user } = renderPage(<NewProjectPage />, { route: '/projects/new', path: '/projects/new' });
    const picker = await screen.findByLabelText('Repository');
    expect(screen.queryByLabelText('Project name')).not.toBeInTheDocument();
    await user.selectOptions(picker, 'repo-1');
    expect(await screen.findByLabelText('Project name')).toHaveValue('hello-app');
    expect(screen.getByTestId('location')).toHaveTextContent('/projects/new?repositoryId=repo-1');
  });

  it('sends to add a repository when the organization has none', async () => {
    server.use(http.get('/api/v1/repositories', () => HttpResponse.json(page([]))));
    renderPage(<NewProjectPage />, { route: '/projects/new', path: '/projects/new' });
    expect(await screen.findByText('No repositories yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
  });

  it('tells a viewer they cannot create projects', async () => {
    server.use(asRole('viewer'), http.get('/api/v1/repositories', () => HttpResponse.json(page([repository]))));
    renderPage(<NewProjectPage />, { route: '/projects/new?repositoryId=repo-1', path: '/projects/new' });
    expect(await screen.findByText('You cannot create projects')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create project' })).not.toBeInTheDocument();
  });
});
