import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server } from '../../test/server';
import { alert, blog, findCard, deployment, dora, healthCheck, shop, withProjects } from './fixtures';
import { OverviewPage } from './OverviewPage';

function answerOverview({ deployments = [deployment(), deployment({ id: 'd-blog-1', project: { id: blog.id, name: 'Blog', slug: 'blog' }, status: 'error', environment: 'staging' })], alerts = [alert()] } = {}) {
  const seen: Record<string, URLSearchParams> = {};
  withProjects([blog, shop]);
  server.use(
    http.get('/api/v1/deployments', ({ request }) => { seen.deployments = new URL(request.url).searchParams; return HttpResponse.json(page(deployments)); }),
    http.get('/api/v1/alerts', ({ request }) => {
      seen.alerts = new URL(request.url).searchParams;
      return HttpResponse.json({ ...page(alerts), page: { size: 5, number: 0, totalElements: 7, totalPages: 2 } });
    }),
    http.get('/api/v1/health-checks', ({ request }) => {
      const projectId = new URL(request.url).searchParams.get('projectId');
      const checks = projectId === shop.id
        ? [healthCheck(), healthCheck({ deploymentId: 'd-shop-9', environment: 'staging', state: 'unhealthy', consecutiveFailures: 3 })]
        : [];
      return HttpResponse.json({ projectId, checks });
    }),
    http.get('/api/v1/metrics/dora', ({ request }) => { seen.dora = new URL(request.url).searchParams; return HttpResponse.json(dora); }),
  );
  return seen;
}

describe('OverviewPage', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('shows projects, the latest deployments, open alerts, health and the DORA headline of the project deployed last', async () => {
    const seen = answerOverview();
    renderPage(<OverviewPage />);

    const projects = (await screen.findByText('Projects')).closest('div')!;
    expect(within(projects).getByText('2')).toBeInTheDocument();
    expect(within(projects).getByRole('link', { name: 'All projects' })).toHaveAttribute('href', '/projects');

    const latest = await findCard('Latest deployments');
    const link = await within(latest).findByRole('link', { name: /Shop · production/ });
    expect(link).toHaveAttribute('href', '/deployments/d-shop-1');
    expect(within(latest).getByLabelText('status ready')).toBeInTheDocument();
    expect(within(latest).getByLabelText('status error')).toBeInTheDocument();
    expect(within(latest).getByRole('link', { name: 'All deployments' })).toHaveAttribute('href', '/deployments');
    expect(seen.deployments.get('organizationId')).toBe('00000000-0000-4000-8000-0000000000a1');

    const openAlerts = await findCard('Open alerts');
    expect(await within(openAlerts).findByText(/Deployment of 50c0712 to production failed/)).toBeInTheDocument();
    expect(within(openAlerts).getByText(/Shop · production · opened/)).toBeInTheDocument();
    expect(seen.alerts.get('status')).toBe('open');
    expect(await screen.findByText('7')).toBeInTheDocument();

    expect(await screen.findByText('1 passing · 1 failing')).toBeInTheDocument();

    expect(await screen.findByRole('heading', { name: 'Delivery metrics: Shop, last 30 days' })).toBeInTheDocument();
    expect(await screen.findByText('0.43 / day')).toBeInTheDocument();
    expect(screen.getByText('25.0 %')).toBeInTheDocument();
    expect(screen.getByText('1 of 4 deployments failed')).toBeInTheDocument();
    expect(screen.getByText('5 min 0 s')).toBeInTheDocument();
    expect(seen.dora.get('projectId')).toBe(shop.id);
    expect(seen.dora.get('window')).toBe('30d');
  });

  it('says there are no open alerts and no deployments yet when so', async () => {
    answerOverview({ deployments: [], alerts: [] });
    renderPage(<OverviewPage />);
    expect(await screen.findByText('No open alerts.')).toBeInTheDocument();
    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
    // no deployment yet: the DORA headline is for the newest project
    expect(await screen.findByRole('heading', { name: 'Delivery metrics: Blog, last 30 days' })).toBeInTheDocument();
  });

  it('leads a new organization to add its first repository', async () => {
    withProjects([]);
    server.use(http.get('/api/v1/deployments', () => HttpResponse.json(page([]))),
      http.get('/api/v1/alerts', () => HttpResponse.json(page([]))));
    renderPage(<OverviewPage />);
    expect(await screen.findByText('Acme Robotics has no projects yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
  });

  it('shows the server problem when the projects cannot be read', async () => {
    server.use(
      http.get('/api/v1/projects', () => problem(503, 'service-unavailable', 'The deployer is not answering.')),
      http.get('/api/v1/deployments', () => HttpResponse.json(page([]))),
      http.get('/api/v1/alerts', () => HttpResponse.json(page([]))),
    );
    renderPage(<OverviewPage />);
    const shown = await screen.findByRole('alert');
    expect(shown).toHaveTextContent('The deployer is not answering.');
    expect(shown).toHaveTextContent('req-test-1');
  });

  it('shows a failing part in place while the rest of the overview works', async () => {
    answerOverview();
    server.use(http.get('/api/v1/alerts', () => problem(403, 'insufficient-role', 'You may not read alerts.')));
    renderPage(<OverviewPage />);
    expect(await screen.findByText('You may not read alerts.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Shop · production/ })).toBeInTheDocument();
  });

  it('refreshes the deployments every 10 seconds while one is in progress', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    answerOverview();
    let reads = 0;
    server.use(http.get('/api/v1/deployments', () => {
      reads += 1;
      return HttpResponse.json(page(reads === 1 ? [deployment({ status: 'building' })] : [deployment({ status: 'ready' })]));
    }));
    renderPage(<OverviewPage />);
    expect(await screen.findByLabelText('status building')).toBeInTheDocument();
    await act(async () => { await vi.advanceTimersByTimeAsync(8_000); });
    expect(reads).toBe(1);
    await act(async () => { await vi.advanceTimersByTimeAsync(2_500); });
    expect(await screen.findByLabelText('status ready')).toBeInTheDocument();
    expect(reads).toBe(2);
  });
});
