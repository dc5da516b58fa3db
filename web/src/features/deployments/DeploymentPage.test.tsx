import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { DeploymentPage } from './DeploymentPage';
import { FakeWebSocket, logMessage } from './fakeSocket';
import { deployment, members, previewCommit, PROJECT_ID, rollbackPreview } from './fixtures';
import type { Deployment, RollbackPreview } from './types';

const ID = 'd0000000-0000-4000-8000-000000000001';
const PARENT = 'd0000000-0000-4000-8000-0000000000ff';
const SERVED = 'd0000000-0000-4000-8000-0000000000aa';

function answer(current: () => Deployment, extra: { gets?: { count: number } } = {}) {
  server.use(
    http.get(`/api/v1/deployments/${ID}`, () => {
      if (extra.gets) extra.gets.count++;
      return HttpResponse.json(current());
    }),
    http.get(`/api/v1/deployments/${ID}/status`, () => HttpResponse.json({
      deploymentId: ID, status: current().status, reason: null, progress: 50, durationMs: 11000,
      steps: current().steps.map((s) => ({ name: s.name, status: s.status, startedAt: s.startedAt, finishedAt: s.finishedAt, durationMs: (s.duration ?? 0) * 1000 + 250 })),
      history: [],
    })),
    http.get(`/api/v1/organizations/${testOrg.id}/members`, () => HttpResponse.json(members)),
    // a deployment just created (after retry or rollback): the monitor has not heard of it yet
    http.get('/api/v1/deployments/:other/status', () => problem(404, 'deployment-not-found', 'Not known yet.')),
  );
}

function open(d: Deployment = deployment()) {
  answer(() => d);
  return renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
}

/** Answers the rollback preview (per keepCurrentVariables) and the rollback; records what was asked and posted. */
function answerRollback(preview: (keep: boolean) => RollbackPreview | Response, hold?: Promise<void>) {
  const calls = { previews: [] as string[], bodies: [] as unknown[] };
  server.use(
    http.get(`/api/v1/deployments/${ID}/rollback/preview`, async ({ request }) => {
      const keep = new URL(request.url).searchParams.get('keepCurrentVariables') ?? '(none)';
      calls.previews.push(keep);
      await hold;
      const answer = preview(keep === 'true');
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
    http.post(`/api/v1/deployments/${ID}/rollback`, async ({ request }) => {
      calls.bodies.push(await request.json());
      return HttpResponse.json(deployment({ id: 'd-rollback', action: 'rollback', parentId: ID, status: 'queued' }), { status: 201 });
    }),
  );
  return calls;
}

const statusSocket = () => FakeWebSocket.to('/status/stream').at(-1)!;
const logSocket = () => FakeWebSocket.to('/logs/stream').at(-1)!;

beforeEach(() => FakeWebSocket.reset());
afterEach(() => FakeWebSocket.reset());

describe('DeploymentPage', () => {
  it('shows the deployment: project link, commit, who, URL, steps and progress', async () => {
    open();
    expect(await screen.findByRole('heading', { name: /shop · production/ })).toBeInTheDocument();
    expect(screen.getByLabelText('status ready')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'shop' })).toHaveAttribute('href', `/projects/${PROJECT_ID}`);
    expect(screen.getByText('Add the checkout page')).toBeInTheDocument();
    expect((await screen.findAllByText(/Alice/)).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'http://localhost:20001' })).toHaveAttribute('href', 'http://localhost:20001');
    expect(screen.getByText('Build application')).toBeInTheDocument();
    expect(await screen.findByText('7.3 s')).toBeInTheDocument(); // the monitor's precise duration
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText(/A first deployment/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Parent deployment' })).not.toBeInTheDocument();
  });

  it('says why it failed, linking the deployment the environment still serves', async () => {
    open(deployment({
      status: 'error', url: null,
      statusReason: `The app exited before it answered its health check (exit code 1). The environment still serves deployment ${SERVED} (rolled back automatically).`,
      metadata: { autoRollback: { automatic: true, rolledBackTo: SERVED } },
    }));
    expect(await screen.findByText('Why it failed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'd000000' })).toHaveAttribute('href', `/deployments/${SERVED}`);
    expect(screen.getByText(/rolled back automatically/)).toBeInTheDocument();
  });

  it('updates the badge live from the status stream and refetches the deployment on each change', async () => {
    let current = deployment({ status: 'building', finishedAt: null, url: null });
    const gets = { count: 0 };
    answer(() => current, { gets });
    renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
    await screen.findByLabelText('status building');
    await waitFor(() => expect(FakeWebSocket.to('/status/stream').length).toBeGreaterThan(0));
    const socket = statusSocket();
    expect(socket.protocols).toEqual(['bearer', 'test-access-token']);
    socket.open();
    const before = gets.count;
    current = { ...current, status: 'deploying' };
    socket.send({ type: 'deployment.status', deploymentId: ID, status: 'deploying', progress: 75 });
    expect(await screen.findByLabelText('status deploying')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75'));
    await waitFor(() => expect(gets.count).toBeGreaterThan(before));
    current = { ...current, status: 'ready', url: 'http://localhost:20001' };
    socket.send({ type: 'deployment.status', deploymentId: ID, status: 'ready', progress: 100, final: true });
    socket.drop(1000, 'Deployment finished');
    expect(await screen.findByLabelText('status ready')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'http://localhost:20001' })).toBeInTheDocument();
  });

  it('polls the deployment every 3 s while the status stream is down', async () => {
    const gets = { count: 0 };
    answer(() => deployment({ status: 'deploying', finishedAt: null, url: null }), { gets });
    renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
    await screen.findByLabelText('status deploying');
    await waitFor(() => expect(FakeWebSocket.to('/status/stream').length).toBeGreaterThan(0));
    statusSocket().send({ type: 'deployment.status', deploymentId: ID, status: 'deploying', progress: 75 });
    statusSocket().drop(1006);
    const before = gets.count;
    await waitFor(() => expect(gets.count).toBeGreaterThan(before), { timeout: 4500 });
  });

  it('names the member who cancelled it', async () => {
    open(deployment({ status: 'cancelled', url: null, statusReason: `Cancelled by user ${members[0].userId}.` }));
    expect(await screen.findByText('Why it was cancelled')).toBeInTheDocument();
    expect(await screen.findByText('Cancelled by Alice.')).toBeInTheDocument();
  });

  it('streams the log into the terminal, each line once, and filters and searches it', async () => {
    const { user } = open();
    await screen.findByRole('log', { name: 'Deployment log' });
    await waitFor(() => expect(FakeWebSocket.to('/logs/stream').length).toBeGreaterThan(0));
    const socket = logSocket();
    expect(socket.cursor).toBe('0');
    socket.open();
    socket.send(logMessage(ID, 1, '$ npm install'));
    socket.send(logMessage(ID, 2, 'WARN deprecated package', { level: 'warn' }));
    socket.send(logMessage(ID, 2, 'WARN deprecated package', { level: 'warn' }));
    socket.send({ type: 'heartbeat' });
    socket.send(logMessage(ID, 3, 'Ready at http://localhost:20001', { step: 'deploy_to_provider' }));
    const log = screen.getByRole('log', { name: 'Deployment log' });
    await waitFor(() => expect(within(log).getByText('Ready at http://localhost:20001')).toBeInTheDocument());
    expect(within(log).getAllByText('WARN deprecated package')).toHaveLength(1);
    expect(within(log).getByText('[deploy_to_provider]')).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Level'), 'warn');
    expect(within(log).queryByText('$ npm install')).not.toBeInTheDocument();
    expect(within(log).getByText('WARN deprecated package')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Level'), '');

    await user.type(screen.getByLabelText('Search log'), 'npm');
    expect(within(log).queryByText(/Ready at/)).not.toBeInTheDocument();
    expect(within(log).getByText('npm', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText('1 of 3 lines match.')).toBeInTheDocument();
  });

  it('shows "Reconnecting…" when the log stream drops and resumes from the last sequence', async () => {
    open();
    await waitFor(() => expect(FakeWebSocket.to('/logs/stream').length).toBeGreaterThan(0));
    const first = logSocket();
    first.open();
    first.send(logMessage(ID, 1, 'first line'));
    first.send(logMessage(ID, 2, 'second line'));
    first.drop(1006);
    expect(await screen.findByText('Reconnecting…')).toBeInTheDocument();
    await waitFor(() => expect(FakeWebSocket.to('/logs/stream').length).toBe(2), { timeout: 3000 });
    expect(logSocket().cursor).toBe('2');
  });

  it('pauses autoscroll when the reader scrolls up and offers "Jump to latest"', async () => {
    const { user } = open();
    const log = await screen.findByRole('log', { name: 'Deployment log' });
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 1000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, value: 200 });
    log.scrollTop = 100;
    fireEvent.scroll(log);
    await user.click(await screen.findByRole('button', { name: 'Jump to latest' }));
    expect(log.scrollTop).toBe(1000);
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
  });

  it('downloads the whole log with the token and saves it as a file', async () => {
    let auth: string | null = null;
    server.use(http.get(`/api/v1/deployments/${ID}/logs/download`, ({ request }) => {
      auth = request.headers.get('Authorization');
      return new HttpResponse('2026-12-01T10:00:00Z INFO  [build_application] $ npm install\n', { headers: { 'Content-Type': 'text/plain' } });
    }));
    const createObjectURL = vi.fn((blob: Blob) => { void blob; return 'blob:log'; });
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Download' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(auth).toBe('Bearer test-access-token');
    const blob = createObjectURL.mock.calls[0][0];
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
    expect(text).toContain('$ npm install');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('retries a failed deployment and opens the new one', async () => {
    let posted = false;
    server.use(http.post(`/api/v1/deployments/${ID}/retry`, () => {
      posted = true;
      return HttpResponse.json(deployment({ id: 'd-new', action: 'retry', parentId: ID, status: 'queued' }), { status: 201 });
    }));
    const { user } = open(deployment({ status: 'error', url: null }));
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Deploys commit abcdef1 (main) to production again');
    await user.click(within(dialog).getByRole('button', { name: 'Retry deployment' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/d-new'));
    expect(posted).toBe(true);
  });

  it('rolls back to this ready deployment with the release\'s variables and opens the rollback', async () => {
    const calls = answerRollback(() => rollbackPreview());
    const { user } = open();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(calls.previews).toEqual([]); // read only once the confirmation opens
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog');
    await within(dialog).findByRole('region', { name: 'Commits' });
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/d-rollback'));
    expect(calls.previews).toEqual(['false']);
    expect(calls.bodies).toEqual([{ keepCurrentVariables: false }]);
  });

  it('previews the rollback: commits removed and added, variable keys, the migration risk and the blocks', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    answerRollback(() => rollbackPreview({
      commits: {
        from: 'fedcba9876543210fedcba9876543210fedcba98', to: deployment().commitSha, commitsAvailable: true,
        removed: Array.from({ length: 7 }, (_, i) => previewCommit(i + 1, { title: `Removed change ${i + 1}` })),
        added: [previewCommit(9, { title: 'Hotfix only on the old line', author: 'Carol' })],
        complete: false, note: 'The range is incomplete: a side has more than 200 commits.',
      },
      variables: { comparedWith: 'release', added: ['OLD_FLAG'], removed: ['NEW_KEY'], changed: ['DATABASE_URL'], note: 'Values are never shown.' },
      migration: { current: 'V7', target: 'V5', backwards: true },
      risks: [{ type: 'migration-downgrade', message: "The environment's database is at migration V7; the release rolled back to expects V5." }],
      targetCommit: { blocked: true, reason: `rolled back from on 2026-12-01 (rollback deployment d-x by user ${members[0].userId})` },
    }), held);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Roll back to this deployment?' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Reading what the rollback would change');
    expect(within(dialog).getByRole('button', { name: 'Roll back' })).toBeDisabled();
    release();

    const risks = await within(dialog).findByRole('region', { name: 'Risks' });
    expect(risks).toHaveTextContent('Database migration downgrade: The environment\'s database is at migration V7');
    expect(dialog).toHaveTextContent('Back from fedcba9, what production serves now, to abcdef1.');
    expect(dialog).toHaveTextContent('It blocks commit fedcba9 in production: pushes and auto-deploys skip it until someone unblocks it.');
    expect(dialog).toHaveTextContent('Commit abcdef1 is blocked in production: rolled back from on 2026-12-01 (rollback deployment d-x by Alice). The rollback deploys it all the same.');

    const removed = within(dialog).getByRole('list', { name: 'Stops running (7 commits)' });
    expect(within(removed).getAllByRole('listitem')).toHaveLength(5);
    expect(within(removed).getAllByRole('listitem')[0]).toHaveTextContent('01ccccc Removed change 1 Bob');
    await user.click(within(dialog).getByRole('button', { name: '+2 more' }));
    expect(within(removed).getAllByRole('listitem')).toHaveLength(7);
    const added = within(dialog).getByRole('list', { name: 'Starts running (1 commit)' });
    expect(added).toHaveTextContent('09ccccc Hotfix only on the old line Carol');
    expect(within(dialog).getByRole('region', { name: 'Commits' })).toHaveTextContent('The range is incomplete');

    const variables = within(dialog).getByRole('region', { name: 'Variables' });
    expect(variables).toHaveTextContent("Runs with the release's variables");
    expect(variables).toHaveTextContent('Added OLD_FLAG');
    expect(variables).toHaveTextContent('Removed NEW_KEY');
    expect(variables).toHaveTextContent('Changed DATABASE_URL');
    expect(within(dialog).getByRole('checkbox', { name: "Keep today's variables" })).not.toBeChecked();
    expect(within(dialog).getByRole('button', { name: 'Roll back' })).toBeEnabled();
  });

  it('says when the commits cannot be read and when nothing changes in the variables', async () => {
    answerRollback(() => rollbackPreview({
      commits: { from: null, to: null, commitsAvailable: false, removed: [], added: [], complete: false, note: 'The repository could not be read: timed out.' },
      blocksCommit: null,
    }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByRole('region', { name: 'Commits' })).toHaveTextContent('The repository could not be read: timed out.');
    expect(within(dialog).getByRole('region', { name: 'Variables' })).toHaveTextContent('no key added, removed or changed against what production runs now');
    expect(within(dialog).queryByRole('region', { name: 'Risks' })).not.toBeInTheDocument();
    expect(dialog).not.toHaveTextContent('It blocks commit');
  });

  it('says when the environment serves nothing yet, or this release already', async () => {
    let preview = rollbackPreview({ current: null, direction: 'initial', blocksCommit: null });
    answerRollback(() => preview);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    let dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByText(/Nothing is served in production now: the rollback deploys/)).toHaveTextContent('abcdef1');
    await user.click(within(dialog).getByRole('button', { name: 'Keep as is' }));
    preview = rollbackPreview({ direction: 'same', blocksCommit: null, commits: { ...preview.commits, removed: [] } });
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByText(/Already what production serves/)).toHaveTextContent('the rollback redeploys it');
    expect(within(dialog).getByRole('region', { name: 'Commits' })).toHaveTextContent('No commit changes.');
  });

  it("reads the preview again when today's variables are kept, and posts that choice", async () => {
    const calls = answerRollback((keep) => rollbackPreview(keep
      ? { keepCurrentVariables: true, variables: { comparedWith: 'current', added: [], removed: [], changed: ['API_KEY'], note: null } }
      : { variables: { comparedWith: 'release', added: ['OLD_FLAG'], removed: [], changed: [], note: null } }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog');
    const variables = await within(dialog).findByRole('region', { name: 'Variables' });
    expect(variables).toHaveTextContent('Added OLD_FLAG');

    await user.click(within(dialog).getByRole('checkbox', { name: "Keep today's variables" }));
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Variables' })).toHaveTextContent('Changed API_KEY'));
    expect(within(dialog).getByRole('region', { name: 'Variables' })).toHaveTextContent("Runs with today's variables");
    expect(within(dialog).getByRole('region', { name: 'Variables' })).not.toHaveTextContent('OLD_FLAG');
    expect(calls.previews).toEqual(['false', 'true']);

    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/d-rollback'));
    expect(calls.bodies).toEqual([{ keepCurrentVariables: true }]);
  });

  it('still rolls back a deployment older than releases, saying there is no preview', async () => {
    const calls = answerRollback(() => problem(409, 'no-release-to-roll-back-to', 'The deployment has no release to roll back to.'));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByText(/No preview for this one: it was deployed before releases were recorded/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/deployments/d-rollback'));
    expect(calls.bodies).toEqual([{ keepCurrentVariables: false }]);
  });

  it('shows why the preview failed and still lets the rollback go ahead', async () => {
    const calls = answerRollback(() => problem(503, 'unavailable', 'The deployer is restarting.'));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The deployer is restarting.');
    expect(dialog).toHaveTextContent('You can still roll back without it.');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(calls.bodies).toEqual([{ keepCurrentVariables: false }]));
  });

  it("rolls the environment back to its last success and shows the server's refusal in the dialog", async () => {
    let body: unknown = null;
    server.use(http.post(`/api/v1/projects/${PROJECT_ID}/deployments/rollback/last-success`, async ({ request }) => {
      body = await request.json();
      return problem(409, 'no-ready-deployment', 'The environment has no successful deployment besides the one it serves now.');
    }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Roll back to last success' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back to last success' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('no successful deployment besides the one it serves now');
    expect(body).toEqual({ environment: 'production' });
    expect(screen.getByTestId('location')).toHaveTextContent(`/deployments/${ID}`);
  });

  it('cancels a running deployment and says it is stopping', async () => {
    let current = deployment({ status: 'building', finishedAt: null, url: null });
    let cancelled = false;
    answer(() => current);
    server.use(http.post(`/api/v1/deployments/${ID}/cancel`, () => {
      cancelled = true;
      current = { ...current, cancelRequested: true };
      return HttpResponse.json(current, { status: 202 });
    }));
    const { user } = renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
    expect(screen.queryByRole('button', { name: 'Roll back' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('production keeps serving what it serves now');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel deployment' }));
    expect(await screen.findByText(/Cancelling: the deployment stops within seconds/)).toBeInTheDocument();
    expect(cancelled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('hides the actions from a viewer', async () => {
    server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role: 'viewer' }]))));
    open(deployment({ status: 'error' }));
    await screen.findByRole('heading', { name: /shop · production/ });
    for (const name of ['Retry', 'Roll back', 'Roll back to last success', 'Cancel']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('links the parent deployment, its ancestors and the retries made of it', async () => {
    const grandparent = 'd0000000-0000-4000-8000-0000000000ee';
    server.use(
      http.get(`/api/v1/deployments/${PARENT}`, () => HttpResponse.json(deployment({ id: PARENT, status: 'error', action: 'retry', parentId: grandparent }))),
      http.get(`/api/v1/deployments/${grandparent}`, () => HttpResponse.json(deployment({ id: grandparent, status: 'error', parentId: null }))),
      http.get('/api/v1/deployments/d-child', () => HttpResponse.json(deployment({ id: 'd-child', action: 'rollback', status: 'queued', parentId: ID }))),
    );
    open(deployment({ action: 'retry', parentId: PARENT, children: ['d-child'] }));
    expect(await screen.findByRole('link', { name: 'Parent deployment' })).toHaveAttribute('href', `/deployments/${PARENT}`);
    const ancestors = await screen.findByRole('list', { name: 'Ancestors' });
    expect(within(ancestors).getAllByRole('listitem')).toHaveLength(2);
    const children = await screen.findByRole('list', { name: 'Retries and rollbacks' });
    expect(within(children).getByRole('link', { name: 'Rollback d-child' })).toHaveAttribute('href', '/deployments/d-child');
  });

  it('says when the deployment does not exist', async () => {
    server.use(http.get(`/api/v1/deployments/${ID}`, () => problem(404, 'deployment-not-found', 'No such deployment.')));
    renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
    expect(await screen.findByText('Deployment not found')).toBeInTheDocument();
  });

  it("shows the server's problem when the deployment cannot be read", async () => {
    server.use(http.get(`/api/v1/deployments/${ID}`, () => problem(503, 'unavailable', 'The deployer is restarting.')));
    renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The deployer is restarting.');
  });
});
