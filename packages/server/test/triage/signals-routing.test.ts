/**
 * Routing by classifier score and by incident (crisis protocol), and default queues created with the
 * organisation so that reading the queues writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priorityOf } from '../../src/triage/priority.ts';
import { routeCase, ruleMatches, type RoutableCase } from '../../src/triage/routing.ts';
import { createTestOrganisation, type Member, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, notice } from '../cases/support.ts';

let t: TestApp;
let org: TestOrganisation;
let reviewer: Member;

beforeAll(async () => {
  ({
    t,
    org,
    members: [reviewer],
  } = await createReportingTestApp('Signals', ['reports:submit', 'cases:read', 'cases:manage'], {
    members: ['moderator'],
  }));
});
afterAll(async () => t?.close());

async function call(method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const response = await t.app.inject({ method, url, headers: org.apiKeyHeaders, payload });
  return { status: response.statusCode, body: response.json() };
}

async function reportCase(overrides: Record<string, unknown> = {}) {
  const reported = await call('POST', '/api/v1/reports', notice(overrides));
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  return (await call('GET', `/api/v1/cases/${reported.body.caseId as string}`)).body.case as {
    id: string;
    queueId: string;
    priority: number;
    priorityReasons: { reason: string; weight: number }[];
    classifierScore: number | null;
    incidentId: string | null;
  };
}

const getCase = async (id: string) => (await call('GET', `/api/v1/cases/${id}`)).body.case;

async function createQueue(name: string, position: number, rule: Record<string, unknown>, slaMs = 3_600_000) {
  const created = await call('POST', '/api/v1/queues', { name, position, rule, slaMs });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.queue as { id: string };
}

const base: RoutableCase = {
  category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  language: 'fr',
  country: 'FR',
  sourceType: 'notice',
  matchCount: 0,
  trustedFlagger: false,
  priority: 10,
};

describe('routing rules on classifier score and incident', () => {
  it('match a minimum score only when the case was classified that high', () => {
    const rule = { minClassifierScore: 0.8 };
    expect(ruleMatches(rule, base)).toBe(false);
    expect(ruleMatches(rule, { ...base, classifierScore: 0.79 })).toBe(false);
    expect(ruleMatches(rule, { ...base, classifierScore: 0.8 })).toBe(true);
    expect(ruleMatches({ incident: true }, base)).toBe(false);
    expect(ruleMatches({ incident: true }, { ...base, incident: { id: 'i', queueId: null } })).toBe(true);
    expect(ruleMatches({ incident: false }, { ...base, incident: { id: 'i', queueId: null } })).toBe(false);
  });

  it("send an incident's cases to its queue ahead of every rule", () => {
    const queues = [
      { id: 'general', position: 100, rule: {} },
      { id: 'crisis', position: 500, rule: { categories: ['nothing'] } },
    ];
    expect(routeCase(queues, base)?.id).toBe('general');
    expect(routeCase(queues, { ...base, incident: { id: 'i', queueId: 'crisis' } })?.id).toBe('crisis');
    // An incident without a queue leaves routing to the rules.
    expect(routeCase(queues, { ...base, incident: { id: 'i', queueId: null } })?.id).toBe('general');
  });

  it('name the incident and the classifier score among the priority reasons', () => {
    const input = {
      category: base.category,
      sourceType: 'notice',
      trustedFlagger: false,
      reportCount: 1,
      matchCount: 0,
      escalated: false,
    };
    const plain = priorityOf(input);
    const raised = priorityOf({
      ...input,
      classifierScore: 0.9,
      incident: { name: 'Attack video', weight: 60 },
    });
    expect(raised.priority).toBe(plain.priority + 60 + 18);
    expect(raised.reasons.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        'linked to incident "Attack video" (crisis protocol)',
        'classifier score 0.90',
      ]),
    );
    expect(priorityOf({ ...input, classifierScore: 0.3 }).priority).toBe(plain.priority);
  });
});

describe('classification of a case', () => {
  it('routes a case again when a classifier scores it above a queue minimum', async () => {
    const likely = await createQueue('Likely violations', 50, { minClassifierScore: 0.8 });
    const kase = await reportCase();
    expect(kase.queueId).not.toBe(likely.id);
    expect(kase.classifierScore).toBeNull();

    const low = await call('POST', `/api/v1/cases/${kase.id}/classifications`, {
      classifier: 'platform-hate@3',
      score: 0.4,
    });
    expect(low.status, JSON.stringify(low.body)).toBe(201);
    expect(low.body.case.queueId).toBe(kase.queueId);

    const high = await call('POST', `/api/v1/cases/${kase.id}/classifications`, {
      classifier: 'vigie-builtin',
      score: 0.93,
      label: 'hate',
    });
    expect(high.body.case).toMatchObject({ queueId: likely.id, classifierScore: expect.closeTo(0.93, 5) });
    expect(high.body.case.priority).toBeGreaterThan(kase.priority);
    expect(high.body.case.priorityReasons.map((r: { reason: string }) => r.reason)).toContain(
      'classifier score 0.93',
    );
    // A lower score later does not lower the case's score.
    const later = await call('POST', `/api/v1/cases/${kase.id}/classifications`, {
      classifier: 'platform-hate@3',
      score: 0.1,
    });
    expect(later.body.case).toMatchObject({ queueId: likely.id, classifierScore: expect.closeTo(0.93, 5) });
    const events = (await call('GET', `/api/v1/cases/${kase.id}`)).body.events as { type: string }[];
    expect(events.filter((e) => e.type === 'classified')).toHaveLength(3);

    const bad = await call('POST', `/api/v1/cases/${kase.id}/classifications`, {
      classifier: 'x',
      score: 1.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.score');
    const byModerator = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/classifications`,
      headers: reviewer.headers,
      payload: { classifier: 'x', score: 0.9 },
    });
    expect(byModerator.statusCode).toBe(403);
  });
});

describe('incidents (crisis protocol)', () => {
  it('links open and new cases about its content to its queue with raised priority, until it ends', async () => {
    const crisis = await createQueue('Crisis: attack video', 900, { categories: ['none'] });
    const url = `https://video.example/watch?v=${Math.random().toString(36).slice(2)}`;
    const before = await reportCase({ url });
    expect(before.queueId).not.toBe(crisis.id);

    const declared = await call('POST', '/api/v1/incidents', {
      name: 'Attack livestream',
      queueId: crisis.id,
      urls: [`${url}&utm_source=share`],
      hashes: [{ kind: 'sha256', value: 'ab'.repeat(32) }],
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    expect(declared.body.linkedCases).toBe(1);
    const incidentId = declared.body.incident.id as string;

    const linked = await getCase(before.id);
    expect(linked).toMatchObject({ incidentId, queueId: crisis.id });
    expect(linked.priority).toBe(before.priority + 60);
    expect(linked.priorityReasons).toContainEqual({
      reason: 'linked to incident "Attack livestream" (crisis protocol)',
      weight: 60,
    });

    // A new report about the incident's content is routed to its queue at intake.
    const other = `${url}&t=30`;
    const declaredAgain = await call('POST', '/api/v1/incidents', {
      name: 'Second wave',
      queueId: crisis.id,
      priorityWeight: 80,
      urls: [other],
    });
    expect(declaredAgain.body.linkedCases).toBe(0);
    const fresh = await reportCase({ url: other, category: 'STATEMENT_CATEGORY_ANIMAL_WELFARE' });
    expect(fresh).toMatchObject({ incidentId: declaredAgain.body.incident.id, queueId: crisis.id });
    expect(fresh.priorityReasons).toContainEqual({
      reason: 'linked to incident "Second wave" (crisis protocol)',
      weight: 80,
    });
    const unrelated = await reportCase();
    expect(unrelated.incidentId).toBeNull();

    // Ending the incident routes its cases by the ordinary rules again.
    const ended = await call('POST', `/api/v1/incidents/${incidentId}/end`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.incident.endedAt).toEqual(expect.any(Number));
    const after = await getCase(before.id);
    expect(after.queueId).toBe(before.queueId);
    expect(after.priority).toBe(before.priority);
    const listed = (await call('GET', '/api/v1/incidents')).body.incidents as {
      id: string;
      endedAt: number | null;
    }[];
    expect(listed.find((i) => i.id === incidentId)?.endedAt).not.toBeNull();
    expect((await call('POST', `/api/v1/incidents/${incidentId}/end`)).status).toBe(409);
  });

  it('lists each incident with its linked cases and how many are still open', async () => {
    const run = Math.random().toString(36).slice(2);
    const first = await reportCase({ url: `https://clips.example/${run}/1` });
    await reportCase({ url: `https://clips.example/${run}/2` });
    const declared = await call('POST', '/api/v1/incidents', {
      name: 'Counted',
      urls: [`https://clips.example/${run}/1`, `https://clips.example/${run}/2`],
    });
    expect(declared.body.linkedCases).toBe(2);
    const quiet = await call('POST', '/api/v1/incidents', {
      name: 'Quiet',
      urls: [`https://clips.example/${run}/3`],
    });
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${first.id}/decisions`,
      headers: reviewer.headers,
      payload: { action: 'no_action' },
    });
    expect(decided.statusCode, decided.body).toBe(201);

    const listed = (await call('GET', '/api/v1/incidents')).body.incidents as {
      id: string;
      linkedCases: number;
      openCases: number;
    }[];
    expect(listed.find((i) => i.id === declared.body.incident.id)).toMatchObject({
      linkedCases: 2,
      openCases: 1,
    });
    expect(listed.find((i) => i.id === quiet.body.incident.id)).toMatchObject({
      linkedCases: 0,
      openCases: 0,
    });

    // The case list gives an incident's cases, alone or with other filters.
    const casesOf = async (query: string) =>
      ((await call('GET', `/api/v1/cases?${query}`)).body.cases as { id: string }[]).map((c) => c.id);
    const linkedIds = await casesOf(`incidentId=${declared.body.incident.id}`);
    expect(linkedIds).toHaveLength(2);
    expect(linkedIds).toContain(first.id);
    expect(await casesOf(`incidentId=${declared.body.incident.id}&status=open`)).toHaveLength(1);
    expect(await casesOf(`incidentId=${quiet.body.incident.id}`)).toEqual([]);
  });

  it('refuses an incident without content and a queue of another organisation', async () => {
    const empty = await call('POST', '/api/v1/incidents', { name: 'Nothing' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('body.urls');
    const badHash = await call('POST', '/api/v1/incidents', {
      name: 'Bad',
      hashes: [{ kind: 'md5', value: 'xyz' }],
    });
    expect(badHash.status).toBe(400);
    expect(badHash.body.error.field).toMatch(/^body\.hashes\.0/);
    const other = await createTestOrganisation(t, 'Other', ['cases:manage']);
    const theirQueue = (
      await t.app.inject({ method: 'GET', url: '/api/v1/queues', headers: other.admin.headers })
    ).json().queues[0].id as string;
    const foreign = await call('POST', '/api/v1/incidents', {
      name: 'Foreign',
      queueId: theirQueue,
      urls: ['https://example.org/x'],
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.field).toBe('body.queueId');
  });
});

describe('default queues', () => {
  it('exist from the creation of the organisation, so reading them writes nothing', async () => {
    const fresh = await createTestOrganisation(t, 'Fresh', ['cases:read']);
    const db = t.database.storage.db;
    const audit = async () =>
      (await db.selectFrom('audit_log').select('seq').where('org_id', '=', fresh.organisation.id).execute())
        .length;
    const queuesInDb = await db
      .selectFrom('queues')
      .select('name')
      .where('org_id', '=', fresh.organisation.id)
      .execute();
    expect(queuesInDb.map((q) => q.name).sort()).toEqual([
      'General',
      'Hash matches',
      'Removal orders',
      'Trusted flaggers',
    ]);
    const entriesBefore = await audit();
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/queues', headers: fresh.apiKeyHeaders });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().queues.map((q: { name: string }) => q.name)).toEqual([
      'Removal orders',
      'Trusted flaggers',
      'Hash matches',
      'General',
    ]);
    expect(await audit()).toBe(entriesBefore);
    // Created with the organisation, and recorded in its audit entry.
    const created = await db
      .selectFrom('audit_log')
      .select('details')
      .where('org_id', '=', fresh.organisation.id)
      .where('action', '=', 'organisation.create')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(created.details)).toContain('Trusted flaggers');
  });
});
