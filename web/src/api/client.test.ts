import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { problem, server } from '../test/server';
import { ApiClient } from './client';
import { ApiError } from './problem';

describe('ApiClient', () => {
  it('turns a problem response into an ApiError with its detail, type and field errors', async () => {
    server.use(http.post('/api/v1/projects', () =>
      problem(422, 'validation', 'The request body is invalid.', { errors: [{ field: 'name', message: 'must not be blank' }] })));
    const error = await new ApiClient().post('/api/v1/projects', { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('validation');
    expect(apiError.message).toBe('The request body is invalid.');
    expect(apiError.fieldError('name')).toBe('must not be blank');
    expect(apiError.problem.requestId).toBe('req-test-1');
  });

  it('sends the access token and retries once with a refreshed one after a 401', async () => {
    const seen: (string | null)[] = [];
    server.use(http.get('/api/v1/projects', ({ request }) => {
      seen.push(request.headers.get('Authorization'));
      return request.headers.get('Authorization') === 'Bearer fresh'
        ? HttpResponse.json({ ok: true })
        : problem(401, 'unauthorized', 'The access token expired.');
    }));
    const client = new ApiClient();
    let token = 'stale';
    client.useTokens({ accessToken: () => token, refresh: async () => { token = 'fresh'; return token; } });
    await expect(client.get('/api/v1/projects')).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('reports an unreachable server as a network error, not a crash', async () => {
    server.use(http.get('/api/v1/status', () => HttpResponse.error()));
    const error = await new ApiClient().get('/api/v1/status').catch((e: unknown) => e) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/could not be reached/);
  });

  it('says when to retry after a 429 without a body', async () => {
    server.use(http.post('/api/v1/auth/login', () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '42' } })));
    const error = await new ApiClient().post('/api/v1/auth/login', {}, { anonymous: true }).catch((e: unknown) => e) as ApiError;
    expect(error.message).toBe('Too many requests; try again in 42 s.');
  });

  it('builds WebSocket URLs on the same origin', () => {
    expect(new ApiClient('http://localhost:8080').webSocketUrl('/api/v1/deployments/d1/logs/stream', { cursor: 5 }))
      .toBe('ws://localhost:8080/api/v1/deployments/d1/logs/stream?cursor=5');
  });
});
