/**
 * `POST /api/v1/demo/seed`: an admin fills their own organisation with demo cases through the API
 * (the console's "Load demo cases"), bounded, audited, replayed by Idempotency-Key, refused to
 * other roles, and without touching another organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

let t: TestApp;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Newcomer', []);
  other = await createTestOrganisation(t, 'Other', []);
});
afterAll(async () => t?.close());

const countCases = async (orgId: string) =>
  (await t.database.storage.db.selectFrom('cases').select('id').where('org_id', '=', orgId).execute()).length;

const seed = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/demo/seed', headers, payload: payload as object });

describe('POST /api/v1/demo/seed', () => {
  it('seeds the caller’s organisation, audits it, and replays a repeated Idempotency-Key', async () => {
    const headers = { ...org.admin.headers, 'idempotency-key': 'load-demo-1' };
    const first = await seed(headers, { cases: 12 });
    expect(first.statusCode, first.body).toBe(201);
    const result = first.json();
    expect(result.cases).toBe(12);
    expect(result.reports).toBeGreaterThanOrEqual(12);
    expect(await countCases(org.organisation.id)).toBe(12);
    // Some of them wait in the queue for the newcomer to decide.
    const open = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?status=open',
      headers: org.admin.headers,
    });
    expect(open.json().cases.length).toBeGreaterThan(0);

    const again = await seed(headers, { cases: 12 });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(result);
    expect(await countCases(org.organisation.id)).toBe(12);

    const audit = await t.database.storage.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('org_id', '=', org.organisation.id)
      .where('action', '=', 'demo.seed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(org.admin.user.id);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ cases: 12 });
    expect(await countCases(other.organisation.id)).toBe(0);
  });

  it('refuses a count out of bounds or an unknown field, naming the field', async () => {
    for (const payload of [{ cases: 0 }, { cases: 201 }, { cases: 2.5 }, { cases: 'many' }]) {
      const response = await seed(org.admin.headers, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(response.json().error)).toContain('body.cases');
    }
    const unknown = await seed(org.admin.headers, { cases: 1, seed: 7 });
    expect(unknown.statusCode).toBe(400);
  });

  it('is for administrators only', async () => {
    for (const role of ['moderator', 'analyst', 'auditor'] as const) {
      const member = await addMember(t, org.organisation, role);
      const response = await seed(member.headers, { cases: 1 });
      expect(response.statusCode, role).toBe(403);
    }
    expect(await countCases(org.organisation.id)).toBe(12);
  });
});
