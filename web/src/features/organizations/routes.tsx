import type { FeatureRoute } from '../routes';

export const organizationRoutes: FeatureRoute[] = [];
