/** The part of a browser WebSocket the stream hooks use, so tests can hand them a fake one (jsdom has no server). */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = new (url: string, protocols?: string | string[]) => SocketLike;

export function defaultSocketFactory(): SocketFactory | null {
  return typeof WebSocket === 'undefined' ? null : (WebSocket as unknown as SocketFactory);
}

/** Exponential back-off: base, 2×base, 4×base … capped. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
}

/** The `bearer, <token>` subprotocols the monitor's handshake reads the access token from. */
export function bearerProtocols(token: string | null): string[] | undefined {
  return token ? ['bearer', token] : undefined;
}
