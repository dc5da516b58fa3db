import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { problem, server, signedInAs, testOrg } from '../../test/server';
import type { GitHubRepository, GitHubRepositoryPage } from './api';
import { pendingAnalysis, shopRepository } from './fixtures';
import { NewRepositoryPage } from './NewRepositoryPage';
import { renderPage } from '../../test/render';

const route = { route: '/repositories/new' };

function location() {
  return screen.getByTestId('location').textContent;
}

/** Answers registration and the analysis it starts, keeping both bodies. */
function acceptRegistration(path = '/api/v1/repositories') {
  const sent: { register?: unknown; analyze?: unknown } = {};
  server.use(
    http.post(path, async ({ request }) => {
      sent.register = await request.json();
      return HttpResponse.json(shopRepository, { status: 201 });
    }),
    http.post(`/api/v1/repositories/${shopRepository.id}/analyze`, async ({ request }) => {
      sent.analyze = await request.json();
      return HttpResponse.json(pendingAnalysis(), { status: 202 });
    }),
  );
  return sent;
}

function gitHubRepository(overrides: Partial<GitHubRepository> = {}): GitHubRepository {
  return {
    githubId: 1, fullName: 'alice/shop', htmlUrl: 'https://github.com/alice/shop', cloneUrl: 'https://github.com/alice/shop.git',
    defaultBranch: 'main', private: false, language: 'TypeScript', description: 'The shop front', updatedAt: '2026-11-30T10:00:00Z',
    registered: false, repositoryId: null, ...overrides,
  };
}

function gitHubPage(content: GitHubRepository[], hasNext = false, number = 0): GitHubRepositoryPage {
  return { content, page: { number, size: 30, hasNext, totalPages: null } };
}

describe('NewRepositoryPage — Git URL', () => {
  it('registers the URL with its branch, starts an analysis and opens the repository', async () => {
    const sent = acceptRegistration();
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), 'https://git.example.test/acme/shop.git');
    await user.type(screen.getByLabelText('Branch (optional)'), 'release');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    await waitFor(() => expect(location()).toBe(`/repositories/${shopRepository.id}`));
    expect(sent.register).toEqual({ organizationId: testOrg.id, url: 'https://git.example.test/acme/shop.git', defaultBranch: 'release' });
    expect(sent.analyze).toEqual({});
  });

  it('leaves the branch to the remote when none is given', async () => {
    const sent = acceptRegistration();
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), '  https://git.example.test/acme/shop.git ');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    await waitFor(() => expect(location()).toBe(`/repositories/${shopRepository.id}`));
    expect(sent.register).toEqual({ organizationId: testOrg.id, url: 'https://git.example.test/acme/shop.git' });
  });

  it('asks for a URL before sending anything', async () => {
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.click(await screen.findByRole('button', { name: 'Add repository' }));
    expect(screen.getByLabelText('Git URL')).toHaveAccessibleDescription(expect.stringContaining('Enter the repository’s Git URL.'));
    expect(screen.getByLabelText('Git URL')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the SSRF refusal of a private address', async () => {
    server.use(http.post('/api/v1/repositories', () =>
      problem(422, 'forbidden-repository-host', 'The repository’s host resolves to a private or reserved address (169.254.169.254).')));
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), 'https://169.254.169.254/latest.git');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The repository could not be added');
    expect(alert).toHaveTextContent('private or reserved address (169.254.169.254)');
    expect(location()).toBe('/repositories/new');
  });

  it('shows validation problems next to their fields', async () => {
    server.use(http.post('/api/v1/repositories', () => problem(400, 'validation', 'The request body is invalid.', {
      errors: [{ field: 'url', message: 'size must be between 0 and 2048' }, { field: 'defaultBranch', message: 'is not a branch name' }],
    })));
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), 'https://x.test/a.git');
    await user.type(screen.getByLabelText('Branch (optional)'), 'a b');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    await waitFor(() => expect(screen.getByLabelText('Branch (optional)')).toHaveAccessibleDescription(expect.stringContaining('is not a branch name')));
    expect(screen.getByLabelText('Git URL')).toHaveAccessibleDescription(expect.stringContaining('size must be between 0 and 2048'));
  });

  it('shows that a repository is already registered', async () => {
    server.use(http.post('/api/v1/repositories', () =>
      problem(409, 'repository-already-registered', 'This repository is already registered in the organization.')));
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), 'https://git.example.test/acme/shop.git');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already registered in the organization');
  });

  it('still opens the repository when the analysis cannot be started', async () => {
    server.use(
      http.post('/api/v1/repositories', () => HttpResponse.json(shopRepository, { status: 201 })),
      http.post(`/api/v1/repositories/${shopRepository.id}/analyze`, () => problem(404, 'branch-not-found', 'The branch main does not exist.')),
    );
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.type(await screen.findByLabelText('Git URL'), 'https://git.example.test/acme/shop.git');
    await user.click(screen.getByRole('button', { name: 'Add repository' }));
    await waitFor(() => expect(location()).toBe(`/repositories/${shopRepository.id}`));
  });

  it('tells a viewer they cannot add repositories and disables the form', async () => {
    signedInAs('viewer');
    renderPage(<NewRepositoryPage />, route);
    expect(await screen.findByRole('alert')).toHaveTextContent('only developers, admins and owners can add repositories');
    expect(screen.getByRole('button', { name: 'Add repository' })).toBeDisabled();
    expect(screen.getByLabelText('Git URL')).toBeDisabled();
  });
});

describe('NewRepositoryPage — Pick from GitHub', () => {
  it('lists the caller’s GitHub repositories and imports one, then analyzes it', async () => {
    let asked: URLSearchParams | null = null;
    server.use(http.get('/api/v1/repositories/github', ({ request }) => {
      asked = new URL(request.url).searchParams;
      return HttpResponse.json(gitHubPage([
        gitHubRepository(),
        gitHubRepository({ githubId: 2, fullName: 'alice/blog', description: 'Notes', private: true, registered: true, repositoryId: 'r-blog' }),
      ]));
    }));
    const sent = acceptRegistration('/api/v1/repositories/github');
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.click(await screen.findByRole('tab', { name: 'Pick from GitHub' }));
    expect(screen.getByRole('tab', { name: 'Pick from GitHub' })).toHaveAttribute('aria-selected', 'true');
    const list = await screen.findByRole('list', { name: 'Your GitHub repositories' });
    expect(asked!.get('organizationId')).toBe(testOrg.id);
    expect(within(list).getByText('The shop front')).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'Open alice/blog, already added' })).toHaveAttribute('href', '/repositories/r-blog');
    expect(within(list).queryByRole('button', { name: 'Import alice/blog' })).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Import alice/shop' }));
    await waitFor(() => expect(location()).toBe(`/repositories/${shopRepository.id}`));
    expect(sent.register).toEqual({ organizationId: testOrg.id, fullName: 'alice/shop' });
    expect(sent.analyze).toEqual({});
  });

  it('explains how to connect GitHub when the user has no connection', async () => {
    server.use(http.get('/api/v1/repositories/github', () =>
      problem(409, 'github-not-connected', 'Connect your GitHub account first (Settings → Connections).')));
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.click(await screen.findByRole('tab', { name: 'Pick from GitHub' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your GitHub account is not connected');
    expect(alert).toHaveTextContent('Connect your GitHub account first');
    expect(screen.getByRole('link', { name: 'account page' })).toHaveAttribute('href', '/account');
  });

  it('shows why an import was refused', async () => {
    server.use(
      http.get('/api/v1/repositories/github', () => HttpResponse.json(gitHubPage([gitHubRepository()]))),
      http.post('/api/v1/repositories/github', () =>
        problem(404, 'github-repository-not-found', 'GitHub has no such repository, or your GitHub account cannot see it.')),
    );
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.click(await screen.findByRole('tab', { name: 'Pick from GitHub' }));
    await user.click(await screen.findByRole('button', { name: 'Import alice/shop' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('alice/shop could not be imported');
    expect(alert).toHaveTextContent('your GitHub account cannot see it');
  });

  it('filters the page shown and pages on while GitHub has more', async () => {
    server.use(http.get('/api/v1/repositories/github', ({ request }) => {
      const number = Number(new URL(request.url).searchParams.get('page'));
      return number === 0
        ? HttpResponse.json(gitHubPage([gitHubRepository(), gitHubRepository({ githubId: 3, fullName: 'alice/api', language: 'Go', description: null })], true))
        : HttpResponse.json(gitHubPage([gitHubRepository({ githubId: 4, fullName: 'alice/old' })], false, 1));
    }));
    const { user } = renderPage(<NewRepositoryPage />, route);
    await user.click(await screen.findByRole('tab', { name: 'Pick from GitHub' }));
    await user.type(await screen.findByLabelText('Filter this page'), 'go');
    const list = screen.getByRole('list', { name: 'Your GitHub repositories' });
    expect(within(list).getByText('alice/api')).toBeInTheDocument();
    expect(within(list).queryByText('alice/shop')).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Filter this page'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('alice/old')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('switches tabs with the arrow keys', async () => {
    server.use(http.get('/api/v1/repositories/github', () => HttpResponse.json(gitHubPage([]))));
    const { user } = renderPage(<NewRepositoryPage />, route);
    const first = await screen.findByRole('tab', { name: 'Git URL' });
    first.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Pick from GitHub' })).toHaveFocus();
    expect(await screen.findByText('No repositories on your GitHub account')).toBeInTheDocument();
    expect(screen.queryByLabelText('Git URL')).not.toBeInTheDocument();
  });
});

