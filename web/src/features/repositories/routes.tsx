import type { FeatureRoute } from '../routes';

export const repositoryRoutes: FeatureRoute[] = [];
