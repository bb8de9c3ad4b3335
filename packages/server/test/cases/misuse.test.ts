import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  ({ t, org } = await createReportingTestApp('Misuse', ['reports:submit', 'cases:read', 'cases:manage']));
});
afterAll(async () => t?.close());

const serialReporter = { name: 'Serial Reporter', email: 'serial@example.net' };

async function unfoundedReport() {
  const response = await publicReport(t, org.organisation.slug, notice({ reporter: serialReporter }));
  expect(response.statusCode, response.body).toBe(201);
  const { case_id } = await t.database.storage.db
    .selectFrom('reports')
    .select('case_id')
    .where('reference', '=', response.json().reference)
    .executeTakeFirstOrThrow();
  const decided = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${case_id}/decisions`,
    headers: org.admin.headers,
    payload: { action: 'no_action', manifestlyUnfounded: true },
  });
  expect(decided.statusCode, decided.body).toBe(201);
}

async function notifiers() {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/v1/notifiers',
    headers: org.admin.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json().notifiers as {
    key: string;
    unfoundedCount: number;
    noticeCount: number;
    suspendedUntil: number | null;
  }[];
}

describe('misuse (Art. 23)', () => {
  it('counts manifestly unfounded notices per notifier without suspending anyone', async () => {
    for (let i = 0; i < 5; i++) await unfoundedReport();
    const [serial] = await notifiers();
    expect(serial?.unfoundedCount).toBe(5);
    expect(serial?.noticeCount).toBe(5);
    expect(serial?.suspendedUntil).toBeNull();
    // Still accepted: nothing happens until a person acts.
    expect(
      (await publicReport(t, org.organisation.slug, notice({ reporter: serialReporter }))).statusCode,
    ).toBe(201);
  });

  it('refuses to find notices manifestly unfounded alongside a restrictive decision', async () => {
    const response = await publicReport(t, org.organisation.slug, notice());
    const { case_id } = await t.database.storage.db
      .selectFrom('reports')
      .select('case_id')
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${case_id}/decisions`,
      headers: org.admin.headers,
      payload: { action: 'label', manifestlyUnfounded: true },
    });
    expect(decided.statusCode).toBe(400);
    expect(decided.json().error.field).toBe('body.manifestlyUnfounded');
  });

  it('refuses a suspension before a warning, and from an API key; suspends after a person warns', async () => {
    const [serial] = await notifiers();
    const key = encodeURIComponent(serial?.key as string);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifiers/${key}/suspension`,
      headers: org.admin.headers,
      payload: { days: 30, reason: 'five unfounded notices' },
    });
    expect(early.statusCode).toBe(409);
    const byKey = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifiers/${key}/warning`,
      headers: org.apiKeyHeaders,
      payload: { reason: 'automated warning' },
    });
    expect(byKey.statusCode).toBe(403);
    const warned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifiers/${key}/warning`,
      headers: org.admin.headers,
      payload: { reason: 'five manifestly unfounded notices in a week' },
    });
    expect(warned.statusCode, warned.body).toBe(200);
    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifiers/${key}/suspension`,
      headers: org.admin.headers,
      payload: { days: 30, reason: 'continued after the warning' },
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().notifier.suspendedUntil).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const refused = await publicReport(t, org.organisation.slug, notice({ reporter: serialReporter }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('notifier_suspended');
    // Other reporters are unaffected.
    expect((await publicReport(t, org.organisation.slug, notice())).statusCode).toBe(201);
  });

  it('a moderator cannot warn or suspend (cases:manage)', async () => {
    const moderator = await addMember(t, org.organisation, 'moderator');
    const [serial] = await notifiers();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifiers/${encodeURIComponent(serial?.key as string)}/warning`,
      headers: moderator.headers,
      payload: { reason: 'x' },
    });
    expect(response.statusCode).toBe(403);
  });
});
