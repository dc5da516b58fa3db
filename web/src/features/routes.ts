import type { ReactNode } from 'react';

/** A page of a feature: a path under the signed-in layout (or outside it when `public`). */
export interface FeatureRoute {
  path: string;
  element: ReactNode;
  /** Reachable without signing in (login, sign-up, invitation links). */
  public?: boolean;
  /** Needs no current organization (creating the first one, account settings). */
  withoutOrganization?: boolean;
}
