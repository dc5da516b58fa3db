import type { FeatureRoute } from '../routes';

export const projectRoutes: FeatureRoute[] = [];
