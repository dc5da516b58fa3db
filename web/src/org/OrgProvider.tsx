import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import type { Organization, Page } from '../api/types';
import { useAuth } from '../auth/AuthProvider';

export const ORG_KEY = 'autodeploy.organization';

export interface Orgs {
  organizations: Organization[];
  /** The organization the user works in now (null while loading or when they have none). */
  current: Organization | null;
  select(id: string): void;
  isLoading: boolean;
  error: unknown;
}

const OrgContext = createContext<Orgs | null>(null);

/** The caller's organizations and the one selected in the switcher (remembered per browser). */
export function OrgProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { status } = useAuth();
  const [selected, setSelected] = useState<string | null>(() => window.localStorage.getItem(ORG_KEY));
  const query = useQuery({
    queryKey: ['organizations'],
    queryFn: ({ signal }) => api.get<Page<Organization>>('/api/v1/organizations', { size: 100, sort: 'name' }, signal),
    enabled: status === 'signed-in',
  });
  const organizations = useMemo(() => query.data?.content ?? [], [query.data]);
  const current = organizations.find((o) => o.id === selected) ?? organizations[0] ?? null;
  const select = useCallback((id: string) => {
    window.localStorage.setItem(ORG_KEY, id);
    setSelected(id);
  }, []);
  const value = useMemo<Orgs>(() => ({
    organizations, current, select, isLoading: query.isLoading, error: query.error,
  }), [organizations, current, select, query.isLoading, query.error]);
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useOrgs(): Orgs {
  const orgs = useContext(OrgContext);
  if (!orgs) throw new Error('useOrgs outside <OrgProvider>');
  return orgs;
}

/** The current organization; only for pages under {@link RequireOrg}. */
export function useCurrentOrg(): Organization {
  const { current } = useOrgs();
  if (!current) throw new Error('useCurrentOrg without an organization');
  return current;
}
