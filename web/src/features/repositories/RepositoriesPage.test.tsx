import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { page, problem, server, signedInAs, testOrg } from '../../test/server';
import { repository, shopRepository } from './fixtures';
import { RepositoriesPage } from './RepositoriesPage';
import { renderPage } from '../../test/render';

const LIST = '/api/v1/repositories';

describe('RepositoriesPage', () => {
  it('lists the organization’s repositories with their branch, provider, language and link', async () => {
    let asked: URLSearchParams | null = null;
    server.use(http.get(LIST, ({ request }) => {
      asked = new URL(request.url).searchParams;
      return HttpResponse.json(page([
        shopRepository,
        repository({ id: 'r2', fullName: 'acme/docs', provider: 'github', private: true, language: null, defaultBranch: 'trunk' }),
      ]));
    }));
    renderPage(<RepositoriesPage />, { route: '/repositories' });

    const shop = await screen.findByRole('link', { name: 'acme/shop' });
    expect(shop).toHaveAttribute('href', `/repositories/${shopRepository.id}`);
    expect(asked!.get('organizationId')).toBe(testOrg.id);
    expect(asked!.get('page')).toBe('0');
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText('https://git.example.test/acme/shop.git')).toBeInTheDocument();
    expect(within(rows[1]).getByText('main')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Git URL')).toBeInTheDocument();
    expect(within(rows[1]).getByText('typescript')).toBeInTheDocument();
    expect(within(rows[2]).getByText('GitHub')).toBeInTheDocument();
    expect(within(rows[2]).getByText('private')).toBeInTheDocument();
    expect(within(rows[2]).getByText('not analyzed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
  });

  it('shows an empty state leading to the add page', async () => {
    server.use(http.get(LIST, () => HttpResponse.json(page([]))));
    renderPage(<RepositoriesPage />, { route: '/repositories' });
    expect(await screen.findByText('No repositories yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add repository' })).toHaveAttribute('href', '/repositories/new');
  });

  it('shows the server’s problem when the list cannot be loaded', async () => {
    server.use(http.get(LIST, () => problem(503, 'unavailable', 'analyzer-service is not answering.')));
    renderPage(<RepositoriesPage />, { route: '/repositories' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('analyzer-service is not answering.');
    expect(alert).toHaveTextContent('req-test-1');
  });

  it('deletes a repository after confirmation and reloads the list', async () => {
    let repositories = [shopRepository, repository({ id: 'r2', fullName: 'acme/docs' })];
    let deleted: string | null = null;
    server.use(
      http.get(LIST, () => HttpResponse.json(page(repositories))),
      http.delete(`${LIST}/:id`, ({ params }) => {
        deleted = params.id as string;
        repositories = repositories.filter((r) => r.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderPage(<RepositoriesPage />, { route: '/repositories' });
    await user.click(await screen.findByRole('button', { name: 'Delete acme/shop' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete acme/shop?' });
    expect(deleted).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Delete repository' }));
    await waitFor(() => expect(deleted).toBe(shopRepository.id));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'acme/shop' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'acme/docs' })).toBeInTheDocument();
  });

  it('keeps the dialog open with the server’s refusal when a delete fails', async () => {
    server.use(
      http.get(LIST, () => HttpResponse.json(page([shopRepository]))),
      http.delete(`${LIST}/:id`, () => problem(409, 'repository-in-use', 'Projects still use this repository.')),
    );
    const { user } = renderPage(<RepositoriesPage />, { route: '/repositories' });
    await user.click(await screen.findByRole('button', { name: 'Delete acme/shop' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete repository' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Projects still use this repository.');
    // the page behind the open dialog is hidden from assistive technology, but the repository is still listed
    expect(screen.getByRole('link', { name: 'acme/shop', hidden: true })).toBeInTheDocument();
  });

  it('hides adding and deleting from a viewer', async () => {
    signedInAs('viewer');
    server.use(http.get(LIST, () => HttpResponse.json(page([shopRepository]))));
    renderPage(<RepositoriesPage />, { route: '/repositories' });
    expect(await screen.findByRole('link', { name: 'acme/shop' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add repository' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('lets a developer add but not delete', async () => {
    signedInAs('developer');
    server.use(http.get(LIST, () => HttpResponse.json(page([shopRepository]))));
    renderPage(<RepositoriesPage />, { route: '/repositories' });
    expect(await screen.findByRole('link', { name: 'Add repository' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('pages through the list', async () => {
    server.use(http.get(LIST, ({ request }) => {
      const number = Number(new URL(request.url).searchParams.get('page'));
      const content = [repository({ id: `r${number}`, fullName: `acme/page-${number}` })];
      return HttpResponse.json({ content, page: { size: 20, number, totalElements: 21, totalPages: 2 } });
    }));
    const { user } = renderPage(<RepositoriesPage />, { route: '/repositories' });
    expect(await screen.findByRole('link', { name: 'acme/page-0' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'acme/page-1' })).toBeInTheDocument();
    expect(screen.getByText(/Page 2 of 2/)).toBeInTheDocument();
  });
});
