import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { ProjectPage } from './ProjectPage';
import { deployment, PROJECT_ID, projectHandler } from './testData';

function open() {
  return renderPage(<ProjectPage tab="deployments" />, { route: `/projects/${PROJECT_ID}/deployments`, path: '/projects/:id/deployments' });
}

const url = `/api/v1/projects/${PROJECT_ID}/deployments`;

describe('DeploymentsTab', { timeout: 20_000 }, () => {
  it('lists the deployments with links and pages through them', async () => {
    const pages: string[] = [];
    server.use(projectHandler(), http.get(url, ({ request }) => {
      const number = Number(new URL(request.url).searchParams.get('page') ?? 0);
      pages.push(String(number));
      const content = number === 0
        ? [deployment({ id: 'dep-2', status: 'error', action: 'rollback', environment: 'staging', commitMessage: 'broken\n' })]
        : [deployment({ id: 'dep-1' })];
      return HttpResponse.json({ content, page: { size: 1, number, totalElements: 2, totalPages: 2 } });
    }));
    const { user } = open();
    const row = (await screen.findByRole('link', { name: 'rollback' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'rollback' })).toHaveAttribute('href', '/deployments/dep-2');
    expect(within(row).getByLabelText('status error')).toBeInTheDocument();
    expect(within(row).getByText('abecd5f')).toBeInTheDocument();
    expect(within(row).getByText('broken')).toBeInTheDocument();
    expect(within(row).getByText('staging')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All deployments' })).toHaveAttribute('href', `/deployments?projectId=${PROJECT_ID}`);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'deploy' })).toHaveAttribute('href', '/deployments/dep-1');
    expect(pages).toEqual(['0', '1']);
  });

  it('has an empty state', async () => {
    server.use(projectHandler(), http.get(url, () => HttpResponse.json({ content: [], page: { size: 20, number: 0, totalElements: 0, totalPages: 0 } })));
    open();
    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
  });

  it('shows a problem', async () => {
    server.use(projectHandler(), http.get(url, () => problem(503, 'unavailable', 'The deployer is restarting.')));
    open();
    expect(await screen.findByRole('alert')).toHaveTextContent('The deployer is restarting.');
  });
});
