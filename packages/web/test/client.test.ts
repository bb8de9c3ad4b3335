import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, inputName } from '../src/api/client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headerOf = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

describe('ApiClient', () => {
  it('sends cookies, and the CSRF token on unsafe methods only', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true }));
    const client = new ApiClient({ fetch: fetchImpl });
    client.setCsrfToken('tok-1');
    await client.get('/api/v1/users');
    await client.post('/api/v1/auth/logout');
    await client.patch('/api/v1/organisation', { name: 'N' });
    expect(calls.map((c) => c.init.credentials)).toEqual(['same-origin', 'same-origin', 'same-origin']);
    expect(headerOf(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(headerOf(calls[1], 'x-csrf-token')).toBe('tok-1');
    expect(headerOf(calls[2], 'x-csrf-token')).toBe('tok-1');
    expect(calls[2]?.init.body).toBe('{"name":"N"}');
    expect(headerOf(calls[2], 'content-type')).toBe('application/json');
  });

  it('builds query strings and leaves out empty values', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, {}));
    await new ApiClient({ fetch: fetchImpl }).get('/api/v1/audit', {
      limit: 50,
      before: undefined,
      action: '',
    });
    expect(calls[0]?.url).toBe('/api/v1/audit?limit=50');
  });

  it('turns the API error shape into an ApiError with code, field and per-input codes', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'bad',
          field: 'body.newPassword',
          issues: [{ field: 'body.permissions.0', message: 'x' }, { nonsense: true }],
          requestId: 'req-9',
        },
      }),
    );
    const error = await new ApiClient({ fetch: fetchImpl })
      .post('/api/v1/auth/password', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.code, apiError.status, apiError.field, apiError.requestId]).toEqual([
      'validation_failed',
      400,
      'body.newPassword',
      'req-9',
    ]);
    expect(apiError.issues).toHaveLength(1);
    expect(apiError.fieldCodes()).toEqual({
      newPassword: 'validation_failed',
      permissions: 'validation_failed',
    });
  });

  it('reports a network failure and a non-JSON answer with their own codes', async () => {
    const down = new ApiClient({
      fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    await expect(down.get('/api/health')).rejects.toMatchObject({ code: 'network_error', status: 0 });
    const html = new ApiClient({
      fetch: (async () => new Response('<html>', { status: 502 })) as typeof fetch,
    });
    await expect(html.get('/api/health')).rejects.toMatchObject({ code: 'bad_response', status: 502 });
  });

  it('tells failure listeners about every failed request', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(401, { error: { code: 'not_authenticated', message: 'x', requestId: 'r' } }),
    );
    const client = new ApiClient({ fetch: fetchImpl });
    const seen: string[] = [];
    const stop = client.onFailure((error) => seen.push(error.code));
    await client.get('/api/v1/users').catch(() => undefined);
    stop();
    await client.get('/api/v1/users').catch(() => undefined);
    expect(seen).toEqual(['not_authenticated']);
  });
});

describe('inputName', () => {
  it('strips the request part and keeps the first segment', () => {
    expect(inputName('body.email')).toBe('email');
    expect(inputName('body.permissions.3')).toBe('permissions');
    expect(inputName('params.userId')).toBe('userId');
    expect(inputName('name')).toBe('name');
  });
});
