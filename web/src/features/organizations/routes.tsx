import type { FeatureRoute } from '../routes';
import { NewOrganizationPage } from './NewOrganizationPage';
import { OrganizationPage } from './OrganizationPage';

export const organizationRoutes: FeatureRoute[] = [
  { path: '/organizations/new', element: <NewOrganizationPage />, withoutOrganization: true },
  { path: '/organization', element: <OrganizationPage /> },
];
