import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { ProjectPage, type ProjectTab } from './ProjectPage';
import { asRole, deployment, environment, project, PROJECT_ID, projectHandler } from './testData';

function open(tab: ProjectTab = 'overview', path = '/projects/:id') {
  const suffix = tab === 'overview' ? '' : `/${tab}`;
  return renderPage(<ProjectPage tab={tab} />, { route: `/projects/${PROJECT_ID}${suffix}`, path });
}

describe('ProjectPage overview', { timeout: 20_000 }, () => {
  it('shows the repository, the build configuration and what each environment serves', async () => {
    server.use(
      projectHandler(project({
        buildOverrides: { buildCommand: 'npm run build' },
        environments: [
          environment({ currentDeploymentId: 'dep-1', url: 'http://localhost:20000' }),
          environment({ id: 'env-staging', name: 'staging', kind: 'custom' }),
        ],
      })),
      http.get('/api/v1/deployments/dep-1', () => HttpResponse.json(deployment())),
    );
    open();
    expect(await screen.findByRole('heading', { name: 'Hello App' })).toBeInTheDocument();
    expect(screen.getAllByText('file:///tmp/hello-app').length).toBeGreaterThan(0);
    expect(screen.getByText('npm run build')).toBeInTheDocument();
    expect(screen.getByText('(overridden)')).toBeInTheDocument();
    const current = await screen.findByRole('link', { name: /Current deployment of production: ready, commit abecd5f/ });
    expect(current).toHaveAttribute('href', '/deployments/dep-1');
    expect(within(current).getByLabelText('status ready')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'http://localhost:20000' })).toBeInTheDocument();
    expect(screen.getByText('Nothing deployed')).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Project sections' });
    for (const name of ['Overview', 'Environments', 'Variables', 'Deployments', 'Settings']) {
      expect(within(tabs).getByRole('link', { name })).toBeInTheDocument();
    }
    expect(within(tabs).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(within(tabs).getByRole('link', { name: 'Variables' })).toHaveAttribute('href', `/projects/${PROJECT_ID}/variables`);
  });

  it('says when the project does not exist', async () => {
    server.use(http.get(`/api/v1/projects/${PROJECT_ID}`, () => problem(404, 'project-not-found', 'No such project.')));
    open();
    expect(await screen.findByText('Project not found')).toBeInTheDocument();
  });

  it('shows another problem loading the project', async () => {
    server.use(http.get(`/api/v1/projects/${PROJECT_ID}`, () => problem(500, 'internal', 'The deployer failed.')));
    open();
    expect(await screen.findByRole('alert')).toHaveTextContent('The deployer failed.');
  });
});

describe('Deploy dialog', { timeout: 20_000 }, () => {
  const withEnvironments = () => projectHandler(project({
    environments: [environment(), environment({ id: 'env-staging', name: 'staging', kind: 'custom', branch: 'develop' })],
  }));

  it('deploys the chosen environment and opens the new deployment', async () => {
    let body: unknown = null;
    server.use(withEnvironments(), http.post(`/api/v1/projects/${PROJECT_ID}/deployments`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(deployment({ id: 'dep-new', status: 'queued' }), { status: 201 });
    }));
    const { user } = open('settings', '/projects/:id/settings');
    await user.click(await screen.findByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy Hello App' });
    const select = within(dialog).getByLabelText('Environment');
    expect(select).toHaveValue('production');
    await user.selectOptions(select, 'staging');
    await user.type(within(dialog).getByLabelText('Branch'), 'feature/x');
    await user.click(within(dialog).getByRole('button', { name: 'Start deployment' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/dep-new'));
    expect(body).toEqual({ environment: 'staging', branch: 'feature/x' });
  });

  it('shows the rate limit in the dialog', async () => {
    server.use(withEnvironments(), http.post(`/api/v1/projects/${PROJECT_ID}/deployments`, () =>
      problem(429, 'rate-limited', 'At most 10 deployments a minute; try again in 30 s.')));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy Hello App' });
    await user.click(within(dialog).getByRole('button', { name: 'Start deployment' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Too many deployments right now');
    expect(alert).toHaveTextContent('try again in 30 s');
    expect(screen.getByTestId('location')).toHaveTextContent(`/projects/${PROJECT_ID}`);
  });

  it('shows an invalid commit next to its field', async () => {
    server.use(withEnvironments(), http.post(`/api/v1/projects/${PROJECT_ID}/deployments`, () =>
      problem(400, 'validation', 'The request body is invalid.', { errors: [{ field: 'commitSha', message: 'must be a full commit id (40 or 64 lower-case hex digits)' }] })));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy Hello App' });
    await user.type(within(dialog).getByLabelText('Commit SHA'), 'abc');
    await user.click(within(dialog).getByRole('button', { name: 'Start deployment' }));
    expect((await within(dialog).findAllByText('must be a full commit id (40 or 64 lower-case hex digits)')).length).toBeGreaterThan(0);
    expect(within(dialog).getByLabelText('Commit SHA')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is not offered to a viewer', async () => {
    server.use(asRole('viewer'), projectHandler());
    open();
    expect(await screen.findByRole('heading', { name: 'Hello App' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Deploy' })).not.toBeInTheDocument();
  });
});
