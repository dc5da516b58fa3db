import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { authRoutes } from './features/auth/routes';
import { deploymentRoutes } from './features/deployments/routes';
import { monitoringRoutes } from './features/monitoring/routes';
import { organizationRoutes } from './features/organizations/routes';
import { projectRoutes } from './features/projects/routes';
import { repositoryRoutes } from './features/repositories/routes';
import type { FeatureRoute } from './features/routes';
import { AppLayout } from './layout/AppLayout';
import { RequireOrg } from './org/RequireOrg';
import { EmptyState } from './ui/EmptyState';
import { LinkButton } from './ui/Button';
import { Spinner } from './ui/Spinner';

const ROUTES: FeatureRoute[] = [
  ...authRoutes,
  ...organizationRoutes,
  ...repositoryRoutes,
  ...projectRoutes,
  ...deploymentRoutes,
  ...monitoringRoutes,
];

/** Every page of the dashboard; the gateway answers index.html for these paths. */
export function App() {
  return (
    <Routes>
      {ROUTES.filter((r) => r.public).map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
      {ROUTES.filter((r) => !r.public).map((r) => (
        <Route
          key={r.path}
          path={r.path}
          element={
            <RequireAuth>
              <AppLayout>
                <Suspense fallback={<Spinner label="Loading the page" />}>
                  {r.withoutOrganization ? r.element : <RequireOrg>{r.element}</RequireOrg>}
                </Suspense>
              </AppLayout>
            </RequireAuth>
          }
        />
      ))}
      <Route
        path="*"
        element={
          <RequireAuth>
            <AppLayout>
              <EmptyState title="Page not found" action={<LinkButton to="/">Back to the overview</LinkButton>}>
                There is nothing at this address.
              </EmptyState>
            </AppLayout>
          </RequireAuth>
        }
      />
    </Routes>
  );
}
