import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import { backoff, bearerProtocols, defaultSocketFactory, leave, type SocketFactory, type SocketLike } from './socket';
import { parseStreamMessage, type LogLine, type LogPage } from './types';

export type LogConnection = 'connecting' | 'live' | 'reconnecting' | 'fallback';

export interface LogStreamOptions {
  /** The WebSocket class (tests inject a fake one). */
  socketFactory?: SocketFactory | null;
  /** Lines kept (and rendered) at most; older ones are left out, counted in `dropped`. */
  maxLines?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Sockets closed before any message in a row before the log is read with `GET /logs` pages meanwhile. */
  refusalsBeforeFallback?: number;
  /** How often the REST fallback asks for new lines (and tries the socket again). */
  pollMs?: number;
  /** Messages are rendered in batches this far apart. */
  flushMs?: number;
}

export interface LogStreamState {
  lines: LogLine[];
  /** Lines left out at the start to keep the page bounded. */
  dropped: number;
  connection: LogConnection;
  /** The stream said the deployment is over (runtime lines may still come). */
  finished: boolean;
  lastSequence: number;
  /** The last failure of the REST fallback, if any. */
  error: unknown;
}

const FALLBACK_PAGE = 1000;
const FALLBACK_PAGES_PER_ROUND = 10;
/** A socket that opened and closed within this time without a message counts as refused (the gateway upgrades first). */
const REFUSED_WITHIN_MS = 5000;

/**
 * A deployment's log: the backlog, then the live lines of `WS /api/v1/deployments/{id}/logs/stream`, each line once
 * (by sequence). When the socket drops it reconnects with back-off from `cursor=<last sequence>`; when the socket is
 * refused again and again it reads `GET /api/v1/deployments/{id}/logs` pages meanwhile.
 */
export function useLogStream(deploymentId: string, options: LogStreamOptions = {}): LogStreamState {
  const api = useApi();
  const {
    maxLines = 5000, baseDelayMs = 1000, maxDelayMs = 15000, refusalsBeforeFallback = 2, pollMs = 3000, flushMs = 50,
  } = options;
  const factory = options.socketFactory === undefined ? defaultSocketFactory() : options.socketFactory;
  const settings = useRef({ maxLines, baseDelayMs, maxDelayMs, refusalsBeforeFallback, pollMs, flushMs, factory });
  settings.current = { maxLines, baseDelayMs, maxDelayMs, refusalsBeforeFallback, pollMs, flushMs, factory };
  const [state, setState] = useState<LogStreamState>(() => initial());

  useEffect(() => {
    const s = settings.current;
    let disposed = false;
    let socket: SocketLike | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let refusals = 0;
    let lines: LogLine[] = [];
    let dropped = 0;
    let last = 0;
    const seen = new Set<number>();
    setState(initial());

    const flush = () => {
      flushTimer = undefined;
      if (disposed) return;
      const snapshot = lines.slice();
      setState((prev) => ({ ...prev, lines: snapshot, dropped, lastSequence: last }));
    };
    const scheduleFlush = () => {
      if (flushTimer === undefined) flushTimer = setTimeout(flush, s.flushMs);
    };
    const add = (incoming: LogLine[]) => {
      let changed = false;
      for (const line of incoming) {
        if (seen.has(line.sequence)) continue;
        if (dropped > 0 && lines.length > 0 && line.sequence < lines[0].sequence) continue;
        seen.add(line.sequence);
        changed = true;
        if (line.sequence > last) {
          lines.push(line);
          last = line.sequence;
        } else {
          let at = lines.length;
          while (at > 0 && lines[at - 1].sequence > line.sequence) at--;
          lines.splice(at, 0, line);
        }
      }
      if (lines.length > s.maxLines) {
        const extra = lines.length - s.maxLines;
        for (const old of lines.slice(0, extra)) seen.delete(old.sequence);
        lines = lines.slice(extra);
        dropped += extra;
      }
      if (changed) scheduleFlush();
    };
    const setConnection = (connection: LogConnection) => {
      if (!disposed) setState((prev) => (prev.connection === connection ? prev : { ...prev, connection }));
    };

    const catchUp = async () => {
      try {
        for (let round = 0; round < FALLBACK_PAGES_PER_ROUND && !disposed; round++) {
          const page = await api.get<LogPage>(`/api/v1/deployments/${deploymentId}/logs`, { cursor: last, limit: FALLBACK_PAGE });
          if (disposed) return;
          add(page.items);
          setState((prev) => (prev.error ? { ...prev, error: null } : prev));
          if (!page.hasMore) break;
        }
      } catch (error) {
        // 404: the monitor has not heard of a brand-new deployment yet; its lines come once it has
        if (!disposed && !(isApiError(error) && error.status === 404)) setState((prev) => ({ ...prev, error }));
      }
    };

    const scheduleReconnect = (delay: number) => {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (disposed) return;
        if (refusals >= s.refusalsBeforeFallback) {
          void catchUp().then(connect);
        } else {
          connect();
        }
      }, delay);
    };

    function connect() {
      if (disposed) return;
      if (!s.factory) {
        // No WebSocket at all: read the pages.
        refusals = s.refusalsBeforeFallback;
        setConnection('fallback');
        void catchUp().then(() => { if (!disposed) retryTimer = setTimeout(connect, s.pollMs); });
        return;
      }
      let received = false;
      let openedAt = 0;
      const ws = new s.factory(
        api.webSocketUrl(`/api/v1/deployments/${deploymentId}/logs/stream`, { cursor: last }),
        bearerProtocols(api.currentAccessToken()),
      );
      socket = ws;
      ws.onopen = () => {
        openedAt = Date.now();
        if (refusals < s.refusalsBeforeFallback) setConnection('live');
      };
      ws.onmessage = (event) => {
        const message = parseStreamMessage(event.data);
        if (!message || disposed) return; // heartbeats and anything unknown
        if (!received) {
          received = true;
          attempt = 0;
          refusals = 0;
          setConnection('live');
        }
        if (message.type === 'deployment.log') {
          add([{
            sequence: message.sequence, timestamp: message.timestamp, level: message.level, source: message.source,
            step: message.step, message: message.message,
          }]);
        } else if (message.type === 'deployment.status' && message.final) {
          setState((prev) => (prev.finished ? prev : { ...prev, finished: true }));
        }
      };
      ws.onerror = () => {};
      ws.onclose = () => {
        if (socket === ws) socket = null;
        if (disposed) return;
        const refused = !received && (openedAt === 0 || Date.now() - openedAt < REFUSED_WITHIN_MS);
        refusals = refused ? refusals + 1 : 0;
        if (refusals >= s.refusalsBeforeFallback) {
          setConnection('fallback');
          scheduleReconnect(s.pollMs);
        } else {
          setConnection('reconnecting');
          scheduleReconnect(backoff(attempt++, s.baseDelayMs, s.maxDelayMs));
        }
      };
    }

    connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      if (socket) {
        leave(socket);
        socket = null;
      }
    };
  }, [api, deploymentId]);

  return state;
}

function initial(): LogStreamState {
  return { lines: [], dropped: 0, connection: 'connecting', finished: false, lastSequence: 0, error: null };
}
