/**
 * Drains the outbox inside a server process. Several processes (or several workers) may run against
 * one database; the lease in `claimJobs` keeps each job with one worker at a time.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../storage/schema.ts';
import { claimJobs, completeJob, failJob, type Job } from './outbox.ts';

/**
 * A job handler does its slow or external work (HTTP delivery, hashing) outside any transaction,
 * then may return its database effects, which commit atomically with the job's completion. So a
 * job's database effects happen exactly once; external effects happen at least once and carry the
 * job id as their idempotency key.
 */
export type JobHandler = (
  job: Job,
  db: Kysely<Database>,
) => Promise<void | ((trx: Transaction<Database>) => Promise<void>)>;

export interface JobWorkerOptions {
  db: Kysely<Database>;
  handlers: Readonly<Record<string, JobHandler>>;
  log: Logger;
  workerId?: string;
  concurrency?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
}

export interface JobWorker {
  readonly workerId: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handlers, log } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const leaseMs = options.leaseMs ?? 30_000;
  const kinds = Object.keys(handlers);
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let idleBackoffMs = pollIntervalMs;

  async function renewLease(job: Job): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ locked_until: Date.now() + leaseMs })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .execute();
  }

  async function run(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    const heartbeat = setInterval(() => renewLease(job).catch(() => {}), Math.max(1000, leaseMs / 3));
    try {
      if (!handler) throw new Error(`no handler for job kind '${job.kind}'`);
      const effects = await handler(job, db);
      await db.transaction().execute(async (trx) => {
        if (effects) await effects(trx);
        await completeJob(trx, job.id, workerId);
      });
    } catch (error) {
      log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: error }, 'job failed');
      await failJob(db, job, workerId, error).catch((e: unknown) =>
        log.error({ err: e, jobId: job.id }, 'could not record job failure'),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  const loop = (async () => {
    while (running) {
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      let claimed: Job[] = [];
      try {
        claimed = await claimJobs(db, workerId, free, leaseMs, kinds);
        idleBackoffMs = pollIntervalMs;
      } catch (error) {
        // The database is away: keep the process alive and try again, backing off to 5 s.
        log.warn({ err: error }, 'job claim failed; retrying');
        idleBackoffMs = Math.min(5000, idleBackoffMs * 2);
      }
      for (const job of claimed) {
        const task: Promise<void> = run(job).finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      if (claimed.length === 0) await sleep(idleBackoffMs);
    }
  })();

  return {
    workerId,
    async stop() {
      running = false;
      await loop;
      await Promise.allSettled(inFlight);
    },
  };
}
