/** Spring Data's PagedModel, as every paginated list of the API answers. */
export interface Page<T> {
  content: T[];
  page: { size: number; number: number; totalElements: number; totalPages: number };
}

export type Role = 'owner' | 'admin' | 'developer' | 'viewer';

export const ROLE_RANK: Record<Role, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

/** True when {@code role} is at least {@code needed}. */
export function hasRole(role: string | undefined, needed: Role): boolean {
  return role !== undefined && role in ROLE_RANK && ROLE_RANK[role as Role] >= ROLE_RANK[needed];
}

export interface User {
  id: string;
  email: string;
  name: string;
  avatarUrl?: string | null;
  emailVerified: boolean;
  createdAt: string;
}

/** What register, login, refresh and the GitHub callback return. */
export interface Session {
  user: User;
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  expiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  plan: string;
  billingEmail?: string | null;
  role: Role;
  createdAt: string;
}
