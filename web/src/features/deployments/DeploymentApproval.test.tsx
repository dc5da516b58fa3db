import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server, testOrg } from '../../test/server';
import { DeploymentPage } from './DeploymentPage';
import { FakeWebSocket } from './fakeSocket';
import { deployment, members } from './fixtures';
import type { Deployment, DeploymentApproval } from './types';

const ID = 'd0000000-0000-4000-8000-000000000001';

function pending(overrides: Partial<DeploymentApproval> = {}): DeploymentApproval {
  return {
    required: 2, approverRole: 'admin', state: 'pending', approvals: 0, expiresAt: '2026-12-03T10:00:00Z',
    requestedBy: null, votes: [], ...overrides,
  };
}

function waiting(approval: DeploymentApproval = pending()): Deployment {
  const d = deployment({ status: 'awaiting_approval', finishedAt: null, url: null, approval });
  return { ...d, steps: d.steps.map((step) => ({ ...step, status: 'pending', startedAt: null, finishedAt: null, duration: null })) };
}

function serve(current: () => Deployment) {
  server.use(
    http.get(`/api/v1/deployments/${ID}`, () => HttpResponse.json(current())),
    http.get(`/api/v1/deployments/${ID}/status`, () => problem(404, 'deployment-not-found', 'Not known yet.')),
    http.get(`/api/v1/organizations/${testOrg.id}/members`, () => HttpResponse.json(members)),
  );
}

function open() {
  return renderPage(<DeploymentPage socketFactory={FakeWebSocket} />, { route: `/deployments/${ID}`, path: '/deployments/:id' });
}

beforeEach(() => FakeWebSocket.reset());
afterEach(() => FakeWebSocket.reset());

describe('DeploymentPage approval', () => {
  it('shows a deployment awaiting approval with its requirement, and approves it with a comment', async () => {
    let current = waiting();
    let body: unknown = null;
    serve(() => current);
    server.use(http.post(`/api/v1/deployments/${ID}/approve`, async ({ request }) => {
      body = await request.json();
      const next = pending({ approvals: 1, votes: [{ userId: members[0].userId, decision: 'approved', comment: 'ship it', at: '2026-12-02T10:00:00Z' }] });
      current = waiting(next);
      return HttpResponse.json(next);
    }));
    open();

    expect(await screen.findByLabelText('status awaiting_approval')).toHaveTextContent('awaiting approval');
    expect(screen.getByText(/0 of 2 approvals/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /Comment/ }), { target: { value: 'ship it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(body).toEqual({ comment: 'ship it' }));
    expect(await screen.findByText(/1 of 2 approvals/)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Votes' })).getByText('ship it')).toBeInTheDocument();
  });

  it('says why a vote was refused', async () => {
    serve(() => waiting());
    server.use(http.post(`/api/v1/deployments/${ID}/reject`, () => problem(409, 'self-approval', 'Whoever asked for a deployment cannot approve or reject it.')));
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    expect(await screen.findByText(/cannot approve or reject it/)).toBeInTheDocument();
  });

  it('offers no vote once the approval is decided', async () => {
    serve(() => deployment({ status: 'cancelled', statusReason: 'Approval expired.', approval: pending({ state: 'expired' }) }));
    open();

    expect(await screen.findByLabelText('approval expired')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });
});
