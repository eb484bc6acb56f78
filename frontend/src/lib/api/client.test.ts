import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, buildUrl, ifMatch, parseRetryAfter } from './client';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

const me = { id: 'u1', name: 'Jana', email: 'j@x.cz', capabilities: [], roles: [] };

function setup(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return handler(url, init ?? {});
  });
  const client = new ApiClient({ fetch: fetchFn as unknown as typeof fetch });
  return { client, calls, fetchFn };
}

const authHeader = (init: RequestInit) => (init.headers as Record<string, string>)['Authorization'];

describe('ApiClient errors', () => {
  it('parses problem+json with field errors', async () => {
    const { client } = setup(() =>
      json(422, {
        type: 'about:blank',
        title: 'Validation failed',
        status: 422,
        detail: 'Some fields are wrong',
        errors: [
          { field: 'ico', message: 'IČO nemá platný kontrolní součet' },
          { field: 'roles[0].team_id', message: 'required' },
          { field: 'ico', message: 'second message is ignored' },
        ],
      }),
    );
    const err = await client.post('/api/v1/organizations', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.message).toBe('Some fields are wrong');
    expect(e.fieldErrors).toEqual({ ico: 'IČO nemá platný kontrolní součet', 'roles[0].team_id': 'required' });
    expect(e.isConflict).toBe(false);
  });

  it('handles a non-JSON error body', async () => {
    const { client } = setup(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const e = (await client.get('/api/v1/me').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(502);
    expect(e.problem.title).toBe('Bad Gateway');
    expect(e.fieldErrors).toEqual({});
  });

  it('reports 429 with Retry-After', async () => {
    const { client } = setup(() => json(429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '42' }));
    const e = (await client.request('POST', '/api/v1/auth/login', { auth: false }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBe(42);
  });

  it('marks 409 and 412 as conflicts', async () => {
    for (const status of [409, 412]) {
      const { client } = setup(() => json(status, { title: 'Conflict', status }));
      const e = (await client.request('PATCH', '/api/v1/organizations/x').catch((x: unknown) => x)) as ApiError;
      expect(e.isConflict).toBe(true);
    }
  });

  it('turns a network failure into status 0', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const e = (await client.get('/api/v1/me').catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(0);
  });
});

describe('ApiClient auth', () => {
  it('sends the bearer token and JSON body', async () => {
    const { client, calls } = setup(() => json(200, { ok: true }));
    client.setToken('tok');
    await client.post('/api/v1/x', { a: 1 });
    expect(authHeader(calls[0].init)).toBe('Bearer tok');
    expect(calls[0].init.body).toBe('{"a":1}');
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const { client, calls } = setup((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { access_token: 'new', token_type: 'Bearer', expires_in: 900, user: me });
      return authHeader(init) === 'Bearer new' ? json(200, me) : json(401, { title: 'Unauthorized', status: 401 });
    });
    client.setToken('old');
    const refreshed = vi.fn();
    client.onRefreshed = refreshed;
    const out = await client.get<typeof me>('/api/v1/me');
    expect(out.name).toBe('Jana');
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
    expect(calls[1].init.credentials).toBe('same-origin');
    expect(client.accessToken).toBe('new');
    expect(refreshed).toHaveBeenCalledOnce();
  });

  it('gives up when refresh fails and reports the lost session', async () => {
    const { client, calls } = setup(() => json(401, { title: 'Unauthorized', status: 401 }));
    client.setToken('old');
    const lost = vi.fn();
    client.onSessionLost = lost;
    const e = (await client.get('/api/v1/me').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    expect(lost).toHaveBeenCalledOnce();
    expect(client.accessToken).toBeNull();
    expect(calls).toHaveLength(2); // the call and one refresh, no retry loop
  });

  it('reports a lost session when the retry is still 401', async () => {
    const { client, calls } = setup((url) =>
      url.endsWith('/auth/refresh')
        ? json(200, { access_token: 'new', token_type: 'Bearer', expires_in: 900, user: me })
        : json(401, { title: 'Unauthorized', status: 401 }),
    );
    const lost = vi.fn();
    client.onSessionLost = lost;
    await expect(client.get('/api/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledOnce();
    expect(calls).toHaveLength(3);
  });

  it('shares one refresh between concurrent 401s (refresh tokens rotate)', async () => {
    let refreshes = 0;
    const { client } = setup(async (url, init) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        await new Promise((r) => setTimeout(r, 10));
        return json(200, { access_token: 'new', token_type: 'Bearer', expires_in: 900, user: me });
      }
      return authHeader(init) === 'Bearer new' ? json(200, { url }) : json(401, { status: 401 });
    });
    client.setToken('old');
    const out = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
    expect(out).toHaveLength(3);
    expect(refreshes).toBe(1);
  });

  it('does not refresh for calls with auth: false (wrong password is just 401)', async () => {
    const { client, calls } = setup(() => json(401, { title: 'Invalid credentials', status: 401 }));
    const lost = vi.fn();
    client.onSessionLost = lost;
    const e = (await client
      .request('POST', '/api/v1/auth/login', { auth: false, body: { email: 'a', password: 'b' } })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    expect(calls).toHaveLength(1);
    expect(lost).not.toHaveBeenCalled();
  });

  it('refresh() resolves null without a session cookie', async () => {
    const { client } = setup(() => json(401, { status: 401 }));
    expect(await client.refresh()).toBeNull();
  });
});

describe('ApiClient responses', () => {
  it('returns the ETag and handles 204', async () => {
    const { client } = setup((url) =>
      url.includes('logout') ? new Response(null, { status: 204 }) : json(200, { id: 'o1', version: 3 }, { ETag: '"3"' }),
    );
    const r = await client.request<{ version: number }>('GET', '/api/v1/organizations/o1');
    expect(r.etag).toBe('"3"');
    expect(r.data.version).toBe(3);
    const n = await client.request('POST', '/api/v1/auth/logout', { auth: false });
    expect(n.status).toBe(204);
    expect(n.data).toBeUndefined();
  });
});

describe('helpers', () => {
  it('builds URLs leaving out empty values', () => {
    expect(buildUrl('', '/api/v1/users', { q: 'Nováková', role: '', active: true, cursor: null, limit: 50 })).toBe(
      '/api/v1/users?q=Nov%C3%A1kov%C3%A1&active=true&limit=50',
    );
    expect(buildUrl('', '/x', {})).toBe('/x');
  });

  it('parses Retry-After', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10);
  });

  it('builds If-Match from the ETag or the version', () => {
    expect(ifMatch('"7"', 7)).toBe('"7"');
    expect(ifMatch(null, 7)).toBe('"7"');
  });
});
