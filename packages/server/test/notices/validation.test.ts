/** Bad input to the directory and notice operations: typed 4xx errors naming the field, never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
} from '../support/app.ts';
import { insertCaseRow } from '../cases/support.ts';

// Responses are compared field by field with expectations; their shape is the operation's schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let analyst: Member;
let auditor: Member;
let platformId = '';
let noticeId = '';
const emailChannel = {
  kind: 'email',
  address: 'abuse@x.example',
  ackWithinHours: 24,
  decisionWithinHours: 72,
};
const noticeBody = () => ({
  platformId,
  channel: 'email',
  legalBasis: 'DSA Art. 16',
  category: 'STATEMENT_CATEGORY_VIOLENCE',
  text: 'text',
  items: [{ url: 'https://x.example/1' }],
});

const call = async (who: Member, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const response = await t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const body = response.json() as { error?: { code: string; field?: string } } & Json;
  return { status: response.statusCode, code: body.error?.code, field: body.error?.field, body };
};

beforeAll(async () => {
  t = await createTestApp();
  const org = await createTestOrganisation(t, 'Validation', []);
  analyst = await addMember(t, org.organisation, 'analyst');
  auditor = await addMember(t, org.organisation, 'auditor');
  const created = await call(analyst, 'POST', '/api/v1/platforms', {
    slug: 'x',
    name: 'X',
    channels: [emailChannel],
  });
  platformId = created.body.platform.id as string;
  noticeId = (
    await call(analyst, 'POST', '/api/v1/notices', { ...noticeBody(), sentAt: Date.now() - 3_600_000 })
  ).body.notice.id as string;
});
afterAll(async () => t?.close());

describe('platform directory', () => {
  it.each([
    [
      'an api channel without statusUrl',
      { slug: 'y', name: 'Y', channels: [{ ...emailChannel, kind: 'api' }] },
      400,
      'body.channels.0.statusUrl',
    ],
    [
      'two channels of one kind',
      { slug: 'y', name: 'Y', channels: [emailChannel, emailChannel] },
      400,
      'body.channels.1.kind',
    ],
    ['a taken slug', { slug: 'x', name: 'X again', channels: [emailChannel] }, 409, 'body.slug'],
    ['no channel', { slug: 'y', name: 'Y', channels: [] }, 400, 'body.channels'],
    [
      'a bad country code',
      { slug: 'y', name: 'Y', countries: ['France'], channels: [emailChannel] },
      400,
      'body.countries.0',
    ],
  ])('refuses %s', async (_what, body, status, field) => {
    const response = await call(analyst, 'POST', '/api/v1/platforms', body);
    expect([response.status, response.field]).toEqual([status, field]);
  });

  it('an auditor reads the directory but cannot change it', async () => {
    expect((await call(auditor, 'GET', '/api/v1/platforms')).status).toBe(200);
    const change = await call(auditor, 'PATCH', `/api/v1/platforms/${platformId}`, { name: 'Z' });
    expect([change.status, change.code]).toEqual([403, 'forbidden']);
  });
});

describe('notices', () => {
  it.each([
    ['a channel the platform lacks', { channel: 'api' }, 400, 'body.channel'],
    ['an unknown platform', { platformId: 'nope' }, 404, 'body.platformId'],
    ['an unknown case', { caseId: 'nope' }, 404, 'body.caseId'],
    ['an unknown study', { studyId: 'nope' }, 404, 'body.studyId'],
    ['a category outside the DSA list', { category: 'BAD' }, 400, 'body.category'],
    ['a sending time in the future', { sentAt: Date.now() + 3_600_000 }, 400, 'body.sentAt'],
    ['no items', { items: [] }, 400, 'body.items'],
    ['a non-http item', { items: [{ url: 'javascript:alert(1)' }] }, 400, 'body.items.0.url'],
  ])('refuses %s', async (_what, change, status, field) => {
    const response = await call(analyst, 'POST', '/api/v1/notices', { ...noticeBody(), ...change });
    expect([response.status, response.field]).toEqual([status, field]);
  });

  it('refuses events before sending, in the future, or out of order', async () => {
    const event = (body: object) => call(analyst, 'POST', `/api/v1/notices/${noticeId}/events`, body);
    const early = await event({ event: { type: 'acknowledged' }, at: Date.now() - 2 * 3_600_000 });
    expect([early.status, early.field]).toEqual([400, 'body.at']);
    const future = await event({ event: { type: 'acknowledged' }, at: Date.now() + 60_000 });
    expect([future.status, future.field]).toEqual([400, 'body.at']);
    const reversal = await event({ event: { type: 'reversed', outcome: 'removed' } });
    expect([reversal.status, reversal.code]).toEqual([409, 'conflict']);
    const badKind = await event({ event: { type: 'escalated', kind: 'twitter_mob', recipient: 'x' } });
    expect(badKind.status).toBe(400);
    expect((await event({ event: { type: 'closed' } })).status).toBe(201);
    expect((await event({ event: { type: 'closed' } })).code).toBe('conflict');
  });

  it('takes category, country, language and the item from a linked case', async () => {
    await insertCaseRow(t.database.storage.db, {
      id: 'case-1',
      org_id: analyst.user.orgId,
      reference: 'VG-TEST-0001',
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      language: 'fr',
      country: 'FR',
      url: 'https://x.example/from-case',
      report_count: 1,
    });
    const { category: _c, items: _i, ...withoutCaseFields } = noticeBody();
    const created = await call(analyst, 'POST', '/api/v1/notices', {
      ...withoutCaseFields,
      caseId: 'case-1',
    });
    expect(created.status).toBe(201);
    expect(created.body.notice).toMatchObject({
      caseId: 'case-1',
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      country: 'FR',
      language: 'fr',
      items: [{ url: 'https://x.example/from-case' }],
    });
  });

  it('an auditor reads notices but records nothing', async () => {
    expect((await call(auditor, 'GET', `/api/v1/notices/${noticeId}`)).status).toBe(200);
    expect((await call(auditor, 'POST', '/api/v1/notices', noticeBody())).status).toBe(403);
  });

  it('refuses malformed list queries', async () => {
    const bad = await call(analyst, 'GET', '/api/v1/notices?asOf=yesterday');
    expect([bad.status, bad.code]).toEqual([400, 'validation_failed']);
    expect((await call(analyst, 'GET', '/api/v1/scorecards?format=xml')).status).toBe(400);
  });
});
