/**
 * The durable job outbox. A job is written in the same transaction as the change that causes it, so
 * it exists exactly when the change does. Workers claim due jobs with a lease
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's single writer serialises claims), run them, and
 * complete them in one transaction with the job's own database effects, guarded by the lease: a job
 * whose worker died is claimed again after the lease expires, and its half-done effects were rolled
 * back with the dead worker's transaction. Failures retry with exponential backoff until
 * `max_attempts`, then the job is dead-lettered (`status = 'dead'`) for a person to look at.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, JobTable } from '../storage/schema.ts';
import { inTransaction, isPostgres, type Db } from '../storage/transaction.ts';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface Job {
  id: string;
  orgId: string | null;
  kind: string;
  payload: unknown;
  idempotencyKey: string | null;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export function toJob(row: JobTable): Job {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    idempotencyKey: row.idempotency_key,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export interface NewJob {
  kind: string;
  payload: unknown;
  orgId?: string | null;
  /** A second enqueue with the same key returns the first job instead of adding one. */
  idempotencyKey?: string;
  runAt?: number;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

export async function enqueueJob(db: Db, job: NewJob): Promise<Job> {
  const now = Date.now();
  const row: JobTable = {
    id: randomUUID(),
    org_id: job.orgId ?? null,
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    idempotency_key: job.idempotencyKey ?? null,
    status: 'pending',
    attempts: 0,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: job.runAt ?? now,
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  // ON CONFLICT DO NOTHING keeps a duplicate key from aborting the caller's PostgreSQL transaction.
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted || row.idempotency_key === null) return toJob(row);
  return (await findByIdempotencyKey(db, row.idempotency_key)) as Job;
}

async function findByIdempotencyKey(db: Db, key: string): Promise<Job | undefined> {
  const existing = await db
    .selectFrom('jobs')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return existing ? toJob(existing) : undefined;
}

/**
 * Claims up to `limit` due jobs for `workerId` with a lease of `leaseMs`. A running job whose lease
 * expired (its worker died or stalled) is due again.
 */
export async function claimJobs(
  db: Db,
  workerId: string,
  limit: number,
  leaseMs: number,
  kinds: string[],
): Promise<Job[]> {
  if (kinds.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const now = Date.now();
    const due = await trx
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit)
      .$if(isPostgres(trx), (q) => q.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_until: now + leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returningAll()
      .execute();
    return rows.map(toJob);
  });
}

/** Thrown when a worker tries to finish a job whose lease another worker has taken over. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} was lost`);
  }
}

/** Marks the job done, inside the transaction that holds the job's effects. */
export async function completeJob(
  trx: Transaction<Database>,
  jobId: string,
  workerId: string,
): Promise<void> {
  const now = Date.now();
  const result = await trx
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, updated_at: now, locked_until: null, last_error: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new LeaseLostError(jobId);
}

/** Backoff before attempt n+1: 2^n seconds with ±20 % jitter, capped at one hour. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export async function failJob(db: Db, job: Job, workerId: string, error: unknown): Promise<void> {
  const now = Date.now();
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'pending',
      run_at: dead ? job.runAt : now + backoffMs(job.attempts),
      last_error: message.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      updated_at: now,
      finished_at: dead ? now : null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Puts a dead-lettered job back in the queue with a fresh attempt budget. */
export async function retryDeadJob(db: Db, orgId: string, jobId: string): Promise<Job | undefined> {
  const now = Date.now();
  const row = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: now, updated_at: now, finished_at: null })
    .where('id', '=', jobId)
    .where('org_id', '=', orgId)
    .where('status', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function listJobs(
  db: Db,
  orgId: string,
  options: { status?: JobStatus | undefined; limit: number },
): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status as JobStatus))
    .orderBy('created_at', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toJob);
}

export async function getJob(db: Db, orgId: string, jobId: string): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}
