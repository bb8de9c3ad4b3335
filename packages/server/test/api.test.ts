import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../src/identity/permissions.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  type TestOrganisation,
} from './support/app.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  t = await createTestApp({ VIGIE_BODY_LIMIT: '4096', VIGIE_LOGIN_RATE_LIMIT: '1000' });
  org = await createTestOrganisation(t, 'Api', [...permissions]);
});
afterAll(async () => t?.close());

describe('health', () => {
  it('answers /api/health and /api/ready without credentials', async () => {
    expect((await t.app.inject({ url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
    expect((await t.app.inject({ url: '/api/ready' })).json()).toEqual({
      status: 'ready',
      database: t.database.dialect,
    });
  });

  it('serves OpenAPI 3 describing every operation, and a docs page', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    const ids = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(ids).toEqual(
      expect.arrayContaining(['users.create', 'apiKeys.create', 'audit.verify', 'health.ready']),
    );
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('bad input gets the error catalogue shape, never a 500', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload,
      headers: { 'content-type': 'application/json', ...org.admin.headers, ...headers },
    });

  it('malformed JSON', async () => {
    const r = await post('{"email":');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'malformed_json', requestId: expect.any(String) });
  });

  it('wrong types name the field', async () => {
    const r = await post(JSON.stringify({ email: 42, role: 'admin' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'body.email' });
  });

  it('unknown fields are refused by name', async () => {
    const r = await post(JSON.stringify({ email: 'a@example.org', role: 'admin', isSuperuser: true }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'body.isSuperuser' });
  });

  it('an invalid enum value names the field', async () => {
    const r = await post(JSON.stringify({ email: 'a@example.org', role: 'overlord' }));
    expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'body.role' });
  });

  it('bodies over the limit get 413', async () => {
    const r = await post(
      JSON.stringify({ email: 'a@example.org', role: 'admin', displayName: 'x'.repeat(10_000) }),
    );
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('body_too_large');
  });

  it('wrong content type gets 415', async () => {
    const r = await post('email=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('unsupported_media_type');
  });

  it('bad query parameters name the field', async () => {
    const r = await t.app.inject({ url: '/api/v1/audit?limit=zero', headers: org.admin.headers });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'query.limit' });
  });

  it('unknown routes get route_not_found', async () => {
    const r = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('route_not_found');
  });

  it('every response carries a request id, and a caller-supplied one is kept', async () => {
    const r = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    expect(r.headers['x-request-id']).toBe('trace-123');
  });
});

describe('authentication', () => {
  it('refuses anonymous calls to non-public routes', async () => {
    const r = await t.app.inject({ url: '/api/v1/users' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('not_authenticated');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.org', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.admin.email, password: 'wrong' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe(wrong.json().error.code);
  });

  it('sets an HTTP-only, Secure, SameSite session cookie', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.admin.email, password: TEST_PASSWORD },
    });
    const cookie = r.cookies.find((c) => c.name === 'vigie_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
  });

  it('refuses a state change by cookie without the CSRF token', async () => {
    const { cookie } = org.admin.headers;
    const r = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { name: 'x' },
      headers: { cookie: cookie as string },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('csrf_token_invalid');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { name: 'x' },
      headers: { cookie: cookie as string, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.json().error.code).toBe('csrf_token_invalid');
  });

  it('an API key acts without CSRF and is refused once revoked', async () => {
    const { apiKeyHeaders } = await createTestOrganisation(t, 'Keyed', ['users:read']);
    expect((await t.app.inject({ url: '/api/v1/users', headers: apiKeyHeaders })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/users', headers: { authorization: 'Bearer vk_forged_x' } }))
        .statusCode,
    ).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'temp', permissions: ['users:read'] },
      headers: org.admin.headers,
    });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ url: '/api/v1/users', headers: auth })).statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      headers: org.admin.headers,
    });
    expect((await t.app.inject({ url: '/api/v1/users', headers: auth })).statusCode).toBe(401);
  });

  it('an API key only has its listed permissions', async () => {
    const { apiKeyHeaders } = await createTestOrganisation(t, 'Narrow', ['users:read']);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'n@example.org', role: 'analyst' },
      headers: apiKeyHeaders,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });

  it('roles limit what users may do', async () => {
    const auditor = await addMember(t, org.organisation, 'auditor');
    const moderator = await addMember(t, org.organisation, 'moderator');
    expect((await t.app.inject({ url: '/api/v1/audit', headers: auditor.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: moderator.headers })).statusCode).toBe(403);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'k', permissions: ['users:read'] },
      headers: auditor.headers,
    });
    expect(r.statusCode).toBe(403);
  });

  it('a new user must replace the one-time password before anything else', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'newcomer@example.org', role: 'analyst' },
      headers: org.admin.headers,
    });
    expect(created.statusCode).toBe(201);
    const { oneTimePassword } = created.json();
    const headers = await signIn(t.app, 'newcomer@example.org', oneTimePassword);
    const blocked = await t.app.inject({ url: '/api/v1/users', headers });
    expect(blocked.json().error.code).toBe('password_change_required');
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers });
    expect(session.json()).toMatchObject({
      passwordChangeRequired: true,
      user: { email: 'newcomer@example.org' },
    });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: oneTimePassword, newPassword: 'a much better passphrase' },
      headers,
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/users', headers })).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const member = await addMember(t, org.organisation, 'analyst');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: member.headers }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/users', headers: member.headers })).statusCode).toBe(401);
  });

  it('disabling a user ends their sessions', async () => {
    const member = await addMember(t, org.organisation, 'analyst');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${member.user.id}`,
      payload: { disabled: true },
      headers: org.admin.headers,
    });
    expect((await t.app.inject({ url: '/api/v1/users', headers: member.headers })).statusCode).toBe(401);
  });
});

describe('idempotency keys on creates', () => {
  it('replays the first response and creates nothing twice', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/api-keys',
      payload: { name: 'ci', permissions: ['users:read'] },
      headers: { ...org.admin.headers, 'idempotency-key': 'create-ci-key-1' },
    };
    const first = await t.app.inject(request);
    const second = await t.app.inject(request);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().apiKey.id).toBe(first.json().apiKey.id);
    const keys = (await t.app.inject({ url: '/api/v1/api-keys', headers: org.admin.headers })).json().apiKeys;
    expect(keys.filter((k: { name: string }) => k.name === 'ci')).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { ...org.admin.headers, 'idempotency-key': 'create-ci-key-2' };
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'a', permissions: ['users:read'] },
      headers,
    });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'b', permissions: ['users:read'] },
      headers,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'idempotency_key_reused',
      field: 'headers.idempotency-key',
    });
  });

  it('concurrent retries with one key still create once', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/users',
      payload: { email: 'racer@example.org', role: 'analyst' },
      headers: { ...org.admin.headers, 'idempotency-key': 'racer' },
    };
    const responses = await Promise.all([
      t.app.inject(request),
      t.app.inject(request),
      t.app.inject(request),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().user.id)).size).toBe(1);
  });
});

describe('audit of state changes', () => {
  it('records actor, action, target and request id', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      payload: { settings: { locale: 'fr' } },
      headers: { ...org.admin.headers, 'x-request-id': 'audit-me-1' },
    });
    const entries = (
      await t.app.inject({ url: '/api/v1/audit?action=organisation.update', headers: org.admin.headers })
    ).json().entries;
    expect(entries[0]).toMatchObject({
      actorType: 'user',
      actorId: org.admin.user.id,
      targetType: 'organisation',
      requestId: 'audit-me-1',
    });
    const verified = (await t.app.inject({ url: '/api/v1/audit/verify', headers: org.admin.headers })).json();
    expect(verified.ok).toBe(true);
  });
});

describe('rate limits', () => {
  it('limits login attempts per address', async () => {
    const limited = await createTestApp({ VIGIE_LOGIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@example.org', password: 'y' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const last = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'x@example.org', password: 'y' },
      });
      expect(last.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('logs', () => {
  it('never contain passwords, session tokens, API key secrets or emails', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'log-check', permissions: ['users:read'] },
      headers: org.admin.headers,
    });
    const { secret } = created.json();
    await t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${secret}` } });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.admin.email, password: TEST_PASSWORD },
    });
    const all = t.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(secret);
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(org.admin.email);
    expect(all).not.toContain((org.admin.headers.cookie as string).split('=')[1]);
  });
});
