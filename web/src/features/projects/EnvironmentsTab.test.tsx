import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { ProjectPage } from './ProjectPage';
import { asRole, environment, project, PROJECT_ID, projectHandler } from './testData';

const catalog = page([
  { name: 'local', displayName: 'Local runner', kind: 'embedded', description: 'Runs apps on the deployer.', available: true, capabilities: [{ id: 'server-apps', description: '' }] },
  { name: 'jenkins', displayName: 'Jenkins', kind: 'ci', description: 'Deploys with a Jenkins job.', available: true, capabilities: [] },
  { name: 'vercel', displayName: 'Vercel', kind: 'paas', description: null, available: false, capabilities: [] },
]);

function open() {
  return renderPage(<ProjectPage tab="environments" />, { route: `/projects/${PROJECT_ID}/environments`, path: '/projects/:id/environments' });
}

const withStaging = () => projectHandler(project({
  environments: [
    environment({ url: 'http://localhost:20000' }),
    environment({ id: 'env-staging', name: 'staging', kind: 'custom', branch: 'develop', autoDeploy: false, settings: { healthCheckPath: '/health' } }),
  ],
}));

describe('EnvironmentsTab', { timeout: 20_000 }, () => {
  it('lists the environments', async () => {
    server.use(withStaging());
    open();
    const row = (await screen.findByRole('cell', { name: 'staging' })).closest('tr')!;
    expect(within(row).getByText('custom')).toBeInTheDocument();
    expect(within(row).getByText('develop')).toBeInTheDocument();
    expect(within(row).getByText('Off')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'http://localhost:20000' })).toBeInTheDocument();
  });

  it('creates a custom environment on a CI target with its provider', async () => {
    let body: unknown = null;
    let cicdType: string | null = null;
    server.use(withStaging(),
      http.get('/api/v1/providers', () => HttpResponse.json(catalog)),
      http.get('/api/v1/cicd-providers', ({ request }) => {
        const params = new URL(request.url).searchParams;
        cicdType = params.get('type');
        expect(params.get('organizationId')).toBe(testOrg.id);
        return HttpResponse.json(page([{ id: 'jenkins-1', type: 'jenkins', name: 'Build farm', status: 'connected' }]));
      }),
      http.post(`/api/v1/projects/${PROJECT_ID}/environments`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(environment({ id: 'env-qa', name: 'qa', kind: 'custom' }), { status: 201 });
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Add environment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add environment' });
    await user.type(within(dialog).getByLabelText('Environment name'), 'qa');
    await user.type(within(dialog).getByLabelText('Branch'), 'qa');
    const target = within(dialog).getByLabelText('Target');
    await waitFor(() => expect(within(target).getByRole('option', { name: /Vercel.*not available here/ })).toBeDisabled());
    await user.selectOptions(target, 'jenkins');
    const provider = await within(dialog).findByLabelText('CI/CD provider');
    await within(provider).findByRole('option', { name: 'Build farm (connected)' });
    await user.selectOptions(provider, 'jenkins-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add setting' }));
    await user.type(within(dialog).getByLabelText('Setting 1 name'), 'job');
    await user.type(within(dialog).getByLabelText('Setting 1 value'), 'deploy-qa');
    await user.click(within(dialog).getByLabelText('Auto-deploy'));
    await user.click(within(dialog).getByRole('button', { name: 'Save environment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(cicdType).toBe('jenkins');
    expect(body).toEqual({ name: 'qa', kind: 'custom', branch: 'qa', target: 'jenkins', settings: { job: 'deploy-qa', providerId: 'jenkins-1' }, autoDeploy: false });
  });

  it('edits an environment and shows why the target refused its settings', async () => {
    let body: unknown = null;
    server.use(withStaging(), http.get('/api/v1/providers', () => HttpResponse.json(catalog)),
      http.put(`/api/v1/projects/${PROJECT_ID}/environments/staging`, async ({ request }) => {
        body = await request.json();
        return problem(422, 'invalid-target-settings', "The local target has no setting 'foo'; it knows healthCheckPath.");
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Edit staging' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit staging' });
    expect(within(dialog).getByLabelText('Setting 1 value')).toHaveValue('/health');
    await user.click(within(dialog).getByRole('button', { name: 'Add setting' }));
    await user.type(within(dialog).getByLabelText('Setting 2 name'), 'foo');
    await user.type(within(dialog).getByLabelText('Setting 2 value'), 'bar');
    await user.click(within(dialog).getByRole('button', { name: 'Save environment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent("has no setting 'foo'");
    expect(body).toEqual({ branch: 'develop', target: 'local', settings: { healthCheckPath: '/health', foo: 'bar' }, autoDeploy: false });
  });

  it('deletes after confirmation and shows why production is kept', async () => {
    const deleted: string[] = [];
    server.use(withStaging(),
      http.delete(`/api/v1/projects/${PROJECT_ID}/environments/:name`, ({ params }) => {
        deleted.push(String(params.name));
        return params.name === 'production'
          ? problem(409, 'production-environment-required', 'A project keeps its production environment; delete the project instead.')
          : new HttpResponse(null, { status: 204 });
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Delete production' }));
    let confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Delete environment' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('keeps its production environment');
    await user.click(within(confirm).getByRole('button', { name: 'Keep as is' }));
    await user.click(screen.getByRole('button', { name: 'Delete staging' }));
    confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Delete environment' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(deleted).toEqual(['production', 'staging']);
  });

  it('lets a developer read but not manage environments', async () => {
    server.use(asRole('developer'), withStaging());
    open();
    expect(await screen.findByRole('cell', { name: 'staging' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add environment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit staging' })).not.toBeInTheDocument();
  });
});
