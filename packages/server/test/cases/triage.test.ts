import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCase, claimNextCase, CLAIM_TTL_MS } from '../../src/triage/claims.ts';
import { priorityOf } from '../../src/triage/priority.ts';
import { routeCase, type RoutableCase } from '../../src/triage/routing.ts';
import { addMember, type Member, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, moderatorActor, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;
let reviewer: Member;

beforeAll(async () => {
  ({
    t,
    org,
    members: [reviewer],
  } = await createReportingTestApp('Triage', ['reports:submit', 'cases:read', 'cases:manage'], {
    members: ['moderator'],
  }));
});
afterAll(async () => t?.close());

const db = () => t.database.storage.db;

/** Closes every case of the organisation, so that a queue offers only the cases reported next. */
async function closeAllCases() {
  await db()
    .updateTable('cases')
    .set({ status: 'closed' })
    .where('org_id', '=', org.organisation.id)
    .execute();
}

async function reportCase(body: Record<string, unknown> = notice()) {
  const response = await publicReport(t, org.organisation.slug, body);
  expect(response.statusCode, response.body).toBe(201);
  const row = await db()
    .selectFrom('reports')
    .select('case_id')
    .where('reference', '=', response.json().reference)
    .executeTakeFirstOrThrow();
  return db().selectFrom('cases').selectAll().where('id', '=', row.case_id).executeTakeFirstOrThrow();
}

async function apiReportCase(body: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: org.apiKeyHeaders,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return db()
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', response.json().caseId)
    .executeTakeFirstOrThrow();
}

async function queues() {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/queues', headers: org.admin.headers });
  expect(response.statusCode).toBe(200);
  return response.json().queues as {
    id: string;
    name: string;
    slaMs: number;
    open: number;
    overdue: number;
  }[];
}

describe('routing and SLA', () => {
  it('routes removal orders to a one-hour queue and trusted flaggers to a 24-hour queue', async () => {
    const order = await apiReportCase(notice({ notifierType: 'authority', removalOrder: true }));
    const flagged = await apiReportCase(notice({ notifierType: 'trusted_flagger' }));
    const ordinary = await reportCase();
    const byId = new Map((await queues()).map((q) => [q.id, q]));
    expect(byId.get(order.queue_id as string)?.name).toBe('Removal orders');
    expect(Number(order.due_at) - Number(order.opened_at)).toBe(3_600_000);
    expect(byId.get(flagged.queue_id as string)?.name).toBe('Trusted flaggers');
    expect(Number(flagged.due_at) - Number(flagged.opened_at)).toBe(24 * 3_600_000);
    expect(byId.get(ordinary.queue_id as string)?.name).toBe('General');
  });

  it('shows the reasons of a priority and ranks removal orders above ordinary notices', async () => {
    const base = {
      category: 'STATEMENT_CATEGORY_ANIMAL_WELFARE',
      reportCount: 1,
      matchCount: 0,
      escalated: false,
    };
    const order = priorityOf({ ...base, sourceType: 'removal_order', trustedFlagger: false });
    const plain = priorityOf({ ...base, sourceType: 'notice', trustedFlagger: false });
    const flagged = priorityOf({ ...base, sourceType: 'trusted_flagger', trustedFlagger: true });
    expect(order.priority).toBeGreaterThan(flagged.priority);
    expect(flagged.priority).toBeGreaterThan(plain.priority);
    expect(plain.reasons).toEqual([]);
    expect(order.reasons.map((r) => r.reason).join()).toMatch(/removal order/);
  });

  it('takes the first queue by position whose rule matches', () => {
    const c: RoutableCase = {
      category: 'STATEMENT_CATEGORY_VIOLENCE',
      language: 'de',
      country: 'DE',
      sourceType: 'notice',
      matchCount: 0,
      trustedFlagger: false,
      priority: 10,
    };
    const queues = [
      { name: 'catch-all', position: 100, rule: {} },
      { name: 'german', position: 5, rule: { languages: ['de'] } },
      {
        name: 'violence-fr',
        position: 1,
        rule: { categories: ['STATEMENT_CATEGORY_VIOLENCE'], countries: ['FR'] },
      },
    ];
    expect(routeCase(queues, c)?.name).toBe('german');
    expect(routeCase(queues, { ...c, language: 'fr', country: 'FR' })?.name).toBe('violence-fr');
    expect(routeCase(queues, { ...c, language: null })?.name).toBe('catch-all');
  });

  it('lists overdue cases, most overdue first', async () => {
    const order = await apiReportCase(notice({ notifierType: 'authority', removalOrder: true }));
    // Time travel: the case was opened two hours ago (its one-hour SLA has passed).
    await db()
      .updateTable('cases')
      .set({ opened_at: Date.now() - 7_200_000, due_at: Date.now() - 3_600_000 })
      .where('id', '=', order.id)
      .execute();
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?overdue=true',
      headers: org.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const overdue = response.json().cases as { id: string; dueAt: number }[];
    expect(overdue.map((c) => c.id)).toContain(order.id);
    expect(overdue.every((c) => c.dueAt < Date.now())).toBe(true);
    const stats = (await queues()).find((q) => q.name === 'Removal orders');
    expect(stats?.overdue).toBeGreaterThanOrEqual(1);
  });

  it('lets a manager add a queue that takes matching cases from then on', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/queues',
      headers: org.admin.headers,
      payload: { name: 'Arabic', position: 50, rule: { languages: ['ar'] }, slaMs: 12 * 3_600_000 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const kase = await reportCase(notice({ language: 'ar' }));
    expect(kase.queue_id).toBe(created.json().queue.id);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/queues',
      headers: org.admin.headers,
      payload: { name: 'Bad', position: 1, rule: { colour: 'red' }, slaMs: 3_600_000 },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('claims', () => {
  it('is exclusive until the claim times out', async () => {
    const other = await addMember(t, org.organisation, 'moderator');
    const kase = await reportCase();
    const now = Date.now();
    await db()
      .transaction()
      .execute((trx) => claimCase(trx, moderatorActor(reviewer), kase.id, null, now));
    await expect(
      db()
        .transaction()
        .execute((trx) => claimCase(trx, moderatorActor(other), kase.id, null, now + 1000)),
    ).rejects.toMatchObject({ code: 'case_claimed' });
    const later = now + CLAIM_TTL_MS + 1;
    const taken = await db()
      .transaction()
      .execute((trx) => claimCase(trx, moderatorActor(other), kase.id, null, later));
    expect(taken.assignedTo).toBe(other.user.id);
  });

  it('skip keeps the case away from the reviewer who skipped it', async () => {
    const { id: queueId } = (await queues()).find((q) => q.name === 'General') as { id: string };
    // Drain the queue so only our case is waiting.
    await closeAllCases();
    const kase = await reportCase(notice({ language: 'en' }));
    const next = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queues/${queueId}/next`,
      headers: reviewer.headers,
    });
    expect(next.json().case.id).toBe(kase.id);
    const skip = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/release`,
      headers: reviewer.headers,
      payload: { skip: true },
    });
    expect(skip.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queues/${queueId}/next`,
      headers: reviewer.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().case).toBeNull();
  });

  it('offers a case first to reviewers who read its language', async () => {
    const { id: queueId } = (await queues()).find((q) => q.name === 'General') as { id: string };
    await closeAllCases();
    const polish = await addMember(t, org.organisation, 'moderator', ['pl']);
    const french = await addMember(t, org.organisation, 'moderator');
    // The Polish case is more urgent (child protection), the French one ordinary.
    const plCase = await reportCase(
      notice({ language: 'pl', category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', keywords: [] }),
    );
    const frCase = await reportCase(notice({ language: 'fr' }));
    const now = Date.now();
    const frenchNext = await db()
      .transaction()
      .execute((trx) => claimNextCase(trx, moderatorActor(french), ['fr', 'en'], queueId, null, now));
    expect(frenchNext?.id).toBe(frCase.id);
    const polishNext = await db()
      .transaction()
      .execute((trx) => claimNextCase(trx, moderatorActor(polish), ['pl'], queueId, null, now));
    expect(polishNext?.id).toBe(plCase.id);
  });

  it('gives a case in a language nobody free reads to others after a grace period', async () => {
    const { id: queueId, slaMs } = (await queues()).find((q) => q.name === 'General') as {
      id: string;
      slaMs: number;
    };
    await closeAllCases();
    await addMember(t, org.organisation, 'moderator', ['pl']);
    const french = await addMember(t, org.organisation, 'moderator');
    const plCase = await reportCase(notice({ language: 'pl' }));
    const now = Date.now();
    const before = await db()
      .transaction()
      .execute((trx) => claimNextCase(trx, moderatorActor(french), ['fr'], queueId, null, now));
    expect(before).toBeNull();
    const after = await db()
      .transaction()
      .execute((trx) =>
        claimNextCase(trx, moderatorActor(french), ['fr'], queueId, null, now + slaMs / 4 + 1),
      );
    expect(after?.id).toBe(plCase.id);
  });
});
