import { lazy } from 'react';
import { Navigate } from 'react-router';
import type { FeatureRoute } from '../routes';
import { AlertsPage } from './AlertsPage';
import { HealthPage } from './HealthPage';
import { OverviewPage } from './OverviewPage';

// The two pages with charts load the charting library on first visit, not with the app.
const HealthCheckPage = lazy(() => import('./HealthCheckPage').then((m) => ({ default: m.HealthCheckPage })));
const MetricsPage = lazy(() => import('./MetricsPage').then((m) => ({ default: m.MetricsPage })));

export const monitoringRoutes: FeatureRoute[] = [
  { path: '/', element: <OverviewPage /> },
  { path: '/monitoring', element: <Navigate to="/monitoring/health" replace /> },
  { path: '/monitoring/health', element: <HealthPage /> },
  { path: '/monitoring/health/:deploymentId', element: <HealthCheckPage /> },
  { path: '/monitoring/alerts', element: <AlertsPage /> },
  { path: '/monitoring/metrics', element: <MetricsPage /> },
];
