import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import type { Role } from '../../api/types';
import { RequireAuth } from '../../auth/RequireAuth';
import { RequireOrg } from '../../org/RequireOrg';
import { renderPage, type RenderOptions } from '../../test/render';
import { page, server, testOrg } from '../../test/server';

/** Renders a page of this feature as App.tsx mounts it: inside RequireAuth and RequireOrg. */
export function renderRepositoryPage(element: ReactElement, options: RenderOptions = {}) {
  return renderPage(<RequireAuth><RequireOrg>{element}</RequireOrg></RequireAuth>, options);
}

/** Alice's role in Acme Robotics, for the rest of the test. */
export function signedInAs(role: Role) {
  server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role }]))));
}
