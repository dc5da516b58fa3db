import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { blog, cost, dora, durations, findCard, shop, withProjects } from './fixtures';
import { MetricsPage } from './MetricsPage';

function answerMetrics() {
  const asked: { path: string; params: URLSearchParams }[] = [];
  withProjects([blog, shop]);
  const record = (body: object) => ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    asked.push({ path: url.pathname, params: url.searchParams });
    return HttpResponse.json(body);
  };
  server.use(
    http.get('/api/v1/metrics/dora', record(dora)),
    http.get('/api/v1/metrics/durations', record(durations)),
    http.get('/api/v1/metrics/cost', record(cost)),
  );
  return asked;
}

describe('MetricsPage', () => {
  it('shows the DORA cards with units, step percentiles with a text summary and table, and the cost by environment', async () => {
    const asked = answerMetrics();
    renderPage(<MetricsPage />, { route: `/monitoring/metrics?projectId=${shop.id}`, path: '/monitoring/metrics' });

    expect(await screen.findByText('0.43 per day')).toBeInTheDocument();
    expect(screen.getByText('3 ready deployments in 7 days')).toBeInTheDocument();
    expect(screen.getByText('20 s')).toBeInTheDocument();
    expect(screen.getByText(/p90 1 min 35 s; 3 changes/)).toBeInTheDocument();
    expect(screen.getByText('25.0 %')).toBeInTheDocument();
    expect(screen.getByText('5 min 0 s')).toBeInTheDocument();

    const steps = await findCard('Step durations');
    expect(await within(steps).findByText(
      'Step durations: 3 steps; the slowest at the median is deploy to provider (p50 6.5 s, p90 7.5 s, p99 8.5 s).',
    )).toBeInTheDocument();
    const table = within(steps).getByRole('table', { name: 'Step duration percentiles' });
    const build = within(table).getByRole('row', { name: /build application/ });
    expect(within(build).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '2.1 s', '2.6 s', '2.8 s']);
    expect(within(table).getByRole('row', { name: /Whole deployment/ })).toHaveTextContent('9.8 s');

    const costCard = await findCard('Cost');
    expect(await within(costCard).findByText('$12.50')).toBeInTheDocument();
    const byEnv = within(costCard).getByRole('table', { name: 'Cost by environment' });
    expect(within(byEnv).getByRole('row', { name: /staging/ })).toHaveTextContent('$2.50');

    expect(asked.map((a) => a.path).sort()).toEqual(['/api/v1/metrics/cost', '/api/v1/metrics/dora', '/api/v1/metrics/durations']);
    for (const a of asked) {
      expect(a.params.get('projectId')).toBe(shop.id);
      expect(a.params.get('window')).toBe('30d');
      expect(a.params.has('environment')).toBe(false);
    }
  });

  it('asks again for the chosen project, environment and window', async () => {
    const asked = answerMetrics();
    const { user } = renderPage(<MetricsPage />, { route: '/monitoring/metrics', path: '/monitoring/metrics' });
    await screen.findByText('0.43 per day');
    expect(asked[0].params.get('projectId')).toBe(blog.id);

    await user.selectOptions(screen.getByLabelText('Project'), 'Shop');
    await user.selectOptions(screen.getByLabelText('Environment'), 'staging');
    await user.selectOptions(screen.getByLabelText('Window'), '7d');
    await waitFor(() => expect(asked.some((a) => a.path === '/api/v1/metrics/dora' && a.params.get('window') === '7d'
      && a.params.get('environment') === 'staging' && a.params.get('projectId') === shop.id)).toBe(true));
    expect(screen.getByTestId('location')).toHaveTextContent(`projectId=${shop.id}`);
    expect(screen.getByTestId('location')).toHaveTextContent('window=7d');
  });

  it('says so when no step finished and when the cost has no price', async () => {
    withProjects([shop]);
    server.use(
      http.get('/api/v1/metrics/dora', () => HttpResponse.json({ ...dora, leadTimeForChanges: { changes: 0, medianSeconds: null, p90Seconds: null }, changeFailureRate: { failedChanges: 0, deployments: 0, rate: null } })),
      http.get('/api/v1/metrics/durations', () => HttpResponse.json({ ...durations, steps: [], total: { step: 'total', count: 0, p50Seconds: null, p90Seconds: null, p99Seconds: null } })),
      http.get('/api/v1/metrics/cost', () => HttpResponse.json({ ...cost, cost: null, currency: null, environments: [] })),
    );
    renderPage(<MetricsPage />, { route: '/monitoring/metrics' });
    expect(await screen.findByText('No finished deployment steps in this window')).toBeInTheDocument();
    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(screen.getByText('Part of it has no published price, so the total is unknown.')).toBeInTheDocument();
  });

  it('leads to adding a repository when there is no project', async () => {
    withProjects([]);
    renderPage(<MetricsPage />, { route: '/monitoring/metrics' });
    expect(await screen.findByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
    expect(screen.queryByLabelText('Window')).not.toBeInTheDocument();
  });

  it('shows the server problem of a metric next to the others', async () => {
    answerMetrics();
    server.use(http.get('/api/v1/metrics/cost', () => problem(400, 'invalid-window', 'window must be one of 7d, 30d, 90d.')));
    renderPage(<MetricsPage />, { route: '/monitoring/metrics' });
    expect(await screen.findByRole('alert')).toHaveTextContent('window must be one of 7d, 30d, 90d.');
    expect(await screen.findByText('0.43 per day')).toBeInTheDocument();
  });
});
