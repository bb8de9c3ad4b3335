/**
 * End to end: notices to a local fake platform that acknowledges some, removes some content after a
 * delay and ignores the rest; a second platform answers by signed callback. The job queue is run by
 * hand at simulated times (each job at its own due time), so every clock, liveness result and
 * scorecard figure can be compared with values worked out by hand from the scripts below.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJob } from '../../src/jobs/outbox.ts';
import { signCallback } from '../../src/notices/callbacks.ts';
import { noticeJobHandlers } from '../../src/notices/jobs.ts';
import { safeTransport } from '../../src/notices/transport.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
} from '../support/app.ts';
import { startFakePlatform, type FakePlatform } from './fake-platform.ts';

// Responses are compared field by field with expectations; their shape is the operation's schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const H = 3_600_000;
const D = 24 * H;
const HATE = 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH';
const VIOLENCE = 'STATEMENT_CATEGORY_VIOLENCE';

// Whole hours 40 days ago: the simulation runs in the past so that analyst-entered times are valid.
const base = Math.floor((Date.now() - 40 * D) / H) * H;

let t: TestApp;
let platform: FakePlatform;
let analyst: Member;
let orgSlug: string;
let adminHeaders: Record<string, string>;
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};
const jobFailures: string[] = [];
let mailhostSecret = '';
let mailhostId = '';

const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const response = await t.app.inject({
    method,
    url,
    headers: analyst.headers,
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as Json };
};

/** Runs due notice jobs one at a time in due order, each at its own due time (the fake clock). */
async function runJobsUntil(until: number, handlers: ReturnType<typeof noticeJobHandlers>, only?: string) {
  const db = t.database.storage.db;
  for (;;) {
    const row = await db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where('kind', 'like', only ?? 'notices.%')
      .$if(only === undefined, (q) => q.where('run_at', '<=', until))
      .orderBy('run_at')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!row) break;
    if (only === undefined) platform.clock.now = Math.max(platform.clock.now, row.run_at);
    // As the worker's claim does: the attempt number counts this attempt.
    const job = { ...toJob(row), attempts: row.attempts + 1 };
    try {
      const effects = await handlers[job.kind]!(job, db);
      await db.transaction().execute(async (trx) => {
        if (effects) await effects(trx);
        await trx.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
      });
    } catch (error) {
      jobFailures.push(`${job.kind}: ${(error as Error).message}`);
      // Retry now (the simulation does not model backoff) until the attempts are spent.
      const dead = job.attempts >= job.maxAttempts;
      await db
        .updateTable('jobs')
        .set({ status: dead ? 'dead' : 'pending', attempts: job.attempts })
        .where('id', '=', job.id)
        .execute();
    }
  }
  platform.clock.now = Math.max(platform.clock.now, until);
}

async function createNotice(key: string, body: Record<string, unknown>) {
  const response = await api('POST', '/api/v1/notices', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  ids[key] = response.body.notice.id as string;
  refs[key] = response.body.notice.reference as string;
  return response.body.notice as Json;
}

beforeAll(async () => {
  platform = await startFakePlatform(base);
  t = await createTestApp({
    VIGIE_OUTBOUND_ALLOW_HOSTS: platform.hostPort,
    VIGIE_PUBLIC_RATE_LIMIT: '100000',
  });
  const org = await createTestOrganisation(t, 'Observatoire', []);
  orgSlug = org.organisation.slug;
  adminHeaders = org.admin.headers;
  analyst = await addMember(t, org.organisation, 'analyst');

  // The scripts (offsets from sending, which is `base` for every notice).
  platform.scripts.set('c1', {
    ackAfter: 2 * H,
    decision: { outcome: 'removed', after: 20 * H },
    goneAfter: 20 * H,
  });
  platform.scripts.set('c2', {
    ackAfter: 5 * H,
    decision: { outcome: 'removed', after: 72 * H },
    goneAfter: 72 * H,
  });
  platform.scripts.set('c3', { ackAfter: 30 * H, decision: { outcome: 'rejected', after: 96 * H } });
  platform.scripts.set('c4', { goneAfter: 36 * H }); // removed silently
  platform.scripts.set('c5', {}); // ignored
  platform.scripts.set('c6', { goneAfter: 9 * D }); // ignored until escalated, removed at 9 d
  platform.scripts.set('c7', {}); // restricted (callback), still answers 200
  platform.scripts.set('c8', { refuseWith: 503 });

  const fakebook = await api('POST', '/api/v1/platforms', {
    slug: 'fakebook',
    name: 'Fakebook',
    hosts: ['127.0.0.1'],
    countries: ['FR', 'BE'],
    languages: ['fr', 'nl'],
    channels: [
      {
        kind: 'api',
        address: `${platform.origin}/notices`,
        statusUrl: `${platform.origin}/notices/{ticketId}`,
        ackWithinHours: 24,
        decisionWithinHours: 72,
      },
    ],
  });
  expect(fakebook.status, JSON.stringify(fakebook.body)).toBe(201);
  const mailhost = await api('POST', '/api/v1/platforms', {
    slug: 'mailhost',
    name: 'Mailhost',
    channels: [
      { kind: 'email', address: 'abuse@mailhost.example', ackWithinHours: 48, decisionWithinHours: 168 },
    ],
  });
  expect(mailhost.status).toBe(201);
  mailhostId = mailhost.body.platform.id as string;
  mailhostSecret = mailhost.body.callbackSecret as string;

  const fakebookId = fakebook.body.platform.id as string;
  const viaApi = (item: string, category: string) => ({
    platformId: fakebookId,
    channel: 'api',
    legalBasis: 'DSA Art. 16; Loi 1881 art. 24',
    trustedFlagger: true,
    category,
    country: 'FR',
    language: 'fr',
    text: `Contenu illicite ${item}`,
    items: [{ url: `${platform.origin}/content/${item}` }],
  });
  for (const item of ['c1', 'c2', 'c3']) await createNotice(item, viaApi(item, HATE));
  for (const item of ['c4', 'c5', 'c6']) await createNotice(item, viaApi(item, VIOLENCE));
  await createNotice('c8', viaApi('c8', VIOLENCE));
  await createNotice('c7', {
    platformId: mailhostId,
    channel: 'email',
    legalBasis: 'DSA Art. 16',
    category: HATE,
    country: 'DE',
    language: 'de',
    text: 'Volksverhetzung',
    items: [{ url: `${platform.origin}/content/c7` }],
    sentAt: base,
  });

  await t.database.storage.db
    .updateTable('jobs')
    .set({ max_attempts: 3 })
    .where('kind', '=', 'notices.deliver')
    .execute();
  const handlers = noticeJobHandlers({ now: () => platform.clock.now, transport: safeTransport(t.config) });
  platform.clock.now = base;
  await runJobsUntil(base, handlers, 'notices.deliver');
  platform.clock.now = base;

  // Mailhost answers by signed callback (times stated in the payload).
  const payload = JSON.stringify({
    reference: refs.c7,
    acknowledgedAt: base + 1 * H,
    decision: { outcome: 'restricted', decidedAt: base + 10 * H },
    statementOfReasons: { receivedAt: base + 10 * H, sorUuid: 'sor-1' },
  });
  const timestamp = String(Date.now());
  const callback = await t.app.inject({
    method: 'POST',
    url: `/api/v1/platform-callbacks/${mailhostId}`,
    headers: {
      'x-vigie-timestamp': timestamp,
      'x-vigie-signature': signCallback(mailhostSecret, timestamp, payload),
    },
    payload: { payload },
  });
  expect(callback.statusCode, callback.body).toBe(200);
  expect(callback.json().recorded).toEqual(['acknowledged', 'decision', 'statement_of_reasons']);

  await runJobsUntil(base + 8 * D, handlers);
  const escalated = await api('POST', `/api/v1/notices/${ids.c6}/events`, {
    event: { type: 'escalated', kind: 'law_enforcement', recipient: 'PHAROS', reference: 'PH-2026-1' },
    at: base + 8 * D,
  });
  expect(escalated.status, JSON.stringify(escalated.body)).toBe(201);
  await runJobsUntil(base + 9 * D, handlers);
  const reversed = await api('POST', `/api/v1/notices/${ids.c6}/events`, {
    event: { type: 'reversed', outcome: 'removed' },
    at: base + 9 * D,
  });
  expect(reversed.status).toBe(201);
  await runJobsUntil(base + 31 * D, handlers);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await platform?.close();
});

const notice = async (key: string) => (await api('GET', `/api/v1/notices/${ids[key]}`)).body;

describe('delivery through the api channel', () => {
  it('posts each notice once to the fake platform through safeFetch, keyed by notice id', async () => {
    expect(platform.received.map((r) => r.idempotencyKey).sort()).toEqual(
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((k) => ids[k]).sort(),
    );
    const { notice: c1, events } = await notice('c1');
    expect(c1.sentAt).toBe(base);
    expect(c1.externalId).toMatch(/^T-\d+$/);
    // The sent event fingerprints the exact bytes the platform received.
    const received = platform.received.find((r) => r.idempotencyKey === ids.c1)!;
    expect(received.body).toMatchObject({
      reference: refs.c1,
      explanation: 'Contenu illicite c1',
      trustedFlagger: true,
    });
    const sent = (events as Json[]).find((e) => e.type === 'sent');
    expect(sent.data).toEqual({
      ticketId: c1.externalId,
      submissionSha256: createHash('sha256').update(received.raw).digest('hex'),
    });
  });

  it('retries a refused notice, then marks it as never delivered, with no clocks', async () => {
    const { notice: c8, events } = await notice('c8');
    expect(c8.status).toBe('delivery_failed');
    expect(c8.sentAt).toBeNull();
    expect(c8.clocks).toEqual({ acknowledgement: null, decision: null });
    expect(jobFailures).toEqual(
      Array(2).fill('notices.deliver: the platform refused the notice with HTTP 503'),
    );
    expect((events as Json[]).at(-1)).toMatchObject({
      type: 'delivery_failed',
      data: { error: 'the platform refused the notice with HTTP 503', attempts: 3 },
    });
  });
});

describe('clocks', () => {
  const cases: [string, object, object][] = [
    [
      'c1',
      { state: 'met', metAt: base + 2 * H, dueAt: base + 24 * H },
      { state: 'met', metAt: base + 20 * H },
    ],
    [
      'c2',
      { state: 'met', metAt: base + 5 * H },
      { state: 'met', metAt: base + 72 * H, dueAt: base + 72 * H },
    ],
    ['c3', { state: 'met_late', lateByMs: 6 * H }, { state: 'met_late', lateByMs: 24 * H }],
    ['c4', { state: 'overdue', metAt: null }, { state: 'overdue', metAt: null }],
    ['c5', { state: 'overdue' }, { state: 'overdue' }],
    ['c6', { state: 'overdue' }, { state: 'overdue' }],
    ['c7', { state: 'met', metAt: base + H, dueAt: base + 48 * H }, { state: 'met', dueAt: base + 168 * H }],
  ];
  it.each(cases)('%s', async (key, acknowledgement, decision) => {
    const { clocks } = (await notice(key)).notice;
    expect(clocks.acknowledgement).toMatchObject(acknowledgement);
    expect(clocks.decision).toMatchObject(decision);
  });

  it('lists exactly the notices overdue at a given time, edges included', async () => {
    const overdueAt = async (asOf: number) =>
      ((await api('GET', `/api/v1/notices?overdue=true&asOf=${asOf}`)).body.notices as { id: string }[])
        .map((n) => Object.keys(ids).find((k) => ids[k] === n.id))
        .sort();
    expect(await overdueAt(base + 24 * H)).toEqual([]); // due, not yet overdue
    expect(await overdueAt(base + 24 * H + 1)).toEqual(['c3', 'c4', 'c5', 'c6']);
    // At 72 h c3 was acknowledged (30 h) and its decision due exactly then: not yet overdue.
    expect(await overdueAt(base + 72 * H)).toEqual(['c4', 'c5', 'c6']);
    // One millisecond later it is; c2, decided at exactly 72 h, never was.
    expect(await overdueAt(base + 72 * H + 1)).toEqual(['c3', 'c4', 'c5', 'c6']);
    expect(await overdueAt(base + 100 * H)).toEqual(['c4', 'c5', 'c6']);
    expect(await overdueAt(base + 31 * D)).toEqual(['c4', 'c5', 'c6']);
  });

  it('recorded a reminder for each clock that ran out before the answer was known', async () => {
    const reminders: string[] = [];
    for (const key of Object.keys(ids)) {
      for (const e of (await notice(key)).events as { type: string; data: { clock: string } }[]) {
        if (e.type === 'reminder') reminders.push(`${key}:${e.data.clock}`);
      }
    }
    // c2's decision (stated for 72 h) was first seen by the poll at 79 h, after its reminder at 72 h + 1 ms.
    expect(reminders.sort()).toEqual(
      [
        'c2:decision',
        'c3:acknowledgement',
        'c3:decision',
        'c4:acknowledgement',
        'c4:decision',
        'c5:acknowledgement',
        'c5:decision',
        'c6:acknowledgement',
        'c6:decision',
      ].sort(),
    );
  });
});

describe('platform answers', () => {
  it('records decisions and statements of reasons at the times the platform stated', async () => {
    const { notice: c1 } = await notice('c1');
    expect([c1.decision, c1.decidedAt, c1.statementOfReasonsAt]).toEqual([
      'removed',
      base + 20 * H,
      base + 20 * H,
    ]);
    const { notice: c3, events } = await notice('c3');
    expect([c3.decision, c3.decidedAt, c3.acknowledgedAt]).toEqual([
      'rejected',
      base + 96 * H,
      base + 30 * H,
    ]);
    // Seen by the polls at 31 h and 103 h; dated as stated, recorded when seen.
    const ack = (events as Json[]).find((e) => e.type === 'acknowledged');
    expect([ack.at, ack.recordedAt]).toEqual([base + 30 * H, base + 31 * H]);
    const decision = (events as Json[]).find((e) => e.type === 'decision');
    expect([decision.at, decision.recordedAt]).toEqual([base + 96 * H, base + 103 * H]);
    const { notice: c6 } = await notice('c6');
    expect([c6.escalatedAt, c6.reversedAt, c6.decision]).toEqual([base + 8 * D, base + 9 * D, null]);
  });
});

describe('liveness', () => {
  const expected: Record<string, { online: boolean[]; goneAt: number | null }> = {
    c1: { online: [false, false, false], goneAt: base + 24 * H },
    c2: { online: [true, true, false], goneAt: base + 7 * D },
    c3: { online: [true, true, true], goneAt: null },
    c4: { online: [true, false, false], goneAt: base + 48 * H },
    c5: { online: [true, true, true], goneAt: null },
    c6: { online: [true, true, true], goneAt: null },
    c7: { online: [true, true, true], goneAt: null },
  };
  it.each(Object.entries(expected))('%s checked at +24 h, +48 h, +7 d', async (key, { online, goneAt }) => {
    const { notice: n, events } = await notice(key);
    const checks = (events as { type: string; at: number; data: { online: boolean } }[]).filter(
      (e) => e.type === 'liveness',
    );
    expect(checks.map((c) => c.at)).toEqual([base + 24 * H, base + 48 * H, base + 7 * D]);
    expect(checks.map((c) => c.data.online)).toEqual(online);
    expect(n.contentGoneAt).toBe(goneAt);
  });
});

describe('scorecard', () => {
  let card: Json;
  beforeAll(async () => {
    const response = await api('GET', `/api/v1/scorecards?from=${base}&format=csv`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    card = response.body;
  });

  // Worked out by hand from the scripts: sending at 0; acknowledgements c1 2 h, c2 5 h, c3 30 h,
  // c7 1 h; action times c1 20 h (decision), c2 72 h (decision), c4 48 h (liveness only),
  // c6 216 h (reversal), c7 10 h (decision); no response c4, c5; c8 never sent.
  const fig = (f: Partial<Record<string, number | null>>) => f;
  it('per platform × category × country × language', () => {
    expect(card.rows.map((r: Json) => [r.platform, r.category, r.country, r.language])).toEqual([
      ['fakebook', HATE, 'FR', 'fr'],
      ['fakebook', VIOLENCE, 'FR', 'fr'],
      ['mailhost', HATE, 'DE', 'de'],
    ]);
    expect(card.rows[0].figures).toEqual(
      fig({
        sent: 3,
        acknowledged: 3,
        acknowledgedShare: 1,
        medianMsToAcknowledgement: 5 * H,
        decided: 3,
        actioned: 2,
        actionedByLivenessOnly: 0,
        medianMsToAction: 46 * H,
        removedWithin24h: 1,
        removedWithin24hShare: 1 / 3,
        removedWithin7d: 2,
        removedWithin7dShare: 2 / 3,
        noResponse: 0,
        noResponseShare: 0,
        escalated: 0,
        reversedAfterEscalation: 0,
        reversalShare: null,
      }),
    );
    expect(card.rows[1].figures).toEqual(
      fig({
        sent: 3,
        acknowledged: 0,
        acknowledgedShare: 0,
        medianMsToAcknowledgement: null,
        decided: 0,
        actioned: 2,
        actionedByLivenessOnly: 1,
        medianMsToAction: 132 * H,
        removedWithin24h: 0,
        removedWithin24hShare: 0,
        removedWithin7d: 1,
        removedWithin7dShare: 1 / 3,
        noResponse: 2,
        noResponseShare: 2 / 3,
        escalated: 1,
        reversedAfterEscalation: 1,
        reversalShare: 1,
      }),
    );
    expect(card.rows[2].figures).toMatchObject({
      sent: 1,
      acknowledged: 1,
      medianMsToAcknowledgement: H,
      medianMsToAction: 10 * H,
      removedWithin24h: 1,
      noResponse: 0,
    });
  });

  it('per platform × channel × trusted-flagger status', () => {
    expect(card.channels.map((c: Json) => [c.platform, c.channel, c.trustedFlagger, c.figures.sent])).toEqual(
      [
        ['fakebook', 'api', true, 6],
        ['mailhost', 'email', false, 1],
      ],
    );
    expect(card.channels[0].figures).toEqual(card.platforms[0].figures);
  });

  it('per platform and overall', () => {
    expect(card.platforms.map((p: Json) => p.platform)).toEqual(['fakebook', 'mailhost']);
    expect(card.platforms[0].figures).toMatchObject({
      sent: 6,
      acknowledged: 3,
      acknowledgedShare: 0.5,
      medianMsToAcknowledgement: 5 * H,
      actioned: 4,
      medianMsToAction: 60 * H,
      removedWithin24h: 1,
      removedWithin7d: 3,
      noResponse: 2,
    });
    expect(card.overall).toEqual(
      fig({
        sent: 7,
        acknowledged: 4,
        acknowledgedShare: 4 / 7,
        medianMsToAcknowledgement: 3.5 * H,
        decided: 4,
        actioned: 5,
        actionedByLivenessOnly: 1,
        medianMsToAction: 48 * H,
        removedWithin24h: 2,
        removedWithin24hShare: 2 / 7,
        removedWithin7d: 4,
        removedWithin7dShare: 4 / 7,
        noResponse: 2,
        noResponseShare: 2 / 7,
        escalated: 1,
        reversedAfterEscalation: 1,
        reversalShare: 1,
      }),
    );
  });

  it('states its period and exclusions, and the CSV carries the same figures', () => {
    expect(card.excluded).toEqual({ unsent: 1 });
    expect(card.methodology).toContain(`from ${new Date(base).toISOString()} (inclusive)`);
    expect(card.methodology).toContain('Included: 7 notices. Excluded: 1 notices');
    const lines = (card.csv as string).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 2 + 2 + 1);
    const header = lines[0]!.split(',');
    const overall = lines.at(-1)!.split(',');
    expect(overall[header.indexOf('level')]).toBe('overall');
    expect(Number(overall[header.indexOf('medianMsToAction')])).toBe(48 * H);
    expect(Number(overall[header.indexOf('noResponse')])).toBe(2);
  });

  it('counts only what was known at asOf', async () => {
    // At 25 h: acknowledged c1 (2 h), c2 (5 h), c7 (1 h); actioned c1 (20 h), c7 (10 h); c3's 30 h not yet.
    const early = (await api('GET', `/api/v1/scorecards?from=${base}&asOf=${base + 25 * H}`)).body;
    expect(early.overall).toMatchObject({
      sent: 7,
      acknowledged: 3,
      actioned: 2,
      medianMsToAcknowledgement: 2 * H,
    });
  });
});

describe('platform callbacks', () => {
  const post = (headers: Record<string, string>, payload: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/platform-callbacks/${mailhostId}`,
      headers,
      payload: { payload },
    });
  const payload = () => JSON.stringify({ reference: refs.c7, acknowledgedAt: base + 2 * H });

  it('refuses a wrong signature and a stale timestamp', async () => {
    const now = String(Date.now());
    const wrong = await post(
      { 'x-vigie-timestamp': now, 'x-vigie-signature': signCallback('nope', now, payload()) },
      payload(),
    );
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'forbidden']);
    const old = String(Date.now() - 10 * 60_000);
    const stale = await post(
      { 'x-vigie-timestamp': old, 'x-vigie-signature': signCallback(mailhostSecret, old, payload()) },
      payload(),
    );
    expect(stale.statusCode).toBe(403);
  });

  it('a repeated callback changes nothing: the first acknowledgement stands', async () => {
    const now = String(Date.now());
    const again = await post(
      { 'x-vigie-timestamp': now, 'x-vigie-signature': signCallback(mailhostSecret, now, payload()) },
      payload(),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().recorded).toEqual([]);
    expect((await notice('c7')).notice.acknowledgedAt).toBe(base + H);
  });
});

describe('public scorecard', () => {
  it('is 404 until the organisation publishes it, then shows aggregates only', async () => {
    const url = `/api/v1/public/scorecards/${orgSlug}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const settings = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: adminHeaders,
      payload: { settings: { publishScorecard: true } },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const published = await t.app.inject({ method: 'GET', url });
    expect(published.statusCode).toBe(200);
    expect(published.json().overall.sent).toBe(7);
    expect(published.body).not.toContain('Contenu illicite');
    expect(published.body).not.toContain(ids.c1);
  });
});
