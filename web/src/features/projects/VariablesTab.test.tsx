import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { ProjectPage } from './ProjectPage';
import { asRole, environment, project, PROJECT_ID, projectHandler } from './testData';
import type { VariableList } from './types';

const base = `/api/v1/projects/${PROJECT_ID}/env`;
const variable = (key: string, value: string | null, secret = false) => ({ key, value, secret, createdBy: 'u1', createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z' });
const list = (variables: ReturnType<typeof variable>[], env = 'production'): VariableList => ({ environment: env, version: 3, variables });

function open() {
  return renderPage(<ProjectPage tab="variables" />, { route: `/projects/${PROJECT_ID}/variables`, path: '/projects/:id/variables' });
}

const withStaging = () => projectHandler(project({ environments: [environment(), environment({ id: 'env-staging', name: 'staging', kind: 'custom' })] }));

describe('VariablesTab', { timeout: 20_000 }, () => {
  it('lists plain values and hides secrets, per environment', async () => {
    const asked: string[] = [];
    server.use(withStaging(), http.get(base, ({ request }) => {
      const env = new URL(request.url).searchParams.get('environment') ?? '';
      asked.push(env);
      return HttpResponse.json(env === 'staging' ? list([variable('STAGE_ONLY', 'yes')], 'staging')
        : list([variable('NODE_ENV', 'production'), variable('API_KEY', null, true)]));
    }));
    const { user } = open();
    expect(await screen.findByText('NODE_ENV')).toBeInTheDocument();
    expect(screen.getByText('production', { selector: 'span' })).toBeInTheDocument();
    const secretRow = screen.getByText('API_KEY').closest('tr')!;
    expect(within(secretRow).getByText('••••••')).toBeInTheDocument();
    expect(within(secretRow).getByText('secret')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Add variable' })).toHaveLength(1);
    // Row actions are named by their text, not labels, so "Key"/"Value" label queries only find the form's fields.
    expect(screen.queryAllByLabelText(/key|value/i)).toHaveLength(0);
    await user.selectOptions(screen.getByLabelText('Environment'), 'staging');
    expect(await screen.findByText('STAGE_ONLY')).toBeInTheDocument();
    expect(asked).toEqual(['production', 'staging']);
  });

  it('adds a variable and shows the refreshed list', async () => {
    let body: unknown = null;
    let url = '';
    let saved = false;
    server.use(projectHandler(),
      http.get(base, () => HttpResponse.json(list(saved ? [variable('API_KEY', null, true)] : []))),
      http.post(base, async ({ request }) => {
        url = request.url;
        body = await request.json();
        saved = true;
        return HttpResponse.json(variable('API_KEY', null, true), { status: 201 });
      }));
    const { user } = open();
    expect(await screen.findByText('No variables in production')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add variable' });
    await user.type(within(dialog).getByLabelText('Key'), 'API_KEY');
    await user.type(within(dialog).getByLabelText('Value'), 'sk-live-1');
    await user.click(within(dialog).getByLabelText('Secret'));
    await user.click(within(dialog).getByRole('button', { name: 'Save variable' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(body).toEqual({ key: 'API_KEY', value: 'sk-live-1', secret: true });
    expect(new URL(url).searchParams.get('environment')).toBe('production');
    expect(await screen.findByText('API_KEY')).toBeInTheDocument();
    expect(screen.queryByText('sk-live-1')).not.toBeInTheDocument();
  });

  it('shows a refused key next to the field and a conflict in the dialog', async () => {
    let attempt = 0;
    server.use(projectHandler(), http.get(base, () => HttpResponse.json(list([]))),
      http.post(base, () => (++attempt === 1
        ? problem(400, 'validation', 'The request body is invalid.', { errors: [{ field: 'key', message: 'must be letters, digits and _, not starting with a digit' }] })
        : problem(409, 'variable-exists', 'The environment already has API_KEY; PUT /env/API_KEY changes it.'))));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Add variable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add variable' });
    await user.type(within(dialog).getByLabelText('Key'), '1BAD');
    await user.click(within(dialog).getByRole('button', { name: 'Save variable' }));
    expect(await within(dialog).findByText('must be letters, digits and _, not starting with a digit')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Key')).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Save variable' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already has API_KEY');
  });

  it('edits a secret without its value: a new one must be typed', async () => {
    let body: unknown = null;
    server.use(projectHandler(), http.get(base, () => HttpResponse.json(list([variable('API_KEY', null, true)]))),
      http.put(`${base}/API_KEY`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(variable('API_KEY', null, true));
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Edit API_KEY' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit API_KEY' });
    expect(within(dialog).getByLabelText('Value')).toHaveValue('');
    expect(within(dialog).getByLabelText('Secret')).toBeChecked();
    await user.type(within(dialog).getByLabelText('Value'), 'sk-new');
    await user.click(within(dialog).getByRole('button', { name: 'Save variable' }));
    await waitFor(() => expect(body).toEqual({ value: 'sk-new', secret: true }));
  });

  it('deletes a variable after confirmation', async () => {
    let deleted = '';
    server.use(projectHandler(), http.get(base, () => HttpResponse.json(list(deleted ? [] : [variable('NODE_ENV', 'production')]))),
      http.delete(`${base}/NODE_ENV`, ({ request }) => {
        deleted = request.url;
        return new HttpResponse(null, { status: 204 });
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Delete NODE_ENV' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete NODE_ENV?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete variable' }));
    expect(await screen.findByText('No variables in production')).toBeInTheDocument();
    expect(new URL(deleted).searchParams.get('environment')).toBe('production');
  });

  it('imports pasted .env text and shows the counts', async () => {
    let body: unknown = null;
    server.use(projectHandler(), http.get(base, () => HttpResponse.json(list([]))),
      http.post(`${base}/import`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ environment: 'production', version: 4, created: ['A', 'B'], updated: [], skipped: ['API_KEY'], duplicates: [] });
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Paste .env' }));
    const dialog = await screen.findByRole('dialog', { name: 'Paste .env' });
    await user.type(within(dialog).getByLabelText('.env contents'), 'A=1{enter}B=2{enter}API_KEY=3');
    await user.click(within(dialog).getByLabelText('Import as secrets'));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByText('Imported into production: 2 created, 0 updated, 1 skipped.')).toBeInTheDocument();
    expect(body).toEqual({ content: 'A=1\nB=2\nAPI_KEY=3', secret: true, overwrite: false });
  });

  it('shows the lines a refused .env has', async () => {
    server.use(projectHandler(), http.get(base, () => HttpResponse.json(list([]))),
      http.post(`${base}/import`, () => problem(422, 'invalid-dotenv', 'The .env text has 1 problem(s); nothing was imported.',
        { problems: [{ line: 2, message: "expected KEY=value, found no '='" }] })));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Paste .env' }));
    const dialog = await screen.findByRole('dialog', { name: 'Paste .env' });
    await user.type(within(dialog).getByLabelText('.env contents'), 'A=1{enter}oops');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('nothing was imported');
    expect(within(dialog).getByText("Line 2: expected KEY=value, found no '='")).toBeInTheDocument();
  });

  it('shows a problem loading the variables', async () => {
    server.use(projectHandler(), http.get(base, () => problem(404, 'environment-not-found', "The project has no environment 'production'.")));
    open();
    expect(await screen.findByRole('alert')).toHaveTextContent("no environment 'production'");
  });

  it('lets a viewer read but not change', async () => {
    server.use(asRole('viewer'), projectHandler(), http.get(base, () => HttpResponse.json(list([variable('NODE_ENV', 'production')]))));
    open();
    expect(await screen.findByText('NODE_ENV')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add variable' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Paste .env' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit NODE_ENV' })).not.toBeInTheDocument();
  });
});
