/** The part of a browser WebSocket the stream hooks use, so tests can hand them a fake one (jsdom has no server). */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
  /** 0 while connecting (as on a browser WebSocket). */
  readonly readyState?: number;
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

/**
 * Leaves a stream: closes the socket, or — while it is still connecting — closes it as soon as it opens, so the
 * browser does not report a socket "closed before the connection is established" (React's development double mount).
 */
export function leave(ws: SocketLike): void {
  ws.onclose = null;
  ws.onmessage = null;
  ws.onerror = null;
  if (ws.readyState === 0) {
    ws.onopen = () => ws.close(1000, 'Page left');
  } else {
    ws.onopen = null;
    ws.close(1000, 'Page left');
  }
}
