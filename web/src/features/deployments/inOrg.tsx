import type { ReactElement } from 'react';
import { RequireAuth } from '../../auth/RequireAuth';
import { RequireOrg } from '../../org/RequireOrg';

/** A page as App.tsx mounts it: signed in, inside the current organization (for tests). */
export function inOrg(page: ReactElement): ReactElement {
  return <RequireAuth><RequireOrg>{page}</RequireOrg></RequireAuth>;
}
