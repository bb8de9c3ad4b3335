import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createTestOrganisation, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  ({ t, org } = await createReportingTestApp('Intake', ['reports:submit', 'cases:read']));
});
afterAll(async () => t?.close());

describe('public intake', () => {
  it('files a report and returns only a reference and the status path', async () => {
    const response = await publicReport(t, org.organisation.slug);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.reference).toMatch(/^VR-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(body.statusPath).toBe(`/r/${body.reference}`);
    expect(Object.keys(body).sort()).toEqual(['receivedAt', 'reference', 'statusPath']);
  });

  it.each([
    ['url', { url: undefined }],
    ['explanation', { explanation: 'short' }],
    ['category', { category: 'NOT_A_CATEGORY' }],
    ['keywords', { keywords: ['KEYWORD_NOPE'] }],
    ['language', { language: 'French' }],
    ['country', { country: 'france' }],
    ['reporter', { reporter: { name: 'X', email: 'not-an-email' } }],
    ['goodFaith', { goodFaith: false }],
    ['attachments', { attachments: [{ filename: 'a.png', mediaType: 'image/png', data: '***' }] }],
  ])('answers a field-level error for a bad %s', async (field, change) => {
    const response = await publicReport(t, org.organisation.slug, notice(change));
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('validation_failed');
    const fields = [error.field, ...(error.issues ?? []).map((i: { field: string }) => i.field)].join(' ');
    expect(fields).toContain(`body.${field}`);
  });

  it('needs the name and email unless the notice is about child sexual abuse (Art. 16(2)(c))', async () => {
    const anonymousTerror = await publicReport(t, org.organisation.slug, notice({ reporter: undefined }));
    expect(anonymousTerror.statusCode).toBe(400);
    expect(anonymousTerror.json().error.field).toBe('body.reporter');
    const anonymousCsam = await publicReport(
      t,
      org.organisation.slug,
      notice({
        reporter: undefined,
        category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
        keywords: ['KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL'],
      }),
    );
    expect(anonymousCsam.statusCode, anonymousCsam.body).toBe(201);
  });

  it('refuses a URL that is not http(s) with the field', async () => {
    const response = await publicReport(t, org.organisation.slug, notice({ url: 'javascript:alert(1)' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('body.url');
  });

  it('answers 404 for an unknown organisation', async () => {
    const response = await publicReport(t, 'no-such-organisation');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.field).toBe('body.organisation');
  });

  it('creates nothing twice for a repeated Idempotency-Key', async () => {
    const body = notice();
    const headers = { 'idempotency-key': 'public-report-retry-1' };
    const first = await publicReport(t, org.organisation.slug, body, headers);
    const second = await publicReport(t, org.organisation.slug, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().reference).toBe(first.json().reference);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await t.database.storage.db
      .selectFrom('reports')
      .select('id')
      .where('url', '=', body.url as string)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('seals the reporter contact: neither the email nor the name is stored in clear', async () => {
    const email = `unique-${Date.now()}@example.net`;
    const response = await publicReport(
      t,
      org.organisation.slug,
      notice({ reporter: { name: 'Zoé Quintal', email } }),
    );
    expect(response.statusCode).toBe(201);
    const row = await t.database.storage.db
      .selectFrom('reports')
      .selectAll()
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(email);
    expect(stored).not.toContain('Quintal');
    expect(row.notifier_key).not.toContain(email);
    const contact = await t.keyring.openText(
      t.database.storage.db,
      org.organisation.id,
      Buffer.from(row.contact_sealed as string, 'base64'),
      `report:${row.id}:contact`,
    );
    expect(JSON.parse(contact)).toEqual({ name: 'Zoé Quintal', email });
    // Reviewers see the report but not the contact.
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${row.case_id}`,
      headers: org.admin.headers,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(email);
    expect(detail.body).not.toContain('Quintal');
  });

  it('hashes attachments and stores them encrypted; an undecodable image still keeps the report', async () => {
    const content = Buffer.from('definitely not a PNG, but labelled as one');
    const response = await publicReport(
      t,
      org.organisation.slug,
      notice({
        attachments: [
          { filename: 'screenshot.png', mediaType: 'image/png', data: content.toString('base64') },
        ],
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const db = t.database.storage.db;
    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    const attachment = await db
      .selectFrom('report_attachments')
      .selectAll()
      .where('report_id', '=', report.id)
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(attachment.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    const blobDir = path.join(t.config.dataDir, 'blobs', org.organisation.id);
    const stored = readFileSync(
      path.join(blobDir, readdirSync(blobDir).find((f) => f === attachment.sha256) as string),
    );
    expect(stored.includes(content)).toBe(false);
  });
});

describe('concurrent public intake (group commit)', () => {
  it('commits concurrent reports together; a failing one fails alone', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `https://social.example/burst/${i}-${Math.random()}`);
    const responses = await Promise.all(
      urls.map((url, i) =>
        publicReport(t, i % 5 === 0 ? 'no-such-organisation' : org.organisation.slug, notice({ url })),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(urls.map((_, i) => (i % 5 === 0 ? 404 : 201)));
    const stored = await t.database.storage.db
      .selectFrom('reports')
      .select('url')
      .where('url', 'in', urls)
      .execute();
    expect(stored.map((r) => r.url).sort()).toEqual(urls.filter((_, i) => i % 5 !== 0).sort());
    const audited = await t.database.storage.db
      .selectFrom('audit_log')
      .select('request_id')
      .where('action', '=', 'report.submit')
      .where('org_id', '=', org.organisation.id)
      .execute();
    expect(new Set(audited.map((a) => a.request_id)).size).toBe(audited.length);
  });

  it('creates one report for concurrent requests with the same Idempotency-Key', async () => {
    const body = notice();
    const headers = { 'idempotency-key': `burst-${Math.random()}` };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => publicReport(t, org.organisation.slug, body, headers)),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.json().reference)).size).toBe(1);
    const rows = await t.database.storage.db
      .selectFrom('reports')
      .select('id')
      .where('url', '=', body.url as string)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('authenticated intake', () => {
  it('takes notices from an API key with reports:submit and names the case', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: org.apiKeyHeaders,
      payload: notice({ notifierType: 'trusted_flagger' }),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().caseReference).toMatch(/^VG-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('refuses a key without reports:submit', async () => {
    const other = await createTestOrganisation(t, 'NoSubmit', ['cases:read']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: other.apiKeyHeaders,
      payload: notice(),
    });
    expect(response.statusCode).toBe(403);
  });
});
