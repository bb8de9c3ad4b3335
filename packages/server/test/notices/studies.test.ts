/**
 * Collective studies: several organisations flag notices into one study; each sees its own notices
 * in full, the study scorecard aggregates across active members, and nothing identifying (notice
 * texts, notes, reporters, ids) crosses organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

// Responses are compared field by field with expectations; their shape is the operation's schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const H = 3_600_000;
const base = Math.floor((Date.now() - 20 * 24 * H) / H) * H;
const HATE = 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH';

let t: TestApp;
const orgs: Record<'a' | 'b' | 'c', { org: TestOrganisation; analyst: Member }> = {} as never;
let studyId = '';
const secrets: Record<'a' | 'b', string[]> = { a: [], b: [] };
const noticeIds: Record<'a' | 'b', string[]> = { a: [], b: [] };

const call = async (who: 'a' | 'b' | 'c', method: 'GET' | 'POST', url: string, payload?: object) => {
  const response = await t.app.inject({
    method,
    url,
    headers: orgs[who].analyst.headers,
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as Json, text: response.body };
};

/** A notice sent at `base` by email, acknowledged after `ackAfterH` hours (if given), in the study or not. */
async function notice(
  who: 'a' | 'b',
  platformId: string,
  opts: { study: boolean; ackAfterH?: number; removedAfterH?: number },
) {
  const text = `secret text of ${who} ${noticeIds[who].length}`;
  const created = await call(who, 'POST', '/api/v1/notices', {
    platformId,
    channel: 'email',
    legalBasis: 'DSA Art. 16',
    category: HATE,
    language: 'fr',
    country: 'FR',
    text,
    items: [{ url: `https://example.org/${who}/${noticeIds[who].length}` }],
    sentAt: base,
    ...(opts.study ? { studyId } : {}),
  });
  expect(created.status, created.text).toBe(201);
  const id = created.body.notice.id as string;
  noticeIds[who].push(id);
  const note = `internal note of ${who} ${id}`;
  secrets[who].push(text, note, id, created.body.notice.reference as string);
  expect(
    (await call(who, 'POST', `/api/v1/notices/${id}/events`, { event: { type: 'note', text: note } })).status,
  ).toBe(201);
  if (opts.ackAfterH !== undefined) {
    const ack = await call(who, 'POST', `/api/v1/notices/${id}/events`, {
      event: { type: 'acknowledged' },
      at: base + opts.ackAfterH * H,
    });
    expect(ack.status).toBe(201);
  }
  if (opts.removedAfterH !== undefined) {
    await call(who, 'POST', `/api/v1/notices/${id}/events`, {
      event: { type: 'decision', outcome: 'removed' },
      at: base + opts.removedAfterH * H,
    });
  }
  return id;
}

async function platformOf(who: 'a' | 'b') {
  const created = await call(who, 'POST', '/api/v1/platforms', {
    slug: 'tiktak',
    name: 'TikTak',
    channels: [
      { kind: 'email', address: 'legal@tiktak.example', ackWithinHours: 24, decisionWithinHours: 168 },
    ],
  });
  expect(created.status).toBe(201);
  return created.body.platform.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['a', 'b', 'c'] as const) {
    const org = await createTestOrganisation(t, `Org ${who}`, []);
    orgs[who] = { org, analyst: await addMember(t, org.organisation, 'analyst') };
  }
  const study = await call('a', 'POST', '/api/v1/studies', {
    name: 'failure-to-act-2026',
    title: 'Failure to act',
  });
  expect(study.status).toBe(201);
  studyId = study.body.study.id as string;
});
afterAll(async () => t?.close());

describe('membership', () => {
  it('an invited organisation can neither flag notices nor read the scorecard before accepting', async () => {
    const invite = await call('a', 'POST', `/api/v1/studies/${studyId}/members`, {
      organisation: orgs.b.org.organisation.slug,
    });
    expect(invite.status, invite.text).toBe(201);
    expect((await call('b', 'GET', `/api/v1/studies/${studyId}/scorecard`)).status).toBe(404);
    const bPlatform = await platformOf('b');
    const early = await call('b', 'POST', '/api/v1/notices', {
      platformId: bPlatform,
      channel: 'email',
      legalBasis: 'DSA Art. 16',
      category: HATE,
      text: 'too early',
      items: [{ url: 'https://example.org/early' }],
      studyId,
    });
    expect([early.status, early.body.error.field]).toEqual([404, 'body.studyId']);
    const listed = await call('b', 'GET', '/api/v1/studies');
    expect(listed.body.studies).toMatchObject([
      { name: 'failure-to-act-2026', membership: 'invited', owned: false },
    ]);
    expect((await call('b', 'POST', `/api/v1/studies/${studyId}/accept`)).status).toBe(200);
    expect((await call('b', 'POST', `/api/v1/studies/${studyId}/accept`)).status).toBe(409);
  });

  it('only the owner invites, and an outsider sees nothing', async () => {
    const byMember = await call('b', 'POST', `/api/v1/studies/${studyId}/members`, {
      organisation: orgs.c.org.organisation.slug,
    });
    expect(byMember.status).toBe(403);
    expect((await call('c', 'GET', `/api/v1/studies/${studyId}/scorecard`)).status).toBe(404);
    expect((await call('c', 'POST', `/api/v1/studies/${studyId}/accept`)).status).toBe(404);
    expect((await call('c', 'GET', '/api/v1/studies')).body.studies).toEqual([]);
  });
});

describe('the study scorecard', () => {
  let aPlatform = '';
  beforeAll(async () => {
    aPlatform = await platformOf('a');
    const bPlatform = (await call('b', 'GET', '/api/v1/platforms')).body.platforms[0].id as string;
    // In the study: A acks at 2 h and 6 h (removed at 30 h), B acks at 10 h, B none. Outside: A 1 h.
    await notice('a', aPlatform, { study: true, ackAfterH: 2 });
    await notice('a', aPlatform, { study: true, ackAfterH: 6, removedAfterH: 30 });
    await notice('a', aPlatform, { study: false, ackAfterH: 1 });
    await notice('b', bPlatform, { study: true, ackAfterH: 10 });
    await notice('b', bPlatform, { study: true });
  });

  it('aggregates across members, the same for each of them', async () => {
    const fromA = await call('a', 'GET', `/api/v1/studies/${studyId}/scorecard`);
    const fromB = await call('b', 'GET', `/api/v1/studies/${studyId}/scorecard`);
    expect(fromA.status).toBe(200);
    expect(fromA.body.overall).toMatchObject({
      sent: 4,
      acknowledged: 3,
      acknowledgedShare: 0.75,
      medianMsToAcknowledgement: 6 * H,
      actioned: 1,
      medianMsToAction: 30 * H,
      removedWithin24h: 0,
      removedWithin7d: 1,
      noResponse: 1,
    });
    expect(fromA.body.rows).toHaveLength(1);
    expect(fromA.body.rows[0]).toMatchObject({
      platform: 'tiktak',
      category: HATE,
      country: 'FR',
      language: 'fr',
    });
    expect(fromB.body.overall).toEqual(fromA.body.overall);
    expect(fromA.body.scope).toEqual({ kind: 'study', name: 'failure-to-act-2026' });
  });

  it("carries no organisation's notice texts, notes, ids or people", async () => {
    for (const who of ['a', 'b'] as const) {
      const { text } = await call(who, 'GET', `/api/v1/studies/${studyId}/scorecard?format=csv`);
      for (const secret of [...secrets.a, ...secrets.b]) expect(text).not.toContain(secret);
      for (const member of [orgs.a, orgs.b]) {
        expect(text).not.toContain(member.analyst.email);
        expect(text).not.toContain(member.analyst.user.id);
        expect(text).not.toContain(member.org.organisation.id);
      }
    }
  });

  it('each organisation sees its own notices in full and never another’s', async () => {
    const own = await call('b', 'GET', `/api/v1/notices/${noticeIds.b[0]}`);
    expect(own.status).toBe(200);
    expect(own.body.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'sent',
      'note',
      'acknowledged',
    ]);
    for (const id of noticeIds.a) {
      const other = await call('b', 'GET', `/api/v1/notices/${id}`);
      expect(other.status).toBe(404);
      const write = await call('b', 'POST', `/api/v1/notices/${id}/events`, {
        event: { type: 'note', text: 'x' },
      });
      expect(write.status).toBe(404);
    }
    const list = await call('b', 'GET', '/api/v1/notices');
    expect(list.body.notices.map((n: { id: string }) => n.id).sort()).toEqual([...noticeIds.b].sort());
    for (const secret of secrets.a) expect(list.text).not.toContain(secret);
  });
});
