import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ProblemAlert } from '../ui/ProblemAlert';
import { Spinner } from '../ui/Spinner';
import { useOrgs } from './OrgProvider';

/** Pages that work inside an organization: someone without one is asked to create it first. */
export function RequireOrg({ children }: { children: ReactNode }) {
  const { current, isLoading, error } = useOrgs();
  if (isLoading) return <Spinner label="Loading your organizations" />;
  if (error) return <ProblemAlert error={error} title="Your organizations could not be loaded" />;
  if (!current) return <Navigate to="/organizations/new" replace />;
  return <>{children}</>;
}
