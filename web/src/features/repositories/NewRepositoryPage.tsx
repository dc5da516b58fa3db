import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import type { ApiClient } from '../../api/client';
import { describeError, isApiError } from '../../api/problem';
import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatRelative } from '../../ui/format';
import { repositoryPath, type GitHubRepositoryPage, type Repository } from './api';

/** What the repository page is told when the first analysis could not be started. */
export interface AddedState {
  analysisError?: string;
}

/** Starts the first analysis of a repository just added; its failure does not undo the registration. */
async function startAnalysis(api: ApiClient, repository: Repository): Promise<AddedState> {
  try {
    await api.post(`${repositoryPath(repository.id)}/analyze`, {});
    return {};
  } catch (error) {
    return { analysisError: describeError(error) };
  }
}

type Tab = 'url' | 'github';
const TABS: { id: Tab; label: string; panel: string }[] = [
  { id: 'url', label: 'Git URL', panel: 'Register by address' },
  { id: 'github', label: 'Pick from GitHub', panel: 'Import from your GitHub account' },
];

/** `/repositories/new`: register any Git URL or import one of the caller's GitHub repositories. */
export function NewRepositoryPage() {
  const org = useCurrentOrg();
  const [tab, setTab] = useState<Tab>('url');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ url: null, github: null });
  const canAdd = hasRole(org.role, 'developer');

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === tab);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1
      : (index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    setTab(TABS[next].id);
    tabRefs.current[TABS[next].id]?.focus();
  };

  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Add a repository"
        description={<>To <span className="font-medium text-slate-700">{org.name}</span>. It is analyzed right after it is added.</>}
      />
      {!canAdd && (
        <div role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          Your role in {org.name} is {org.role}: only developers, admins and owners can add repositories.
        </div>
      )}
      <div role="tablist" aria-label="How to add the repository" className="mb-4 flex gap-1 border-b border-slate-200" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => { tabRefs.current[t.id] = el; }}
            type="button"
            role="tab"
            id={`add-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`add-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
              tab === t.id ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`add-panel-${t.id}`} aria-label={t.panel} hidden={tab !== t.id}>
          {tab === t.id && (t.id === 'url' ? <GitUrlForm disabled={!canAdd} /> : <GitHubPicker disabled={!canAdd} />)}
        </div>
      ))}
    </div>
  );
}

function GitUrlForm({ disabled }: { disabled: boolean }) {
  const api = useApi();
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [branch, setBranch] = useState('');
  const [missingUrl, setMissingUrl] = useState(false);

  const add = useMutation({
    mutationFn: async () => {
      const body: Record<string, string> = { organizationId: org.id, url: url.trim() };
      if (branch.trim()) body.defaultBranch = branch.trim();
      const repository = await api.post<Repository>('/api/v1/repositories', body);
      return { repository, state: await startAnalysis(api, repository) };
    },
    onSuccess: async ({ repository, state }) => {
      queryClient.setQueryData(['repository', repository.id], repository);
      await queryClient.invalidateQueries({ queryKey: ['repositories', org.id] });
      navigate(`/repositories/${repository.id}`, { state });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim()) { setMissingUrl(true); return; }
    setMissingUrl(false);
    add.mutate();
  };

  const error = isApiError(add.error) ? add.error : null;
  return (
    <Card>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label="Git URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://github.com/owner/name.git"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          hint="Any Git host over https://. Addresses inside private networks are refused."
          error={missingUrl ? 'Enter the repository’s Git URL.' : error?.fieldError('url')}
          disabled={disabled}
        />
        <TextField
          label="Branch (optional)"
          name="defaultBranch"
          autoComplete="off"
          spellCheck={false}
          placeholder="main"
          value={branch}
          onChange={(e) => setBranch(e.target.value)}
          hint="Leave empty to use the remote’s default branch."
          error={error?.fieldError('defaultBranch')}
          disabled={disabled}
        />
        {add.error != null && <ProblemAlert error={add.error} title="The repository could not be added" />}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={add.isPending} disabled={disabled}>Add repository</Button>
          <Link to="/repositories" className="inline-flex items-center px-3 py-2 text-sm text-slate-600 hover:underline">Cancel</Link>
        </div>
      </form>
    </Card>
  );
}

const GITHUB_PAGE_SIZE = 30;

function GitHubPicker({ disabled }: { disabled: boolean }) {
  const api = useApi();
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pageNumber, setPageNumber] = useState(0);
  const [filter, setFilter] = useState('');

  const list = useQuery({
    queryKey: ['github-repositories', org.id, pageNumber],
    queryFn: ({ signal }) =>
      api.get<GitHubRepositoryPage>('/api/v1/repositories/github', { organizationId: org.id, page: pageNumber, size: GITHUB_PAGE_SIZE }, signal),
    retry: false,
  });

  const importRepository = useMutation({
    mutationFn: async (fullName: string) => {
      const repository = await api.post<Repository>('/api/v1/repositories/github', { organizationId: org.id, fullName });
      return { repository, state: await startAnalysis(api, repository) };
    },
    onSuccess: async ({ repository, state }) => {
      queryClient.setQueryData(['repository', repository.id], repository);
      await queryClient.invalidateQueries({ queryKey: ['repositories', org.id] });
      await queryClient.invalidateQueries({ queryKey: ['github-repositories', org.id] });
      navigate(`/repositories/${repository.id}`, { state });
    },
  });

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const content = list.data?.content ?? [];
    return needle ? content.filter((r) => `${r.fullName} ${r.description ?? ''} ${r.language ?? ''}`.toLowerCase().includes(needle)) : content;
  }, [list.data, filter]);

  if (list.isLoading) return <Spinner label="Loading your GitHub repositories" />;
  if (list.error) {
    const notConnected = isApiError(list.error) && list.error.code === 'github-not-connected';
    return (
      <div className="space-y-3">
        <ProblemAlert error={list.error} title={notConnected ? 'Your GitHub account is not connected' : 'GitHub repositories could not be listed'} />
        {notConnected ? (
          <p className="text-sm text-slate-600">
            Sign in with GitHub from your <Link to="/account" className="font-medium text-indigo-700 hover:underline">account page</Link> to
            connect it, then come back here — or add the repository by its Git URL.
          </p>
        ) : (
          <Button variant="secondary" onClick={() => void list.refetch()}>Try again</Button>
        )}
      </div>
    );
  }
  const data = list.data!;
  if (data.content.length === 0 && pageNumber === 0) {
    return <EmptyState title="No repositories on your GitHub account">Create one on GitHub, or add any repository by its Git URL.</EmptyState>;
  }

  const pending = importRepository.isPending ? importRepository.variables : null;
  return (
    <Card>
      <div className="mb-3">
        <TextField label="Filter this page" type="search" value={filter} onChange={(e) => setFilter(e.target.value)}
          placeholder="name, description or language" hint="GitHub lists your repositories by last update; the filter applies to the page shown." />
      </div>
      {importRepository.error != null && (
        <div className="mb-3"><ProblemAlert error={importRepository.error} title={`${importRepository.variables} could not be imported`} /></div>
      )}
      {shown.length === 0 ? (
        <p className="py-4 text-sm text-slate-500">No repository on this page matches “{filter}”.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Your GitHub repositories">
          {shown.map((r) => (
            <li key={r.githubId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2">
                  <a href={r.htmlUrl} target="_blank" rel="noreferrer" className="break-all font-medium text-slate-900 hover:underline">{r.fullName}</a>
                  {r.private && <Badge>private</Badge>}
                  {r.language && <Badge tone="blue">{r.language}</Badge>}
                </p>
                {r.description && <p className="mt-0.5 text-sm text-slate-600">{r.description}</p>}
                <p className="mt-0.5 text-xs text-slate-500">
                  Branch <span className="font-mono">{r.defaultBranch}</span>{r.updatedAt ? ` · updated ${formatRelative(r.updatedAt)}` : ''}
                </p>
              </div>
              {r.registered && r.repositoryId ? (
                <Link to={`/repositories/${r.repositoryId}`} className="text-sm font-medium text-indigo-700 hover:underline" aria-label={`Open ${r.fullName}, already added`}>
                  Already added — open
                </Link>
              ) : (
                <Button
                  variant="secondary"
                  aria-label={`Import ${r.fullName}`}
                  busy={pending === r.fullName}
                  disabled={disabled || importRepository.isPending}
                  onClick={() => importRepository.mutate(r.fullName)}
                >
                  Import
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {(pageNumber > 0 || data.page.hasNext) && (
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
          <span>Page {pageNumber + 1}{data.page.totalPages ? ` of ${data.page.totalPages}` : ''}</span>
          <div className="flex gap-2">
            <Button variant="secondary" disabled={pageNumber === 0} onClick={() => setPageNumber((n) => n - 1)}>Previous</Button>
            <Button variant="secondary" disabled={!data.page.hasNext} onClick={() => setPageNumber((n) => n + 1)}>Next</Button>
          </div>
        </nav>
      )}
    </Card>
  );
}
