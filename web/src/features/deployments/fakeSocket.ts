import { act } from '@testing-library/react';
import type { SocketLike } from './socket';

/** A WebSocket stand-in for tests: records each connection; the test plays the server. */
export class FakeWebSocket implements SocketLike {
  static instances: FakeWebSocket[] = [];

  static reset(): void {
    FakeWebSocket.instances = [];
  }

  static last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  /** The sockets opened to a path (…/logs/stream or …/status/stream). */
  static to(fragment: string): FakeWebSocket[] {
    return FakeWebSocket.instances.filter((s) => s.url.includes(fragment));
  }

  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closedByClient = false;
  readyState = 0;
  readonly url: string;
  readonly protocols: string | string[] | undefined;

  constructor(url: string, protocols?: string | string[]) {
    this.url = url;
    this.protocols = protocols;
    FakeWebSocket.instances.push(this);
  }

  get cursor(): string | null {
    return new URL(this.url).searchParams.get('cursor');
  }

  open(): void {
    this.readyState = 1;
    act(() => this.onopen?.(new Event('open')));
  }

  send(message: unknown): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    act(() => this.onmessage?.(new MessageEvent('message', { data })));
  }

  /** The server (or the network) ends the connection. */
  drop(code = 1006, reason = ''): void {
    act(() => this.onclose?.(new CloseEvent('close', { code, reason })));
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }
}

export function logMessage(deploymentId: string, sequence: number, message: string, extra: Partial<{ level: string; step: string | null }> = {}) {
  return {
    type: 'deployment.log', deploymentId, sequence, timestamp: `2026-12-01T10:00:${String(sequence % 60).padStart(2, '0')}Z`,
    level: extra.level ?? 'info', message, source: 'build', step: extra.step === undefined ? 'build_application' : extra.step,
  };
}
