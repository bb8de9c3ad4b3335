/**
 * The batch writer of intake (one statement on PostgreSQL, one per table on SQLite): a joined case
 * changed since it was read refuses the batch, a suspended notifier refuses it, and the rows of a
 * batch are all written, joins included. Runs on the dialect the test run selects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../src/cases/batch-writes.ts';
import { fileIntoCases, planFilings, type Filing } from '../../src/cases/grouping.ts';
import { noticeCounts } from '../../src/cases/misuse.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await createOrganisation(database.storage.db, { name: 'Batch writes' })).id;
});
afterAll(async () => database?.drop());

const filing = (url: string): Filing => ({
  keys: [{ kind: 'url', value: url }],
  attributes: {
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    language: 'fr',
    country: 'FR',
    url,
    canonicalUrl: url,
    sourceType: 'notice',
    trustedFlagger: false,
  },
  reports: 1,
  matches: 0,
  events: [{ type: 'reported', data: {} }],
});

const request = (url: string) => ({
  actor: systemActor(orgId, 'test'),
  filing: filing(url),
  now: Date.now(),
});

describe('writeBatch', () => {
  it('writes new cases, joins existing ones and repoints keys in one batch', async () => {
    const db = database.storage.db;
    const [first] = await fileIntoCases(db, [request('https://social.example/a')]);
    const filed = await fileIntoCases(db, [
      request('https://social.example/a'),
      request('https://social.example/b'),
      request('https://social.example/b'),
    ]);
    expect(filed.map((f) => f.joined)).toEqual([true, false, true]);
    expect(filed[0]?.caseId).toBe(first?.caseId);
    expect(filed[2]?.caseId).toBe(filed[1]?.caseId);
    const cases = await db
      .selectFrom('cases')
      .select(['id', 'report_count', 'last_seq'])
      .where('org_id', '=', orgId)
      .execute();
    const joined = cases.find((c) => c.id === first?.caseId);
    const opened = cases.find((c) => c.id === filed[1]?.caseId);
    expect(joined?.report_count).toBe(2);
    expect(opened?.report_count).toBe(2);
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'seq'])
      .where('org_id', '=', orgId)
      .execute();
    // Each projection's last_seq is its last event.
    for (const c of [joined, opened]) {
      const seqs = events.filter((e) => e.case_id === c?.id).map((e) => e.seq);
      expect(Math.max(...seqs)).toBe(c?.last_seq);
    }
  });

  it('refuses the batch when a joined case changed after it was read', async () => {
    const db = database.storage.db;
    const [opened] = await fileIntoCases(db, [request('https://social.example/c')]);
    await expect(
      db.transaction().execute(async (trx) => {
        const { writes } = await planFilings(trx, [request('https://social.example/c')]);
        // Another writer moves the case on: the batch's `last_seq` no longer holds.
        await trx
          .updateTable('cases')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 5) }))
          .where('id', '=', opened?.caseId as string)
          .execute();
        await writeBatch(trx, writes);
      }),
    ).rejects.toThrow(/changed concurrently/);
  });

  it('refuses the batch when one of its notifiers is suspended, and counts nothing', async () => {
    const db = database.storage.db;
    const counted = (key: string) => noticeCounts([{ orgId, key, label: key }]);
    await writeBatch(db, { noticeCounts: { rows: counted('email:suspended'), now: Date.now() } });
    await db
      .updateTable('notifiers')
      .set({ suspended_until: Date.now() + 60_000 })
      .where('key', '=', 'email:suspended')
      .execute();
    const both = noticeCounts([
      { orgId, key: 'email:fine', label: 'fine' },
      { orgId, key: 'email:suspended', label: 'suspended' },
    ]);
    await expect(
      db.transaction().execute((trx) => writeBatch(trx, { noticeCounts: { rows: both, now: Date.now() } })),
    ).rejects.toMatchObject({ code: 'notifier_suspended' });
    const rows = await db
      .selectFrom('notifiers')
      .select(['key', 'notice_count'])
      .where('org_id', '=', orgId)
      .orderBy('key')
      .execute();
    expect(rows).toEqual([{ key: 'email:suspended', notice_count: 1 }]);
  });

  it('stores a lone UTF-16 surrogate as U+FFFD rather than failing the batch', async () => {
    const db = database.storage.db;
    const label = 'web form reporter \ud800.';
    await writeBatch(db, {
      noticeCounts: { rows: noticeCounts([{ orgId, key: 'email:surrogate', label }]), now: Date.now() },
    });
    const row = await db
      .selectFrom('notifiers')
      .select('label')
      .where('key', '=', 'email:surrogate')
      .executeTakeFirstOrThrow();
    // One U+FFFD on PostgreSQL; SQLite's driver stores the surrogate's three bytes, each read as one.
    expect(row.label).toMatch(/^web form reporter \ufffd+\.$/);
  });
});
