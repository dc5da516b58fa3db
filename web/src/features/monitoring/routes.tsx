import { Navigate } from 'react-router';
import type { FeatureRoute } from '../routes';
import { AlertsPage } from './AlertsPage';
import { HealthCheckPage } from './HealthCheckPage';
import { HealthPage } from './HealthPage';
import { MetricsPage } from './MetricsPage';
import { OverviewPage } from './OverviewPage';

export const monitoringRoutes: FeatureRoute[] = [
  { path: '/', element: <OverviewPage /> },
  { path: '/monitoring', element: <Navigate to="/monitoring/health" replace /> },
  { path: '/monitoring/health', element: <HealthPage /> },
  { path: '/monitoring/health/:deploymentId', element: <HealthCheckPage /> },
  { path: '/monitoring/alerts', element: <AlertsPage /> },
  { path: '/monitoring/metrics', element: <MetricsPage /> },
];
