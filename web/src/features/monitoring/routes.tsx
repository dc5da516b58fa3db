import type { FeatureRoute } from '../routes';

export const monitoringRoutes: FeatureRoute[] = [];
