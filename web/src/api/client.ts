import { ApiError, type Problem } from './problem';

/**
 * Calls the AutoDeploy API (same origin: the gateway serves this app). Adds the access token,
 * refreshes it once on a 401 and turns every failure into an {@link ApiError} carrying the
 * server's problem details.
 */
export interface TokenSource {
  accessToken(): string | null;
  /** A fresh access token after a 401, or null when the session is over. */
  refresh(): Promise<string | null>;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON unless a string (sent as text/plain). */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Do not send the access token (sign-in calls). */
  anonymous?: boolean;
  /** Accept a text answer (log downloads). */
  text?: boolean;
}

export class ApiClient {
  private tokens: TokenSource | null = null;

  /** {@code baseUrl}: the gateway's origin (this page's own by default). */
  constructor(private readonly baseUrl: string = window.location.origin) {}

  useTokens(tokens: TokenSource | null): void {
    this.tokens = tokens;
  }

  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { query, signal });
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body' | 'method'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'POST', body: body ?? {} });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PUT', body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PATCH', body });
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }

  url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  /** The WebSocket URL of a stream on the same origin (the token goes as the `bearer` subprotocol). */
  webSocketUrl(path: string, query?: RequestOptions['query']): string {
    const http = new URL(this.url(path, query));
    http.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
    return http.toString();
  }

  currentAccessToken(): string | null {
    return this.tokens?.accessToken() ?? null;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    let response = await this.send(path, options, options.anonymous ? null : this.currentAccessToken());
    if (response.status === 401 && !options.anonymous && this.tokens) {
      const fresh = await this.tokens.refresh();
      if (fresh) response = await this.send(path, options, fresh);
    }
    if (!response.ok) throw await toError(response);
    if (response.status === 204) return undefined as T;
    if (options.text) return (await response.text()) as T;
    const body = await response.text();
    return (body ? JSON.parse(body) : undefined) as T;
  }

  private async send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.text ? 'text/plain, application/problem+json' : 'application/json, application/problem+json' };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (typeof options.body === 'string') {
        headers['Content-Type'] = 'text/plain';
        body = options.body;
      } else {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await fetch(this.url(path, options.query), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, {
        title: 'Network error',
        detail: 'AutoDeploy could not be reached. Check your connection and try again.',
      });
    }
  }
}

async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  try {
    const text = await response.text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = { ...problem, ...(parsed as Problem) };
    }
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 429 && !problem.detail) {
    const retryAfter = response.headers.get('Retry-After');
    problem.detail = `Too many requests${retryAfter ? `; try again in ${retryAfter} s` : ''}.`;
  }
  return new ApiError(response.status, problem);
}



