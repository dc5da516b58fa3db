import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { blog, healthCheck, probe, shop, withProjects } from './fixtures';
import { HealthCheckPage } from './HealthCheckPage';
import { HealthPage } from './HealthPage';

describe('HealthPage', () => {
  it('lists the health check of every project with its state as text, last probe, response time and failures', async () => {
    withProjects([blog, shop]);
    server.use(
      http.get('/api/v1/health-checks', ({ request }) => {
        const projectId = new URL(request.url).searchParams.get('projectId');
        return HttpResponse.json({
          projectId,
          checks: projectId === shop.id
            ? [healthCheck(), healthCheck({ deploymentId: 'd-shop-9', environment: 'staging', url: 'http://localhost:20002', state: 'unhealthy', consecutiveFailures: 4, lastStatusCode: 503 })]
            : [healthCheck({ deploymentId: 'd-blog-1', projectId: blog.id, url: 'http://localhost:20003', state: 'unknown', lastCheckedAt: null, lastStatusCode: null })],
        });
      }),
      http.get('/api/v1/health-checks/:id', ({ params }) => HttpResponse.json({
        check: healthCheck({ deploymentId: String(params.id) }),
        results: { content: params.id === 'd-blog-1' ? [] : [probe({ latencyMs: params.id === 'd-shop-1' ? 25 : 1200 })], page: 0, size: 1, totalElements: 1, totalPages: 1 },
      })),
    );
    renderPage(<HealthPage />, { route: '/monitoring/health' });

    const table = await screen.findByRole('table', { name: 'Health checks' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    const failing = rows.find((r) => within(r).queryByText('staging'))!;
    expect(within(failing).getByRole('link', { name: 'Shop' })).toHaveAttribute('href', '/monitoring/health/d-shop-9');
    expect(within(failing).getByLabelText('health failing')).toHaveTextContent('failing');
    expect(within(failing).getByText('HTTP 503')).toBeInTheDocument();
    expect(within(failing).getByText('4')).toBeInTheDocument();
    expect(await within(failing).findByText('1200 ms')).toBeInTheDocument();
    const unknown = rows.find((r) => within(r).queryByText('Blog'))!;
    expect(within(unknown).getByLabelText('health unknown')).toBeInTheDocument();
    expect(within(unknown).getByText('not yet')).toBeInTheDocument();
    expect(screen.getByText('3 health checks: 1 passing, 1 failing, 1 unknown.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Health' })).toHaveAttribute('aria-current', 'page');
  });

  it('says no deployment is live yet', async () => {
    withProjects([shop]);
    server.use(http.get('/api/v1/health-checks', () => HttpResponse.json({ projectId: shop.id, checks: [] })));
    renderPage(<HealthPage />, { route: '/monitoring/health' });
    expect(await screen.findByText('No live deployments')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deploy a project' })).toHaveAttribute('href', '/projects');
  });

  it('leads to adding a repository when there are no projects', async () => {
    withProjects([]);
    renderPage(<HealthPage />, { route: '/monitoring/health' });
    expect(await screen.findByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
  });

  it('shows the problem when the health checks cannot be read', async () => {
    withProjects([shop]);
    server.use(http.get('/api/v1/health-checks', () => problem(404, 'project-not-found', 'No such project.')));
    renderPage(<HealthPage />, { route: '/monitoring/health' });
    expect(await screen.findByRole('alert')).toHaveTextContent('No such project.');
  });
});

describe('HealthCheckPage', () => {
  it('shows the check and its recent probes as a chart with a text summary and a table', async () => {
    let asked: URLSearchParams | undefined;
    withProjects([shop]);
    server.use(http.get('/api/v1/health-checks/:id', ({ request, params }) => {
      asked = new URL(request.url).searchParams;
      expect(params.id).toBe('d-shop-9');
      return HttpResponse.json({
        check: healthCheck({ deploymentId: 'd-shop-9', state: 'unhealthy', consecutiveFailures: 2, lastStatusCode: 503, lastError: 'HTTP 503 from /', unhealthySince: '2026-12-02T04:31:30Z' }),
        results: {
          content: [
            probe({ checkedAt: '2026-12-02T04:32:00Z', healthy: false, statusCode: 503, latencyMs: 40, error: 'HTTP 503 from /' }),
            probe({ checkedAt: '2026-12-02T04:31:30Z', healthy: false, statusCode: 503, latencyMs: 300, error: 'HTTP 503 from /' }),
            probe({ checkedAt: '2026-12-02T04:31:00Z', healthy: true, statusCode: 200, latencyMs: 20 }),
          ],
          page: 0, size: 50, totalElements: 3, totalPages: 1,
        },
      });
    }));
    renderPage(<HealthCheckPage />, { route: '/monitoring/health/d-shop-9', path: '/monitoring/health/:deploymentId' });

    const state = (await screen.findByText('State')).parentElement!;
    expect(within(state).getByLabelText('health failing')).toHaveTextContent('failing');
    expect(await screen.findByRole('heading', { name: 'Health check: Shop' })).toBeInTheDocument();
    expect(screen.getAllByText('HTTP 503 from /').length).toBeGreaterThan(0);
    expect(screen.getByText(/Response time: 3 probes from .*: response time median 40 ms, fastest 20 ms, slowest 300 ms; 2 failed\./)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Probe results, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('40 ms')).toBeInTheDocument();
    expect(within(rows[2]).getByLabelText('health healthy')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open deployment' })).toHaveAttribute('href', '/deployments/d-shop-9');
    expect(asked?.get('size')).toBe('50');
  });

  it('says when there are no probes yet', async () => {
    withProjects([shop]);
    server.use(http.get('/api/v1/health-checks/:id', () => HttpResponse.json({
      check: healthCheck({ state: 'unknown', lastCheckedAt: null }),
      results: { content: [], page: 0, size: 50, totalElements: 0, totalPages: 0 },
    })));
    renderPage(<HealthCheckPage />, { route: '/monitoring/health/d-shop-1', path: '/monitoring/health/:deploymentId' });
    expect(await screen.findByText('No probes yet')).toBeInTheDocument();
  });

  it('shows the problem of a deployment that never went live', async () => {
    withProjects([shop]);
    server.use(http.get('/api/v1/health-checks/:id', () => problem(404, 'health-check-not-found', 'The deployment has no health check.')));
    renderPage(<HealthCheckPage />, { route: '/monitoring/health/d-x', path: '/monitoring/health/:deploymentId' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The deployment has no health check.');
  });
});
