import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseFromMatch } from '../../src/cases/jobs.ts';
import type { Job } from '../../src/jobs/outbox.ts';
import { createTestOrganisation, type Member, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, decisionFields, moderatorActor, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;
let alice: Member;
let bruno: Member;

beforeAll(async () => {
  ({
    t,
    org,
    members: [alice, bruno],
  } = await createReportingTestApp('Cases', ['reports:submit', 'cases:read'], {
    members: ['moderator', 'moderator'],
  }));
});
afterAll(async () => t?.close());

const db = () => t.database.storage.db;

async function caseOfReference(reference: string) {
  const report = await db()
    .selectFrom('reports')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return report.case_id;
}

async function getCase(caseId: string, headers = alice.headers) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function decide(caseId: string, body: Record<string, unknown>, headers = alice.headers) {
  return t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/decisions`, headers, payload: body });
}

describe('grouping', () => {
  it('joins reports about the same canonical URL into one case', async () => {
    const first = await publicReport(
      t,
      org.organisation.slug,
      notice({ url: 'https://Social.Example/p/42?utm_source=x' }),
    );
    const second = await publicReport(
      t,
      org.organisation.slug,
      notice({ url: 'https://social.example/p/42/' }),
    );
    const third = await publicReport(
      t,
      org.organisation.slug,
      notice({ url: 'https://social.example/p/43' }),
    );
    const [a, b, c] = await Promise.all(
      [first, second, third].map((r) => caseOfReference(r.json().reference)),
    );
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const detail = await getCase(a as string);
    expect(detail.case.reportCount).toBe(2);
    expect(detail.reports).toHaveLength(2);
  });

  it('joins reports whose attachments have the same exact hash, whatever the URL', async () => {
    const data = Buffer.from(`same file ${Math.random()}`).toString('base64');
    const attachments = [{ filename: 'x.txt', mediaType: 'text/plain', data }];
    const first = await publicReport(t, org.organisation.slug, notice({ attachments }));
    const second = await publicReport(t, org.organisation.slug, notice({ attachments }));
    expect(await caseOfReference(first.json().reference)).toBe(
      await caseOfReference(second.json().reference),
    );
  });

  it('files a bank match into the open case of the same URL with a matched event', async () => {
    const url = `https://video.example/v/${Math.random().toString(36).slice(2)}`;
    const report = await publicReport(t, org.organisation.slug, notice({ url }));
    const caseId = await caseOfReference(report.json().reference);
    const job = {
      id: 'job-1',
      payload: {
        orgId: org.organisation.id,
        content: { url, hashes: { sha256: 'ab'.repeat(32) } },
        matches: [{ bankId: 'bank-1', entryId: 'entry-1', distance: 0, labels: ['gifct:glorification'] }],
      },
    } as unknown as Job;
    const effects = await openCaseFromMatch(job, db());
    await db()
      .transaction()
      .execute(async (trx) => effects && (await effects(trx)));
    const detail = await getCase(caseId);
    expect(detail.case.matchCount).toBe(1);
    expect(detail.events.map((e: { type: string }) => e.type)).toContain('matched');
    expect(detail.case.priorityReasons.map((r: { reason: string }) => r.reason)).toContain(
      'matches a hash bank',
    );
  });

  it('opens a new case for content whose case is already decided', async () => {
    const url = `https://social.example/decided/${Math.random().toString(36).slice(2)}`;
    const first = await publicReport(t, org.organisation.slug, notice({ url }));
    const caseId = await caseOfReference(first.json().reference);
    expect((await decide(caseId, { action: 'no_action' })).statusCode).toBe(201);
    const second = await publicReport(t, org.organisation.slug, notice({ url }));
    const newCaseId = await caseOfReference(second.json().reference);
    expect(newCaseId).not.toBe(caseId);
    const detail = await getCase(newCaseId);
    expect(detail.events[0].data.previousCaseId).toBe(caseId);
  });
});

describe('event log and projection', () => {
  it('records every change as an event and keeps the projection in step', async () => {
    const report = await publicReport(t, org.organisation.slug);
    const caseId = await caseOfReference(report.json().reference);
    const claim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/claim`,
      headers: alice.headers,
    });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().case.assignedTo).toBe(alice.user.id);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/notes`,
      headers: alice.headers,
      payload: { text: 'checked the account history', visibility: 'internal' },
    });
    const decided = await decide(caseId, { action: 'remove', fields: decisionFields() });
    expect(decided.statusCode, decided.body).toBe(201);
    const detail = await getCase(caseId);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'reported',
      'routed',
      'assigned',
      'note',
      'decided',
      'notified',
    ]);
    expect(detail.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(detail.case.status).toBe('decided');
    expect(detail.case.assignedTo).toBeNull();
    expect(detail.case.decisionId).toBe(decided.json().decision.id);
    const row = await db()
      .selectFrom('cases')
      .select('last_seq')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(6);
  });

  it('refuses to change or delete an event, even directly in the database', async () => {
    const event = await db().selectFrom('case_events').select('id').executeTakeFirstOrThrow();
    await expect(
      db().updateTable('case_events').set({ type: 'closed' }).where('id', '=', event.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('case_events').where('id', '=', event.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('decisions', () => {
  it('refuses a restrictive decision without valid statement-of-reasons fields, naming the field', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    const missing = await decide(caseId, { action: 'remove' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('body.fields');
    const bad = await decide(caseId, {
      action: 'remove',
      fields: decisionFields({ territorialScope: ['US'] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^body\.fields\.territorialScope/);
  });

  it('adds the action’s own restriction to the fields', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    const fields = decisionFields({ restrictions: {} });
    const response = await decide(caseId, { action: 'suspend_account', fields });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().decision.fields.restrictions.account.type).toBe('DECISION_ACCOUNT_SUSPENDED');
  });

  it('never edits a decision: a second decision is refused and the row cannot be updated', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    const first = await decide(caseId, { action: 'label', fields: decisionFields() });
    expect(first.statusCode).toBe(201);
    const again = await decide(caseId, { action: 'remove', fields: decisionFields() });
    expect(again.statusCode).toBe(409);
    const id = first.json().decision.id as string;
    await expect(
      db().updateTable('decisions').set({ action: 'remove' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(db().deleteFrom('decisions').where('id', '=', id).execute()).rejects.toThrow(/immutable/);
  });

  it('refuses to decide a case another reviewer holds', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/claim`, headers: alice.headers });
    const response = await decide(caseId, { action: 'no_action' }, bruno.headers);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('case_claimed');
  });
});

describe('appeals', () => {
  async function decidedCase() {
    const report = await publicReport(t, org.organisation.slug);
    const reference = report.json().reference as string;
    const caseId = await caseOfReference(reference);
    const decided = await decide(caseId, { action: 'remove', fields: decisionFields() });
    expect(decided.statusCode).toBe(201);
    return { reference, caseId, decisionId: decided.json().decision.id as string };
  }

  async function appeal(token: string) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      payload: { token, grounds: 'The post was satire and quoted a news article.' },
    });
  }

  it('lets the reporter appeal with their reference; the same reviewer cannot decide it; another reverses', async () => {
    const { reference, caseId, decisionId } = await decidedCase();
    const submitted = await appeal(reference);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const again = await appeal(reference);
    expect(again.json().appealId).toBe(submitted.json().appealId);
    const appealId = submitted.json().appealId as string;

    const same = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealId}/decision`,
      headers: alice.headers,
      payload: { outcome: 'upheld', statement: 'The removal stands.' },
    });
    expect(same.statusCode).toBe(403);
    expect(same.json().error.code).toBe('same_reviewer');

    const reversed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealId}/decision`,
      headers: bruno.headers,
      payload: { outcome: 'reversed', statement: 'Satire is allowed; the post is restored.' },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const newDecision = reversed.json().newDecision;
    expect(newDecision.action).toBe('no_action');
    const old = await db()
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    expect(old.superseded_by).toBe(newDecision.id);
    expect(old.action).toBe('remove');
    const detail = await getCase(caseId);
    expect(detail.events.map((e: { type: string }) => e.type)).toContain('reversed');
    expect(detail.case.decisionId).toBe(newDecision.id);
  });

  it('lets the affected party appeal with the token of their statement of reasons, and upholds', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    const { decideCase } = await import('../../src/cases/decisions.ts');
    const outcome = await db()
      .transaction()
      .execute((trx) =>
        decideCase(trx, moderatorActor(alice), caseId, { action: 'remove', fields: decisionFields() }, null),
      );
    expect(outcome.appealToken).toMatch(/^VA-/);
    const stored = await db()
      .selectFrom('appeal_tokens')
      .selectAll()
      .where('decision_id', '=', outcome.decision.id)
      .execute();
    expect(JSON.stringify(stored)).not.toContain(outcome.appealToken as string);
    expect((await appeal('VA-not-a-real-token')).statusCode).toBe(404);
    const submitted = await appeal(outcome.appealToken as string);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const appealRow = await db()
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', submitted.json().appealId)
      .executeTakeFirstOrThrow();
    expect(appealRow.role).toBe('affected_recipient');
    const upheld = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealRow.id}/decision`,
      headers: bruno.headers,
      payload: { outcome: 'upheld', statement: 'The post glorifies an attack; the removal stands.' },
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().newDecision).toBeNull();
    const detail = await getCase(caseId);
    expect(detail.case.status).toBe('decided');
    expect(detail.case.decisionId).toBe(outcome.decision.id);
    expect(detail.events.map((e: { type: string }) => e.type)).toContain('upheld');
  });

  it('refuses an appeal after the six-month window', async () => {
    const { reference } = await decidedCase();
    const { submitAppeal } = await import('../../src/cases/appeals.ts');
    const sevenMonths = Date.now() + 214 * 86_400_000;
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          submitAppeal(trx, { token: reference, grounds: 'too late but trying' }, null, sevenMonths),
        ),
    ).rejects.toMatchObject({ code: 'appeal_window_closed' });
  });
});

describe('organisations', () => {
  it('another organisation can neither read nor act on a case', async () => {
    const caseId = await caseOfReference((await publicReport(t, org.organisation.slug)).json().reference);
    const other = await createTestOrganisation(t, 'Other', ['cases:read', 'cases:review']);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/cases/${caseId}`, undefined],
      ['POST', `/api/v1/cases/${caseId}/claim`, undefined],
      ['POST', `/api/v1/cases/${caseId}/notes`, { text: 'x', visibility: 'public' }],
      ['POST', `/api/v1/cases/${caseId}/decisions`, { action: 'no_action' }],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: other.admin.headers,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await getCase(caseId)).events.map((e: { type: string }) => e.type)).toEqual([
      'reported',
      'routed',
    ]);
  });
});

describe('public status page', () => {
  it('shows progress, public notes and the outcome, but never what happened before the report', async () => {
    const url = `https://social.example/status/${Math.random().toString(36).slice(2)}`;
    const first = await publicReport(t, org.organisation.slug, notice({ url }));
    const caseId = await caseOfReference(first.json().reference);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/notes`,
      headers: alice.headers,
      payload: { text: 'We are looking at the first report.', visibility: 'public' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/notes`,
      headers: alice.headers,
      payload: { text: 'internal: the account is a known troll', visibility: 'internal' },
    });
    const second = await publicReport(t, org.organisation.slug, notice({ url }));
    expect(await caseOfReference(second.json().reference)).toBe(caseId);

    const statusOf = async (reference: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${reference}` });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const firstStatus = await statusOf(first.json().reference);
    const secondStatus = await statusOf(second.json().reference);
    expect(firstStatus.notes.map((n: { text: string }) => n.text)).toEqual([
      'We are looking at the first report.',
    ]);
    // The second reporter cannot tell that someone reported the same content before.
    expect(secondStatus.notes).toEqual([]);
    expect(secondStatus.status).toBe('received');
    expect(JSON.stringify(secondStatus)).not.toContain(first.json().reference);
    expect(JSON.stringify(firstStatus)).not.toContain('troll');
    expect(Object.keys(secondStatus).sort()).toEqual([
      'appeal',
      'notes',
      'outcome',
      'receivedAt',
      'reference',
      'status',
    ]);

    expect(
      (await decide(caseId, { action: 'remove', fields: decisionFields(), statement: 'Removed.' }))
        .statusCode,
    ).toBe(201);
    const decided = await statusOf(second.json().reference);
    expect(decided.status).toBe('decided');
    expect(decided.outcome.action).toBe('remove');
    expect(decided.notes.map((n: { text: string }) => n.text)).toEqual(['Removed.']);
    expect(decided.appeal.open).toBe(true);
    expect(decided.appeal.deadline).toBeGreaterThan(Date.now() + 180 * 86_400_000);
  });

  it('answers the same 404 for unknown and malformed references', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/reports/VR-0000-0000-0000-0000',
    });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/public/reports/hello' });
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe(malformed.json().error.code);
    expect(unknown.json().error.message).toBe(malformed.json().error.message);
  });
});
