import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { problem, server } from '../../test/server';
import { ProjectPage } from './ProjectPage';
import { asRole, project, PROJECT_ID, projectHandler } from './testData';

function open() {
  return renderPage(<ProjectPage tab="settings" />, { route: `/projects/${PROJECT_ID}/settings`, path: '/projects/:id/settings' });
}

describe('SettingsTab', { timeout: 20_000 }, () => {
  it('renames the project and overrides a command, sending only what changed', async () => {
    let body: unknown = null;
    server.use(projectHandler(), http.put(`/api/v1/projects/${PROJECT_ID}`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(project({ name: 'Hello World', buildConfiguration: { ...project().buildConfiguration, startCommand: 'node server.js' }, buildOverrides: { startCommand: 'node server.js' } }));
    }));
    const { user } = open();
    const name = await screen.findByLabelText('Project name');
    await user.clear(name);
    await user.type(name, 'Hello World');
    await user.clear(screen.getByLabelText('Start command'));
    await user.type(screen.getByLabelText('Start command'), 'node server.js');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Saved\./)).toBeInTheDocument();
    expect(body).toEqual({ name: 'Hello World', buildConfiguration: { startCommand: 'node server.js' } });
    expect(await screen.findByRole('heading', { name: 'Hello World' })).toBeInTheDocument();
  });

  it('shows shell syntax the server refuses next to the command', async () => {
    server.use(projectHandler(), http.put(`/api/v1/projects/${PROJECT_ID}`, () =>
      problem(422, 'invalid-build-configuration', "startCommand: command substitution '$(' is not supported at position 6")));
    const { user } = open();
    await user.type(await screen.findByLabelText('Start command'), ' $(whoami)');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/command substitution/)).toBeInTheDocument();
    expect(screen.getByLabelText('Start command')).toHaveAttribute('aria-invalid', 'true');
  });

  it('resets the build configuration to what was detected', async () => {
    let body: unknown = null;
    server.use(projectHandler(project({ buildOverrides: { buildCommand: 'make' }, buildConfiguration: { buildCommand: 'make' } })),
      http.put(`/api/v1/projects/${PROJECT_ID}`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(project());
      }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Reset build configuration to detected' }));
    await waitFor(() => expect(body).toEqual({ resetBuildConfiguration: true }));
    await waitFor(() => expect(screen.getByLabelText('Build command')).toHaveValue('npm run build'));
  });

  it('deletes the project after confirmation', async () => {
    let deleted = false;
    server.use(projectHandler(), http.delete(`/api/v1/projects/${PROJECT_ID}`, () => {
      deleted = true;
      return new HttpResponse(null, { status: 204 });
    }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Delete project' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete Hello App?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete project' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/projects$/));
    expect(deleted).toBe(true);
  });

  it('shows why the deletion was refused', async () => {
    server.use(projectHandler(), http.delete(`/api/v1/projects/${PROJECT_ID}`, () =>
      problem(409, 'deployments-in-progress', 'Deployments of this project are queued or running; cancel them first.')));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Delete project' }));
    const confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Delete project' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('cancel them first');
  });

  it('lets a developer edit but not delete', async () => {
    server.use(asRole('developer'), projectHandler());
    open();
    expect(await screen.findByRole('button', { name: 'Save changes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete project' })).not.toBeInTheDocument();
  });

  it('shows the settings read-only to a viewer', async () => {
    server.use(asRole('viewer'), projectHandler());
    open();
    expect(await screen.findByLabelText('Project name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete project' })).not.toBeInTheDocument();
  });
});
