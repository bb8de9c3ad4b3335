/**
 * The overdue list is a SQL query over the projection; the clocks are computed in TypeScript. This
 * checks that both agree for random notices at many instants (including exact due times).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { isOverdue, noticeClocks } from '../../src/notices/clocks.ts';
import { listNotices } from '../../src/notices/notices.ts';
import type { NoticeTable } from '../../src/notices/tables.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const H = 3_600_000;
let database: TestDatabase;
let orgId = '';
const rows: NoticeTable[] = [];

const maybeAfter = (from: number, spanH: number) =>
  fc.option(fc.integer({ min: 0, max: spanH }).map((h) => from + h * H));

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.storage.db;
  orgId = (await createOrganisation(db, { name: 'Overdue' })).id;
  await db
    .insertInto('platforms')
    .values({
      id: 'p',
      org_id: orgId,
      slug: 'p',
      name: 'P',
      hosts: '[]',
      countries: '[]',
      languages: '[]',
      channels: '[]',
      callback_secret_sealed: '',
      created_at: 0,
      updated_at: 0,
    })
    .execute();
  const notice = fc
    .record({
      sent: fc.option(
        fc.integer({ min: 0, max: 100 }).map((h) => h * H),
        { freq: 5 },
      ),
    })
    .chain(({ sent }) =>
      fc.record({
        sent: fc.constant(sent),
        ackWithin: fc.integer({ min: 1, max: 48 }),
        decisionWithin: fc.integer({ min: 48, max: 120 }),
        ack: sent === null ? fc.constant(null) : maybeAfter(sent, 100),
        decided: sent === null ? fc.constant(null) : maybeAfter(sent, 200),
        closed: sent === null ? fc.constant(null) : maybeAfter(sent, 300),
      }),
    );
  const samples = fc.sample(notice, { numRuns: 150, seed: 20261122 });
  samples.forEach((n, i) => {
    rows.push({
      id: `n${i}`,
      org_id: orgId,
      reference: `N-${i}`,
      platform_id: 'p',
      platform_slug: 'p',
      case_id: null,
      study_id: null,
      channel: 'email',
      channel_address: 'x',
      legal_basis: 'x',
      trusted_flagger: 0,
      category: 'c',
      country: null,
      language: null,
      body: 'x',
      items: '[]',
      status: n.closed !== null ? 'closed' : n.sent === null ? 'pending_delivery' : 'sent',
      sent_at: n.sent,
      ack_within_ms: n.ackWithin * H,
      decision_within_ms: n.decisionWithin * H,
      ack_due_at: n.sent === null ? null : n.sent + n.ackWithin * H,
      decision_due_at: n.sent === null ? null : n.sent + n.decisionWithin * H,
      acknowledged_at: n.ack,
      decision: n.decided === null ? null : 'removed',
      decided_at: n.decided,
      sor_received_at: null,
      escalated_at: null,
      reversed_at: null,
      content_gone_at: null,
      closed_at: n.closed,
      external_id: null,
      created_by: 'test',
      created_at: 0,
      updated_at: 0,
      last_seq: 0,
    });
  });
  await db.insertInto('notices').values(rows).execute();
});
afterAll(async () => database?.drop());

describe('overdue list', () => {
  it('holds exactly the notices whose clocks say overdue, at every instant tried', async () => {
    // Every due time, one millisecond either side, and hourly instants.
    const instants = new Set<number>();
    for (const r of rows) {
      for (const due of [r.ack_due_at, r.decision_due_at]) {
        if (due !== null) [due - 1, due, due + 1].forEach((t) => instants.add(t));
      }
    }
    for (let h = 0; h <= 400; h += 7) instants.add(h * H);
    let nonEmpty = 0;
    for (const asOf of instants) {
      const listed = (await listNotices(database.storage.db, orgId, { overdue: true, limit: 500 }, asOf))
        .map((n) => n.id)
        .sort();
      const expected = rows
        .filter((r) => isOverdue(noticeClocks(r, asOf)))
        .map((r) => r.id)
        .sort();
      expect(listed, `asOf ${asOf}`).toEqual(expected);
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });
});
