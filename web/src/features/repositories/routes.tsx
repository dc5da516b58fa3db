import type { FeatureRoute } from '../routes';
import { AnalysisPage } from './AnalysisPage';
import { NewRepositoryPage } from './NewRepositoryPage';
import { RepositoriesPage } from './RepositoriesPage';
import { RepositoryPage } from './RepositoryPage';

export const repositoryRoutes: FeatureRoute[] = [
  { path: '/repositories', element: <RepositoriesPage /> },
  { path: '/repositories/new', element: <NewRepositoryPage /> },
  { path: '/repositories/:id', element: <RepositoryPage /> },
  { path: '/repositories/:id/analyses/:analysisId', element: <AnalysisPage /> },
];
