import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { backoff, bearerProtocols, defaultSocketFactory, leave, type SocketFactory, type SocketLike } from './socket';
import { parseStreamMessage, type StatusMessage } from './types';

export interface StatusStreamOptions {
  socketFactory?: SocketFactory | null;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Don't connect (e.g. while the deployment is not loaded yet). */
  enabled?: boolean;
  /** Called for every status or step change the stream reports. */
  onChange?: (message: StatusMessage | { type: 'deployment.build'; stage: string; status: string }) => void;
}

export interface StatusStreamState {
  /** The status the stream reported last (undefined before its first message). */
  status?: string;
  progress?: number;
  metadata?: Record<string, unknown>;
  /** Step name → its status, from `deployment.build` messages. */
  steps: Record<string, string>;
  /** True while a socket delivers (it has sent its first message and not closed). */
  connected: boolean;
  /** The final status came: the server closed the stream with 1000 and nothing more will change. */
  finished: boolean;
}

/** The final status closes the stream with this code ("Deployment finished"). */
const FINISHED = 1000;

/**
 * A deployment's status as `WS /api/v1/deployments/{id}/status/stream` reports it: the current status first, then
 * each change. Reconnects with back-off while the deployment runs; stops after the final status. `connected` is
 * false while the stream is down, so callers can poll instead.
 */
export function useStatusStream(deploymentId: string, options: StatusStreamOptions = {}): StatusStreamState {
  const api = useApi();
  const { baseDelayMs = 1000, maxDelayMs = 15000, enabled = true } = options;
  const factory = options.socketFactory === undefined ? defaultSocketFactory() : options.socketFactory;
  const settings = useRef({ baseDelayMs, maxDelayMs, factory, onChange: options.onChange });
  settings.current = { baseDelayMs, maxDelayMs, factory, onChange: options.onChange };
  const [state, setState] = useState<StatusStreamState>({ steps: {}, connected: false, finished: false });

  useEffect(() => {
    if (!enabled) return;
    const s = settings.current;
    if (!s.factory) return;
    const Factory = s.factory;
    let disposed = false;
    let socket: SocketLike | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    setState({ steps: {}, connected: false, finished: false });

    const connect = () => {
      if (disposed) return;
      let final = false;
      const ws = new Factory(
        api.webSocketUrl(`/api/v1/deployments/${deploymentId}/status/stream`),
        bearerProtocols(api.currentAccessToken()),
      );
      socket = ws;
      ws.onmessage = (event) => {
        const message = parseStreamMessage(event.data);
        if (!message || disposed) return;
        attempt = 0;
        if (message.type === 'deployment.status') {
          final = final || message.final === true;
          setState((prev) => ({
            ...prev,
            connected: true,
            status: message.status,
            progress: message.progress ?? prev.progress,
            metadata: message.metadata ?? prev.metadata,
            finished: prev.finished || message.final === true,
          }));
          settings.current.onChange?.(message);
        } else if (message.type === 'deployment.build') {
          setState((prev) => ({
            ...prev,
            connected: true,
            progress: message.progress ?? prev.progress,
            steps: { ...prev.steps, [message.stage]: message.status },
          }));
          settings.current.onChange?.({ type: 'deployment.build', stage: message.stage, status: message.status });
        }
      };
      ws.onerror = () => {};
      ws.onclose = (event) => {
        if (socket === ws) socket = null;
        if (disposed) return;
        setState((prev) => ({ ...prev, connected: false }));
        if (final && event.code === FINISHED) return;
        timer = setTimeout(connect, backoff(attempt++, s.baseDelayMs, s.maxDelayMs));
      };
    };

    connect();
    return () => {
      disposed = true;
      clearTimeout(timer);
      if (socket) {
        leave(socket);
        socket = null;
      }
    };
  }, [api, deploymentId, enabled]);

  return state;
}
