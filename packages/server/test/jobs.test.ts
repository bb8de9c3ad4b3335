import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  backoffMs,
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  LeaseLostError,
  retryDeadJob,
} from '../src/jobs/outbox.ts';
import { startJobWorker } from '../src/jobs/worker.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const kind = () => `kind.${Math.random().toString(36).slice(2)}`;

describe('job outbox', () => {
  it('an idempotency key enqueues once', async () => {
    const db = database.storage.db;
    const k = kind();
    const first = await enqueueJob(db, { kind: k, payload: { n: 1 }, idempotencyKey: `once-${k}` });
    const second = await enqueueJob(db, { kind: k, payload: { n: 2 }, idempotencyKey: `once-${k}` });
    expect(second.id).toBe(first.id);
    expect(await db.selectFrom('jobs').select('id').where('kind', '=', k).execute()).toHaveLength(1);
  });

  it('a duplicate key inside a transaction does not abort it', async () => {
    const db = database.storage.db;
    const k = kind();
    await enqueueJob(db, { kind: k, payload: {}, idempotencyKey: `tx-${k}` });
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: k, payload: {}, idempotencyKey: `tx-${k}` });
      await enqueueJob(trx, { kind: k, payload: {}, idempotencyKey: `tx2-${k}` });
    });
    expect(await db.selectFrom('jobs').select('id').where('kind', '=', k).execute()).toHaveLength(2);
  });

  it('failures back off exponentially, then dead-letter; a dead job can be retried', async () => {
    const db = database.storage.db;
    const k = kind();
    const job = await enqueueJob(db, { kind: k, payload: {}, orgId: 'org-x', maxAttempts: 3 });
    const runAts: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await claimJobs(db, 'w1', 1, 10_000, [k]);
      expect(claimed?.attempts).toBe(attempt);
      await failJob(db, claimed!, 'w1', new Error(`boom ${attempt}`));
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
      runAts.push(row.run_at);
      if (attempt < 3) {
        expect(row.status).toBe('pending');
        expect(row.run_at).toBeGreaterThan(Date.now());
        await db.updateTable('jobs').set({ run_at: 0 }).where('id', '=', job.id).execute();
      } else {
        expect(row).toMatchObject({ status: 'dead', last_error: 'boom 3' });
      }
    }
    expect(await claimJobs(db, 'w1', 1, 10_000, [k])).toEqual([]);
    expect(await retryDeadJob(db, 'org-x', job.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('backoff doubles per attempt within jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1000);
    expect(backoffMs(4, () => 0.5)).toBe(8000);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(3, () => 0)).toBe(3200);
  });

  it('an expired lease lets another worker take the job, and the first cannot complete it', async () => {
    const db = database.storage.db;
    const k = kind();
    await enqueueJob(db, { kind: k, payload: {} });
    const [first] = await claimJobs(db, 'w1', 1, 1, [k]);
    await new Promise((r) => setTimeout(r, 10));
    const [second] = await claimJobs(db, 'w2', 1, 10_000, [k]);
    expect(second?.id).toBe(first?.id);
    expect(second?.attempts).toBe(2);
    await expect(db.transaction().execute((trx) => completeJob(trx, first!.id, 'w1'))).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    await db.transaction().execute((trx) => completeJob(trx, second!.id, 'w2'));
  });

  it('a worker runs handlers and commits their effects with completion', async () => {
    const db = database.storage.db;
    const k = kind();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) await enqueueJob(db, { kind: k, payload: { i } });
    const worker = startJobWorker({
      db,
      log: pino({ level: 'silent' }),
      pollIntervalMs: 20,
      handlers: {
        [k]: async (job) => {
          seen.push(job.id);
          if ((job.payload as { i: number }).i === 3 && job.attempts === 1) throw new Error('transient');
        },
      },
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const pending = await db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', k)
        .where('status', '!=', 'done')
        .execute();
      if (pending.length === 0 || Date.now() > deadline) break;
      // The failed job waits its backoff (about a second) before its second attempt.
      await new Promise((r) => setTimeout(r, 50));
    }
    await worker.stop();
    const rows = await db.selectFrom('jobs').selectAll().where('kind', '=', k).execute();
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(seen).toHaveLength(11);
  });
});
