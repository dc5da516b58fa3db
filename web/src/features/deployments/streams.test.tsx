import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider';
import { ApiClient } from '../../api/client';
import { server } from '../../test/server';
import { FakeWebSocket, logMessage } from './fakeSocket';
import { useLogStream } from './useLogStream';
import { useStatusStream } from './useStatusStream';

const ID = 'd0000000-0000-4000-8000-000000000001';

function wrapper() {
  const client = new ApiClient();
  client.useTokens({ accessToken: () => 'token-1', refresh: async () => null });
  return ({ children }: { children: ReactNode }) => <ApiProvider client={client}>{children}</ApiProvider>;
}

const fast = { socketFactory: FakeWebSocket, baseDelayMs: 5, maxDelayMs: 20, pollMs: 10, flushMs: 1 };

beforeEach(() => FakeWebSocket.reset());
afterEach(() => FakeWebSocket.reset());

describe('useLogStream', () => {
  it('connects with the token as the bearer subprotocol, shows backlog then live lines once each', async () => {
    const { result } = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    const socket = FakeWebSocket.last();
    expect(socket.url).toContain(`/api/v1/deployments/${ID}/logs/stream?cursor=0`);
    expect(socket.protocols).toEqual(['bearer', 'token-1']);
    socket.open();
    expect(result.current.connection).toBe('live');
    socket.send(logMessage(ID, 1, 'backlog one'));
    socket.send(logMessage(ID, 2, 'backlog two'));
    socket.send(logMessage(ID, 2, 'backlog two'));
    socket.send(logMessage(ID, 3, 'live three'));
    socket.send(logMessage(ID, 1, 'backlog one'));
    await waitFor(() => expect(result.current.lines.map((l) => l.message)).toEqual(['backlog one', 'backlog two', 'live three']));
    expect(result.current.lastSequence).toBe(3);
  });

  it('ignores heartbeats and unknown frames', async () => {
    const { result } = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    const socket = FakeWebSocket.last();
    socket.open();
    socket.send({ type: 'heartbeat' });
    socket.send('ping');
    socket.send(logMessage(ID, 1, 'only line'));
    await waitFor(() => expect(result.current.lines).toHaveLength(1));
    expect(result.current.lines[0].message).toBe('only line');
  });

  it('reconnects after a drop from the last sequence and does not repeat lines', async () => {
    const { result } = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    const first = FakeWebSocket.last();
    first.open();
    first.send(logMessage(ID, 1, 'one'));
    first.send(logMessage(ID, 2, 'two'));
    first.drop(1006);
    expect(result.current.connection).toBe('reconnecting');
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    const second = FakeWebSocket.last();
    expect(second.cursor).toBe('2');
    second.open();
    second.send(logMessage(ID, 2, 'two'));
    second.send(logMessage(ID, 3, 'three'));
    await waitFor(() => expect(result.current.lines.map((l) => l.sequence)).toEqual([1, 2, 3]));
    expect(result.current.connection).toBe('live');
  });

  it('keeps only the newest lines and counts those left out', async () => {
    const { result } = renderHook(() => useLogStream(ID, { ...fast, maxLines: 3 }), { wrapper: wrapper() });
    const socket = FakeWebSocket.last();
    socket.open();
    for (let i = 1; i <= 5; i++) socket.send(logMessage(ID, i, `line ${i}`));
    await waitFor(() => expect(result.current.lines.map((l) => l.sequence)).toEqual([3, 4, 5]));
    expect(result.current.dropped).toBe(2);
  });

  it('falls back to GET /logs pages when the stream is refused, resuming from the cursor', async () => {
    const cursors: string[] = [];
    server.use(http.get(`/api/v1/deployments/${ID}/logs`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor') ?? '0';
      cursors.push(cursor);
      if (cursor === '0') {
        return HttpResponse.json({ deploymentId: ID, items: [{ sequence: 1, timestamp: '2026-12-01T10:00:00Z', level: 'info', source: 'build', step: 'build_application', message: 'from page one' }], nextCursor: 1, hasMore: true });
      }
      if (cursor === '1') {
        return HttpResponse.json({ deploymentId: ID, items: [{ sequence: 2, timestamp: '2026-12-01T10:00:01Z', level: 'warn', source: 'build', step: 'build_application', message: 'from page two' }], nextCursor: 2, hasMore: false });
      }
      return HttpResponse.json({ deploymentId: ID, items: [], nextCursor: Number(cursor), hasMore: false });
    }));
    const { result } = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    FakeWebSocket.last().drop(1006);
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    FakeWebSocket.last().drop(1006);
    expect(result.current.connection).toBe('fallback');
    await waitFor(() => expect(result.current.lines.map((l) => l.message)).toEqual(['from page one', 'from page two']));
    expect(cursors.slice(0, 2)).toEqual(['0', '1']);
    // after the pages it tries the socket again, from the last line read
    await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThanOrEqual(3));
    expect(FakeWebSocket.instances[2].cursor).toBe('2');
  });

  it('reports a failing fallback read, but not a deployment the monitor has not heard of yet', async () => {
    let status = 404;
    server.use(http.get(`/api/v1/deployments/${ID}/logs`, () => HttpResponse.json(
      { type: 'https://autodeploy.dev/problems/x', title: 'x', status, detail: status === 404 ? 'Not known yet.' : 'The monitor is down.' }, { status })));
    const { result } = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    FakeWebSocket.last().drop(1006);
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    FakeWebSocket.last().drop(1006);
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(3));
    expect(result.current.error).toBeNull();
    status = 503;
    FakeWebSocket.last().drop(1006);
    await waitFor(() => expect(result.current.error).not.toBeNull());
  });

  it('closes its socket when unmounted, a connecting one as soon as it opens', () => {
    const first = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    const open = FakeWebSocket.last();
    open.open();
    first.unmount();
    expect(open.closedByClient).toBe(true);

    const second = renderHook(() => useLogStream(ID, fast), { wrapper: wrapper() });
    const connecting = FakeWebSocket.last();
    second.unmount();
    expect(connecting.closedByClient).toBe(false);
    connecting.open();
    expect(connecting.closedByClient).toBe(true);
  });
});

describe('useStatusStream', () => {
  it('reports the status and step changes, and stops after the final status closes the stream', async () => {
    const changes: string[] = [];
    const { result } = renderHook(() => useStatusStream(ID, { ...fast, onChange: (m) => changes.push(m.status) }), { wrapper: wrapper() });
    const socket = FakeWebSocket.last();
    expect(socket.url).toContain(`/api/v1/deployments/${ID}/status/stream`);
    expect(socket.protocols).toEqual(['bearer', 'token-1']);
    expect(result.current.connected).toBe(false);
    socket.open();
    socket.send({ type: 'deployment.status', deploymentId: ID, status: 'building', progress: 25 });
    expect(result.current).toMatchObject({ status: 'building', progress: 25, connected: true });
    socket.send({ type: 'heartbeat' });
    socket.send({ type: 'deployment.build', deploymentId: ID, stage: 'build_application', status: 'running', progress: 50 });
    expect(result.current.steps).toEqual({ build_application: 'running' });
    expect(result.current.progress).toBe(50);
    socket.send({ type: 'deployment.status', deploymentId: ID, status: 'ready', progress: 100, final: true });
    socket.drop(1000, 'Deployment finished');
    expect(result.current).toMatchObject({ status: 'ready', finished: true, connected: false });
    expect(changes).toEqual(['building', 'running', 'ready']);
    await new Promise((r) => setTimeout(r, 40));
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('reconnects with back-off when the stream drops before the end', async () => {
    const { result } = renderHook(() => useStatusStream(ID, fast), { wrapper: wrapper() });
    const first = FakeWebSocket.last();
    first.send({ type: 'deployment.status', deploymentId: ID, status: 'deploying' });
    first.drop(1006);
    expect(result.current.connected).toBe(false);
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    FakeWebSocket.last().send({ type: 'deployment.status', deploymentId: ID, status: 'ready', final: true });
    expect(result.current).toMatchObject({ status: 'ready', connected: true, finished: true });
  });
});
