import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { page, problem, server, signedInAs } from '../../test/server';
import type { Alert, AlertRule } from './api';
import { AlertsPage } from './AlertsPage';
import { alert, blog, rule, shop, withProjects } from './fixtures';

const ORG_ID = '00000000-0000-4000-8000-0000000000a1';

/** Alerts and rules held like the server holds them, so that mutations show in the next read. */
function answer({ alerts = [alert()], rules = [rule()] }: { alerts?: Alert[]; rules?: AlertRule[] } = {}) {
  const state = { alerts: [...alerts], rules: [...rules], alertQueries: [] as URLSearchParams[] };
  withProjects([blog, shop]);
  server.use(
    http.get('/api/v1/alerts', ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.alertQueries.push(params);
      const status = params.get('status');
      return HttpResponse.json(page(state.alerts.filter((a) => !status || a.status === status)));
    }),
    http.get('/api/v1/alert-rules', ({ request }) => {
      expect(new URL(request.url).searchParams.get('organizationId')).toBe(ORG_ID);
      return HttpResponse.json(state.rules);
    }),
  );
  return state;
}

function renderAlerts() {
  return renderPage(<AlertsPage />, { route: '/monitoring/alerts' });
}

describe('AlertsPage: alerts', () => {
  it('lists the open alerts with summary, project and when they opened, and filters by status', async () => {
    const state = answer({ alerts: [alert(), alert({ id: 'a-2', status: 'resolved', summary: 'Old failure', resolvedAt: new Date().toISOString() })] });
    const { user } = renderAlerts();
    expect(await screen.findByText(/Deployment of 50c0712 to production failed/)).toBeInTheDocument();
    expect(screen.getByText(/Shop · production · deployment-failed · opened/)).toBeInTheDocument();
    expect(screen.getByLabelText('status open')).toBeInTheDocument();
    expect(screen.queryByText('Old failure')).not.toBeInTheDocument();
    expect(state.alertQueries[0].get('status')).toBe('open');
    expect(state.alertQueries[0].get('organizationId')).toBe(ORG_ID);

    await user.selectOptions(screen.getByLabelText('Status'), 'resolved');
    expect(await screen.findByText('Old failure')).toBeInTheDocument();
    expect(screen.getByText(/resolved .* automatically/)).toBeInTheDocument();
    expect(state.alertQueries.at(-1)!.get('status')).toBe('resolved');

    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    expect(await screen.findByText(/Deployment of 50c0712/)).toBeInTheDocument();
    expect(state.alertQueries.at(-1)!.has('status')).toBe(false);
  });

  it('acknowledges an alert and shows its new state', async () => {
    const state = answer();
    let acknowledged = '';
    server.use(http.post('/api/v1/alerts/:id/acknowledge', ({ params }) => {
      acknowledged = String(params.id);
      state.alerts = state.alerts.map((a) => (a.id === params.id ? { ...a, status: 'acknowledged', acknowledgedAt: new Date().toISOString() } : a));
      return HttpResponse.json(state.alerts[0]);
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(acknowledged).toBe('a-1'));
    await user.selectOptions(screen.getByLabelText('Status'), 'acknowledged');
    expect(await screen.findByLabelText('status acknowledged')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
  });

  it('resolves an alert after confirming, and shows why the server refused', async () => {
    const state = answer();
    let attempts = 0;
    server.use(http.post('/api/v1/alerts/:id/resolve', ({ params }) => {
      attempts += 1;
      if (attempts === 1) return problem(409, 'alert-state', 'The alert is already resolved.');
      state.alerts = state.alerts.map((a) => (a.id === params.id ? { ...a, status: 'resolved' } : a));
      return HttpResponse.json(state.alerts[0]);
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Resolve this alert?' });
    await user.click(within(dialog).getByRole('button', { name: 'Resolve alert' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The alert is already resolved.');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve alert' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(await screen.findByText('No open alerts')).toBeInTheDocument();
    expect(attempts).toBe(2);
  });

  it('shows the problem when the alerts cannot be read', async () => {
    answer();
    server.use(http.get('/api/v1/alerts', () => problem(400, 'validation', 'status must match "open|acknowledged|resolved"')));
    renderAlerts();
    expect(await screen.findByText('status must match "open|acknowledged|resolved"')).toBeInTheDocument();
  });

  it('hides every action from a viewer', async () => {
    signedInAs('viewer');
    answer();
    renderAlerts();
    expect(await screen.findByText(/Deployment of 50c0712/)).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Alert rules' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New alert rule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Disable/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });
});

describe('AlertsPage: alert rules', () => {
  it('lists the rules with their condition and webhook, the secret masked', async () => {
    answer({ rules: [rule(), rule({ id: 'r-2', type: 'error-log-rate', threshold: 10, window: 'PT5M', environment: 'production', enabled: false, webhook: { url: 'http://localhost:9999/hook', format: 'generic', secret: null } })] });
    renderAlerts();
    const table = await screen.findByRole('table', { name: 'Alert rules' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first).getByText('A deployment fails')).toBeInTheDocument();
    expect(within(first).getByText('All environments')).toBeInTheDocument();
    expect(within(first).getByLabelText('Signed, secret hidden')).toHaveTextContent('••••••');
    expect(within(first).getByText('(slack)')).toBeInTheDocument();
    expect(within(first).getByText('Enabled')).toBeInTheDocument();
    expect(within(second).getByText('10 error lines within 5 min')).toBeInTheDocument();
    expect(within(second).getByText('None')).toBeInTheDocument();
    expect(within(second).getByText('Disabled')).toBeInTheDocument();
    expect(table).not.toHaveTextContent('********');
  });

  it('creates an error-log-rate rule with the fields it needs and a write-only secret', async () => {
    const state = answer({ rules: [] });
    let sent: unknown;
    server.use(http.post('/api/v1/alert-rules', async ({ request }) => {
      sent = await request.json();
      const created = rule({ id: 'r-new', type: 'error-log-rate', threshold: 25, window: 'PT10M', environment: 'production', webhook: { url: 'https://hooks.slack.com/services/…', format: 'slack', secret: '********' } });
      state.rules = [created];
      return HttpResponse.json(created, { status: 201 });
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'New alert rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'New alert rule' });
    await user.selectOptions(within(dialog).getByLabelText('Project'), 'Shop');
    await user.selectOptions(within(dialog).getByLabelText('Environment'), 'production');
    await user.selectOptions(within(dialog).getByLabelText('Condition'), 'error-log-rate');
    expect(within(dialog).queryByLabelText('Minutes failing')).not.toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Error lines'));
    await user.type(within(dialog).getByLabelText('Error lines'), '25');
    await user.clear(within(dialog).getByLabelText('Within'));
    await user.type(within(dialog).getByLabelText('Within'), '10m');
    await user.type(within(dialog).getByLabelText('Webhook URL'), 'https://hooks.slack.com/services/T1/B2/xyz');
    await user.selectOptions(within(dialog).getByLabelText('Payload format'), 'slack');
    await user.type(within(dialog).getByLabelText('Signing secret'), 's3cret-signing-key');
    expect(within(dialog).getByLabelText('Signing secret')).toHaveAttribute('type', 'password');
    await user.click(within(dialog).getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(sent).toEqual({
      organizationId: ORG_ID, projectId: shop.id, environment: 'production', type: 'error-log-rate', threshold: 25, window: '10m',
      webhook: { url: 'https://hooks.slack.com/services/T1/B2/xyz', format: 'slack', secret: 's3cret-signing-key' },
    });
    expect(await screen.findByText('25 error lines within 10 min')).toBeInTheDocument();
    expect(screen.queryByText('s3cret-signing-key')).not.toBeInTheDocument();
  }, 20_000);

  it('sends minutes for a health-check-failing rule and shows the server\'s field errors next to the fields', async () => {
    answer({ rules: [] });
    let sent: Record<string, unknown> = {};
    server.use(http.post('/api/v1/alert-rules', async ({ request }) => {
      sent = (await request.json()) as Record<string, unknown>;
      return problem(422, 'validation', 'The rule is not valid.', { errors: [
        { field: 'minutes', message: 'a health-check-failing rule needs minutes from 1 to 1440' },
        { field: 'webhook.url', message: 'must not be blank' },
      ] });
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'New alert rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'New alert rule' });
    await user.selectOptions(within(dialog).getByLabelText('Condition'), 'health-check-failing');
    await user.clear(within(dialog).getByLabelText('Minutes failing'));
    await user.type(within(dialog).getByLabelText('Minutes failing'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(within(dialog).getByLabelText('Minutes failing')).toHaveAccessibleDescription(/needs minutes from 1 to 1440/));
    expect(within(dialog).getByLabelText('Minutes failing')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Webhook URL')).toHaveAccessibleDescription('must not be blank');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The rule is not valid.');
    expect(sent).toMatchObject({ type: 'health-check-failing', minutes: 0, projectId: blog.id });
    expect(sent).not.toHaveProperty('threshold');
    expect(sent).not.toHaveProperty('environment');
    expect(sent.webhook).toEqual({ url: '', format: 'generic' });
  }, 20_000);

  it('disables and enables a rule', async () => {
    const state = answer();
    let patched: unknown;
    server.use(http.patch('/api/v1/alert-rules/:id', async ({ request, params }) => {
      patched = await request.json();
      state.rules = state.rules.map((r) => (r.id === params.id ? { ...r, enabled: false } : r));
      return HttpResponse.json(state.rules[0]);
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'Disable rule: A deployment fails' }));
    expect(await screen.findByText('Disabled')).toBeInTheDocument();
    expect(patched).toEqual({ enabled: false });
    expect(screen.getByRole('button', { name: 'Enable rule: A deployment fails' })).toBeInTheDocument();
  });

  it('deletes a rule after confirming', async () => {
    const state = answer();
    let deleted = '';
    server.use(http.delete('/api/v1/alert-rules/:id', ({ params }) => {
      deleted = String(params.id);
      state.rules = [];
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = renderAlerts();
    await user.click(await screen.findByRole('button', { name: 'Delete rule: A deployment fails' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this alert rule?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    expect(await screen.findByText('No alert rules')).toBeInTheDocument();
    expect(deleted).toBe('r-1');
  });

  it('offers a first rule when there are none', async () => {
    answer({ alerts: [], rules: [] });
    renderAlerts();
    expect(await screen.findByText('No alert rules')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New alert rule' })).toBeInTheDocument();
    expect(screen.getByText('No open alerts')).toBeInTheDocument();
  });
});
