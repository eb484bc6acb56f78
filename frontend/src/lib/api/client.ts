// A small fetch wrapper for the rozvoj API.
// - The access token lives in memory only (never in localStorage).
// - On a 401 it calls POST /api/v1/auth/refresh once (the refresh cookie is HttpOnly) and retries;
//   concurrent 401s share one refresh, because refresh tokens rotate and reusing an old one revokes them all.
// - Errors become ApiError carrying the problem+json body, field errors and Retry-After.
import type { AuthResponse, Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from a Retry-After header (429/503). */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Field errors by JSON path (`ico`, `roles[0].team_id`); the first message for a field wins. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e && typeof e.field === 'string' && !(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }

  get isConflict(): boolean {
    return this.status === 409 || this.status === 412;
  }
}

/** Parses Retry-After: delta-seconds or an HTTP date. Returns whole seconds >= 0, or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return parseInt(v, 10);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A body sent as it is (a file's text), with this Content-Type; instead of `body`. */
  raw?: { text: string; contentType: string };
  /** A multipart body (a file upload); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Set false for calls that must not trigger a refresh (login, refresh itself). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function buildUrl(base: string, path: string, query?: Query): string {
  let url = base + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      params.set(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') return parsed as Problem;
    } catch {
      // not JSON: fall through
    }
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}` };
}

/**
 * Runs a refresh under a Web Lock shared by the app's tabs: refresh tokens rotate and the server revokes the
 * whole family when an old one is reused, so two tabs must not refresh with the same cookie at once.
 */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks?.request) return fn();
  return locks.request('rozvoj-auth-refresh', fn) as Promise<T>;
}

export class ApiClient {
  private token: string | null = null;
  private refreshing: Promise<AuthResponse | null> | null = null;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  /** Called when a request got 401 and refreshing did not help: the session is over. */
  onSessionLost: (() => void) | null = null;
  /** Called after every successful refresh with the new session. */
  onRefreshed: ((r: AuthResponse) => void) | null = null;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = opts.baseUrl ?? '';
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get accessToken(): string | null {
    return this.token;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  /** POST /api/v1/auth/refresh, shared by concurrent callers. Resolves null when there is no session. */
  refresh(): Promise<AuthResponse | null> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          const res = await withRefreshLock(() =>
            this.fetchFn(this.baseUrl + '/api/v1/auth/refresh', {
              method: 'POST',
              credentials: 'same-origin',
              headers: { Accept: 'application/json' },
            }),
          );
          if (!res.ok) {
            this.token = null;
            return null;
          }
          const body = (await res.json()) as AuthResponse;
          this.token = body.access_token;
          this.onRefreshed?.(body);
          return body;
        } catch {
          return null;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Sends a request with the access token (refreshing it once on a 401); a failed answer throws ApiError. */
  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const useAuth = opts.auth !== false;
    const once = async (): Promise<Response> => {
      const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
      let body: string | FormData | undefined;
      if (opts.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(opts.body);
      } else if (opts.raw) {
        headers['Content-Type'] = opts.raw.contentType;
        body = opts.raw.text;
      } else if (opts.form) {
        body = opts.form;
      }
      if (useAuth && this.token) headers['Authorization'] = `Bearer ${this.token}`;
      try {
        return await this.fetchFn(buildUrl(this.baseUrl, path, opts.query), {
          method,
          headers,
          body,
          credentials: 'same-origin',
          signal: opts.signal,
        });
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') throw e;
        throw new ApiError(0, { title: 'network', detail: e instanceof Error ? e.message : String(e) });
      }
    };

    let res = await once();
    if (res.status === 401 && useAuth) {
      const refreshed = await this.refresh();
      if (refreshed) res = await once();
      if (!refreshed || res.status === 401) {
        this.token = null;
        this.onSessionLost?.();
      }
    }

    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError(res.status, problem, parseRetryAfter(res.headers.get('Retry-After')));
    }
    return res;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.send(method, path, opts);
    const etag = res.headers.get('ETag');
    if (res.status === 204) return { status: res.status, data: undefined as T, etag };
    const text = await res.text();
    return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T, etag };
  }

  /** A file the API makes (a PDF, a CSV), as a Blob: a plain link would not carry the access token. */
  async blob(path: string, query?: Query): Promise<Blob> {
    return (await this.send('GET', path, { query, headers: { Accept: '*/*' } })).blob();
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, { query })).data;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('POST', path, { body })).data;
  }
}

/** If-Match value for a record: the ETag the server sent, else its version quoted. */
export function ifMatch(etag: string | null, version: number): string {
  return etag ?? `"${version}"`;
}
