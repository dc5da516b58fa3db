import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { ApiClient } from '../api/client';
import { RequireAuth } from '../auth/RequireAuth';
import type { Session } from '../api/types';
import { writeSession } from '../auth/sessionStore';
import { ORG_KEY } from '../org/OrgProvider';
import { RequireOrg } from '../org/RequireOrg';
import { createQueryClient, Providers } from '../Providers';
import { testOrg, testSession } from './server';

export interface RenderOptions {
  /** The URL the page is opened at. */
  route?: string;
  /** The route pattern the element is mounted at (for useParams), default: the route's path. */
  path?: string;
  /** null: signed out; default: Alice signed in, owner of Acme Robotics. */
  session?: Session | null;
  organizationId?: string;
  /**
   * The gates the page sits behind, as App.tsx mounts it: 'org' (default) RequireAuth and RequireOrg, so the page
   * renders once the session and the current organization are known; 'auth' RequireAuth alone (pages
   * withoutOrganization); false none (public pages, components).
   */
  gate?: 'org' | 'auth' | false;
}

/** The location the app navigated to, printed into the page for assertions. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location" hidden>{`${location.pathname}${location.search}`}</output>;
}

/** Renders a page with the app's real providers and gates against msw, signed in unless told otherwise. */
export function renderPage(element: ReactElement, options: RenderOptions = {}): RenderResult & { user: ReturnType<typeof userEvent.setup> } {
  const route = options.route ?? '/';
  const session = options.session === undefined ? testSession() : options.session;
  writeSession(session);
  window.localStorage.setItem(ORG_KEY, options.organizationId ?? testOrg.id);
  const path = options.path ?? route.split('?')[0];
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const user = userEvent.setup();
  const gate = options.gate ?? 'org';
  const page = gate === false ? element : <RequireAuth>{gate === 'org' ? <RequireOrg>{element}</RequireOrg> : element}</RequireAuth>;
  const result = render(
    <MemoryRouter initialEntries={[route]}>
      <Providers client={new ApiClient()} queryClient={queryClient}>
        <Routes>
          <Route path={path} element={page} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
        <LocationProbe />
      </Providers>
    </MemoryRouter>,
  );
  return { ...result, user };
}
