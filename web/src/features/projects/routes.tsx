import type { FeatureRoute } from '../routes';
import { NewProjectPage } from './NewProjectPage';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';

export const projectRoutes: FeatureRoute[] = [
  { path: '/projects', element: <ProjectsPage /> },
  { path: '/projects/new', element: <NewProjectPage /> },
  { path: '/projects/:id', element: <ProjectPage tab="overview" /> },
  { path: '/projects/:id/environments', element: <ProjectPage tab="environments" /> },
  { path: '/projects/:id/variables', element: <ProjectPage tab="variables" /> },
  { path: '/projects/:id/deployments', element: <ProjectPage tab="deployments" /> },
  { path: '/projects/:id/settings', element: <ProjectPage tab="settings" /> },
];
