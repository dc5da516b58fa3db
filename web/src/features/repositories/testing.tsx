import { configure } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { Role } from '../../api/types';
import { RequireAuth } from '../../auth/RequireAuth';
import { RequireOrg } from '../../org/RequireOrg';
import { renderPage, type RenderOptions } from '../../test/render';
import { page, server, testOrg } from '../../test/server';

// A loaded machine (the whole suite in parallel, a browser beside it) can take more than the default second to render.
configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 15_000 });

/** Renders a page of this feature as App.tsx mounts it: inside RequireAuth and RequireOrg. */
export function renderRepositoryPage(element: ReactElement, options: RenderOptions = {}) {
  return renderPage(<RequireAuth><RequireOrg>{element}</RequireOrg></RequireAuth>, options);
}

/** Alice's role in Acme Robotics, for the rest of the test. */
export function signedInAs(role: Role) {
  server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role }]))));
}
