import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Organization, Page, Role, Session, User } from '../api/types';

/** The API as component tests see it: msw answers fetch; each test adds what it needs with server.use(...). */
export const testUser: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'alice@example.test',
  name: 'Alice',
  avatarUrl: null,
  emailVerified: true,
  createdAt: '2026-11-01T10:00:00Z',
};

export const testOrg: Organization = {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Acme Robotics',
  slug: 'acme-robotics',
  plan: 'free',
  billingEmail: null,
  role: 'owner',
  createdAt: '2026-11-01T10:00:00Z',
};

export function testSession(overrides: Partial<Session> = {}): Session {
  return {
    user: testUser,
    accessToken: 'test-access-token',
    tokenType: 'Bearer',
    expiresIn: 900,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    refreshToken: 'test-refresh-token',
    refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...overrides,
  };
}

export function page<T>(content: T[], number = 0, size = 20): Page<T> {
  return { content, page: { size, number, totalElements: content.length, totalPages: content.length === 0 ? 0 : 1 } };
}

/** An RFC 9457 answer as the services give it. */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json(
    { type: `https://autodeploy.dev/problems/${code}`, title: code.replace(/-/g, ' '), status, detail, requestId: 'req-test-1', ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export const defaultHandlers = [
  http.get('/api/v1/organizations', () => HttpResponse.json(page([testOrg]))),
  http.get('/api/v1/auth/me', () => HttpResponse.json(testUser)),
];

export const server = setupServer(...defaultHandlers);

/** Alice's role in Acme Robotics (owner unless a test says otherwise), for the rest of the test. */
export function signedInAs(role: Role) {
  server.use(http.get('/api/v1/organizations', () => HttpResponse.json(page([{ ...testOrg, role }]))));
}
