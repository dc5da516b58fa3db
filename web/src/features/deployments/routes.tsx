import type { FeatureRoute } from '../routes';

export const deploymentRoutes: FeatureRoute[] = [];
