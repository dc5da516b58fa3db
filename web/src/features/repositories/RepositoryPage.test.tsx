import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { page, problem, server, signedInAs } from '../../test/server';
import { AnalysisPage } from './AnalysisPage';
import type { Analysis } from './api';
import { completedAnalysis, monorepoAnalysis, pendingAnalysis, shopRepository } from './fixtures';
import { RepositoryPage } from './RepositoryPage';
import { renderPage } from '../../test/render';

const BASE = `/api/v1/repositories/${shopRepository.id}`;
const route = { route: `/repositories/${shopRepository.id}`, path: '/repositories/:id' };

/** The repository with the given analyses, newest first; the latest completed one is what GET /analysis answers. */
function serve(analyses: () => Analysis[]) {
  const calls = { newest: 0, history: 0, latest: 0 };
  server.use(
    http.get(BASE, () => HttpResponse.json(shopRepository)),
    http.get(`${BASE}/analysis`, () => {
      calls.latest += 1;
      const latest = analyses().find((a) => a.status === 'completed');
      return latest ? HttpResponse.json(latest) : problem(404, 'analysis-not-found', 'This repository has no completed analysis yet.');
    }),
    http.get(`${BASE}/analyses`, ({ request }) => {
      const size = Number(new URL(request.url).searchParams.get('size'));
      if (size === 1) calls.newest += 1; else calls.history += 1;
      return HttpResponse.json(page(analyses().slice(0, size)));
    }),
  );
  return calls;
}

describe('RepositoryPage', () => {
  it('shows the repository and everything its latest analysis found', async () => {
    serve(() => [completedAnalysis()]);
    const { user } = renderPage(<RepositoryPage />, route);

    expect(await screen.findByRole('heading', { level: 1, name: 'acme/shop' })).toBeInTheDocument();
    expect(screen.getByText('https://git.example.test/acme/shop.git')).toBeInTheDocument();
    expect(await screen.findByLabelText('Framework')).toHaveTextContent('Next.js 15.0.3');
    expect(screen.getByLabelText('Confidence')).toHaveTextContent('90 %');
    expect(screen.getByLabelText('Language')).toHaveTextContent('typescript');
    expect(screen.getByLabelText('Package manager')).toHaveTextContent('npm');
    expect(screen.getByLabelText('Runtime')).toHaveTextContent('node 20');
    expect(screen.getByLabelText('Output directory')).toHaveTextContent('.next');
    expect(screen.getByLabelText('Build')).toHaveTextContent('npm run build');
    expect(screen.getByLabelText('Start')).toHaveTextContent('npm run start');
    expect(screen.getByLabelText('Install')).toHaveTextContent('npm install');
    expect(screen.getByLabelText('Dev')).toHaveTextContent('npm run dev');
    expect(screen.getByLabelText('Recommended target')).toHaveTextContent('vercel');
    expect(screen.getByLabelText('Database')).toHaveTextContent('postgres');
    expect(screen.getByLabelText('Estimated cost')).toHaveTextContent('20.00');

    const variables = screen.getByRole('table', { name: 'Environment variables the app reads' });
    const database = within(variables).getByRole('row', { name: /DATABASE_URL/ });
    expect(database).toHaveTextContent('required');
    expect(database).toHaveTextContent('database_connection');
    expect(database).toHaveTextContent('the database');
    expect(database).toHaveTextContent('.env.example:2');
    expect(within(variables).getByRole('row', { name: /PORT/ })).toHaveTextContent('optional');

    const evidence = screen.getByRole('table', { name: 'Why each conclusion was drawn' });
    expect(within(evidence).getByRole('row', { name: /framework=nextjs/ })).toHaveTextContent('dependency next@15.0.3');

    const production = screen.getByText('Production dependencies (2)');
    expect(production.closest('details')).not.toHaveAttribute('open');
    await user.click(production);
    expect(production.closest('details')).toHaveAttribute('open');
    expect(screen.getByText('Development dependencies (1)')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Create project' })).toHaveAttribute('href', `/projects/new?repositoryId=${shopRepository.id}`);
    const history = screen.getByRole('table', { name: 'Analyses of this repository, newest first' });
    expect(within(history).getByRole('link', { name: /Open the analysis/ }))
      .toHaveAttribute('href', `/repositories/${shopRepository.id}/analyses/${completedAnalysis().id}`);
    expect(within(history).getByText('completed')).toBeInTheDocument();
  });

  it('copies a command', async () => {
    serve(() => [completedAnalysis()]);
    const { user } = renderPage(<RepositoryPage />, route);
    await user.click(await screen.findByRole('button', { name: 'Copy build command' }));
    expect(await navigator.clipboard.readText()).toBe('npm run build');
    expect(screen.getByRole('button', { name: 'Copy build command' })).toHaveTextContent('Copied');
  });

  it('follows a running analysis every 2 s until it completes, then stops', async () => {
    let answers = 0;
    const calls = serve(() => {
      answers += 1;
      return answers <= 3 ? [pendingAnalysis('queued')] : answers <= 5 ? [pendingAnalysis('running')] : [completedAnalysis({ id: pendingAnalysis().id })];
    });
    renderPage(<RepositoryPage />, route);

    expect(await screen.findByText('Analysis queued…')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create project' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Analyze again' })).toBeDisabled();
    expect(await screen.findByLabelText('Framework', {}, { timeout: 8000 })).toHaveTextContent('Next.js');
    expect(screen.queryByText(/Analysis queued|Analyzing the repository/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create project' })).toBeInTheDocument();
    const asked = calls.newest;
    expect(asked).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls.newest).toBe(asked);
  }, 15_000);

  it('shows why the latest analysis failed', async () => {
    serve(() => [pendingAnalysis('queued', { status: 'failed', failureReason: 'The commit could not be fetched: connection reset.' })]);
    renderPage(<RepositoryPage />, route);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('failed');
    expect(alert).toHaveTextContent('The commit could not be fetched: connection reset.');
    expect(screen.queryByLabelText('Framework')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create project' })).not.toBeInTheDocument();
  });

  it('offers the first analysis when there is none and sends an empty body', async () => {
    let analyses: Analysis[] = [];
    let body: unknown = null;
    serve(() => analyses);
    server.use(http.post(`${BASE}/analyze`, async ({ request }) => {
      body = await request.json();
      analyses = [pendingAnalysis('queued')];
      return HttpResponse.json(analyses[0], { status: 202 });
    }));
    const { user } = renderPage(<RepositoryPage />, route);
    expect(await screen.findByText('Not analyzed yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Analyze now' }));
    expect(await screen.findByText('Analysis queued…')).toBeInTheDocument();
    expect(body).toEqual({});
  });

  it('analyzes again with force and follows the new analysis', async () => {
    let analyses: Analysis[] = [completedAnalysis()];
    let body: unknown = null;
    serve(() => analyses);
    server.use(http.post(`${BASE}/analyze`, async ({ request }) => {
      body = await request.json();
      analyses = [pendingAnalysis('running'), ...analyses];
      return HttpResponse.json(analyses[0], { status: 202 });
    }));
    const { user } = renderPage(<RepositoryPage />, route);
    await user.click(await screen.findByRole('button', { name: 'Analyze again' }));
    expect(await screen.findByText('Analyzing the repository…')).toBeInTheDocument();
    expect(body).toEqual({ force: true });
    // the previous result stays on screen while the new one runs
    expect(screen.getByLabelText('Framework')).toHaveTextContent('Next.js');
  });

  it('shows the server’s refusal to analyze', async () => {
    serve(() => [completedAnalysis()]);
    server.use(http.post(`${BASE}/analyze`, () => problem(502, 'remote-unavailable', 'The Git remote did not answer.')));
    const { user } = renderPage(<RepositoryPage />, route);
    await user.click(await screen.findByRole('button', { name: 'Analyze again' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The analysis could not be started');
    expect(alert).toHaveTextContent('The Git remote did not answer.');
  });

  it('hides analyzing and project creation from a viewer', async () => {
    signedInAs('viewer');
    serve(() => [completedAnalysis()]);
    renderPage(<RepositoryPage />, route);
    expect(await screen.findByLabelText('Framework')).toHaveTextContent('Next.js');
    expect(screen.queryByRole('button', { name: 'Analyze again' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create project' })).not.toBeInTheDocument();
  });

  it('shows the problem when the repository does not exist', async () => {
    server.use(
      http.get(BASE, () => problem(404, 'repository-not-found', 'No such repository.')),
      http.get(`${BASE}/analysis`, () => problem(404, 'repository-not-found', 'No such repository.')),
      http.get(`${BASE}/analyses`, () => problem(404, 'repository-not-found', 'No such repository.')),
    );
    renderPage(<RepositoryPage />, route);
    expect(await screen.findByRole('alert')).toHaveTextContent('No such repository.');
    expect(screen.getByRole('link', { name: 'Back to the repositories' })).toHaveAttribute('href', '/repositories');
  });

  it('lists a monorepo’s apps, most deployable first, and shows the one selected', async () => {
    serve(() => [monorepoAnalysis()]);
    const { user } = renderPage(<RepositoryPage />, route);
    const group = await screen.findByRole('group', { name: 'Detected apps' });
    const apps = within(group).getAllByRole('button');
    expect(apps.map((b) => b.textContent)).toEqual([
      expect.stringContaining('web'), expect.stringContaining('api'), expect.stringContaining('@acme/ui'),
    ]);
    expect(apps[0]).toHaveAttribute('aria-pressed', 'true');
    expect(apps[0]).toHaveTextContent('primary');
    expect(screen.getByLabelText('Framework')).toHaveTextContent('Next.js');
    expect(screen.getByText('packages/broken/package.json is not valid JSON; it was ignored')).toBeInTheDocument();

    await user.click(apps[1]);
    expect(apps[1]).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Framework')).toHaveTextContent('Express 4.21.1');
    expect(screen.getByLabelText('Start')).toHaveTextContent('node server.js');
    expect(screen.getByRole('row', { name: /REDIS_URL/ })).toBeInTheDocument();

    await user.click(apps[2]);
    expect(screen.getByLabelText('Framework')).toHaveTextContent('None recognised');
    expect(screen.getByLabelText('Role')).toHaveTextContent('library');
  });
});

describe('AnalysisPage', () => {
  const analysisRoute = (id: string) => ({ route: `/repositories/${shopRepository.id}/analyses/${id}`, path: '/repositories/:id/analyses/:analysisId' });

  it('shows one analysis of the history', async () => {
    const analysis = completedAnalysis();
    server.use(http.get(`${BASE}/analyses/:analysisId`, ({ params }) =>
      params.analysisId === analysis.id ? HttpResponse.json(analysis) : problem(404, 'analysis-not-found', 'No such analysis.')));
    renderPage(<AnalysisPage />, analysisRoute(analysis.id));
    expect(await screen.findByRole('heading', { level: 1, name: 'Analysis of acme/shop' })).toBeInTheDocument();
    expect(screen.getByLabelText('Commit')).toHaveTextContent(analysis.commit!);
    expect(screen.getByLabelText('Took')).toHaveTextContent('1.5 s');
    expect(screen.getByLabelText('Framework')).toHaveTextContent('Next.js 15.0.3');
    expect(screen.getByRole('link', { name: '← Back to the repository' })).toHaveAttribute('href', `/repositories/${shopRepository.id}`);
  });

  it('follows an analysis of the history that is still running', async () => {
    let answers = 0;
    server.use(http.get(`${BASE}/analyses/:analysisId`, () => {
      answers += 1;
      return HttpResponse.json(answers === 1 ? pendingAnalysis('running') : completedAnalysis({ id: pendingAnalysis().id }));
    }));
    renderPage(<AnalysisPage />, analysisRoute(pendingAnalysis().id));
    expect(await screen.findByText('Analyzing the repository…')).toBeInTheDocument();
    expect(await screen.findByLabelText('Framework', {}, { timeout: 6000 })).toHaveTextContent('Next.js');
    expect(screen.getByLabelText('Status')).toHaveTextContent('completed');
  });

  it('shows a failed analysis with its reason', async () => {
    const failed = pendingAnalysis('queued', { status: 'failed', failureReason: 'The checkout exceeded 200 MB.' });
    server.use(http.get(`${BASE}/analyses/:analysisId`, () => HttpResponse.json(failed)));
    renderPage(<AnalysisPage />, analysisRoute(failed.id));
    expect(await screen.findByRole('alert')).toHaveTextContent('The checkout exceeded 200 MB.');
    expect(screen.getByLabelText('Status')).toHaveTextContent('failed');
  });

  it('shows the problem for an unknown analysis', async () => {
    server.use(http.get(`${BASE}/analyses/:analysisId`, () => problem(404, 'analysis-not-found', 'No such analysis.')));
    renderPage(<AnalysisPage />, analysisRoute('nope'));
    expect(await screen.findByRole('alert')).toHaveTextContent('No such analysis.');
  });
});

