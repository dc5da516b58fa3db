import type { FeatureRoute } from '../routes';

export const authRoutes: FeatureRoute[] = [];
