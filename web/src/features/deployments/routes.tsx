import type { FeatureRoute } from '../routes';
import { DeploymentPage } from './DeploymentPage';
import { DeploymentsPage } from './DeploymentsPage';

export const deploymentRoutes: FeatureRoute[] = [
  { path: '/deployments', element: <DeploymentsPage /> },
  { path: '/deployments/:id', element: <DeploymentPage /> },
];
