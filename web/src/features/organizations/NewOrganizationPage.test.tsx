import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Organization } from '../../api/types';
import { ORG_KEY } from '../../org/OrgProvider';
import { renderPage } from '../../test/render';
import { page, problem, server, testOrg } from '../../test/server';
import { NewOrganizationPage } from './NewOrganizationPage';

const location = () => screen.getByTestId('location').textContent;
const created: Organization = { ...testOrg, id: '00000000-0000-4000-8000-0000000000c3', name: 'Initech', slug: 'initech' };

describe('NewOrganizationPage', () => {
  it('welcomes a user without an organization, creates it, selects it and goes to the overview', async () => {
    let body: unknown = null;
    let orgs: Organization[] = [];
    server.use(
      http.get('/api/v1/organizations', () => HttpResponse.json(page(orgs))),
      http.post('/api/v1/organizations', async ({ request }) => {
        body = await request.json();
        orgs = [created];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const { user } = renderPage(<NewOrganizationPage />, { gate: 'auth', route: '/organizations/new' });
    expect(await screen.findByRole('heading', { name: 'Welcome to AutoDeploy' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Organization name'), ' Initech ');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(location()).toBe('/'));
    expect(body).toEqual({ name: 'Initech' });
    expect(window.localStorage.getItem(ORG_KEY)).toBe(created.id);
  });

  it('is a plain form for someone who already has one', async () => {
    renderPage(<NewOrganizationPage />, { gate: 'auth', route: '/organizations/new' });
    expect(await screen.findByRole('heading', { name: 'New organization' })).toBeInTheDocument();
    expect(screen.queryByText('Welcome to AutoDeploy')).not.toBeInTheDocument();
  });

  it('shows a refused name next to the field', async () => {
    server.use(http.post('/api/v1/organizations', () => problem(400, 'validation', 'The request body is invalid.', {
      errors: [{ field: 'name', message: 'must not be blank' }],
    })));
    const { user } = renderPage(<NewOrganizationPage />, { gate: 'auth', route: '/organizations/new' });
    await user.click(await screen.findByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(screen.getByLabelText('Organization name')).toHaveAccessibleDescription(/must not be blank/));
    expect(location()).toBe('/organizations/new');
  });

  it('shows a server problem', async () => {
    server.use(http.post('/api/v1/organizations', () => problem(409, 'slug-taken', "The slug 'initech' is already used by another organization.")));
    const { user } = renderPage(<NewOrganizationPage />, { gate: 'auth', route: '/organizations/new' });
    await user.type(await screen.findByLabelText('Organization name'), 'Initech');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already used by another organization');
  });
});

describe('NewOrganizationPage when the name is taken', () => {
  it('asks for a slug and sends it', async () => {
    const bodies: unknown[] = [];
    server.use(http.post('/api/v1/organizations', async ({ request }) => {
      const body = await request.json() as { slug?: string };
      bodies.push(body);
      return body.slug
        ? HttpResponse.json(created, { status: 201 })
        : problem(409, 'slug-taken', "The slug 'initech' is already used by another organization.");
    }));
    const { user } = renderPage(<NewOrganizationPage />, { gate: 'auth', route: '/organizations/new' });
    await user.type(await screen.findByLabelText('Organization name'), 'Initech');
    expect(screen.queryByLabelText('Slug')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await user.type(await screen.findByLabelText('Slug'), 'initech-eu');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(location()).toBe('/'));
    expect(bodies).toEqual([{ name: 'Initech' }, { name: 'Initech', slug: 'initech-eu' }]);
  });
});
