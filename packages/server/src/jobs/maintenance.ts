/**
 * Housekeeping run through the outbox like any job: expired sessions and old idempotency records are
 * purged hourly, and evidence past its retention date is handed to one purge job per organisation
 * (the purge deletes files, which must wait for the purge's commit). Every server process schedules
 * it; the hourly idempotency key makes it run once.
 */
import type { Kysely } from 'kysely';
import { enqueueRetentionPurges } from '../evidence/retention-job.ts';
import { purgeExpiredIdempotencyKeys } from '../http/idempotency.ts';
import { purgeExpiredSessions } from '../identity/sessions.ts';
import type { Database } from '../storage/schema.ts';
import { enqueueJob } from './outbox.ts';
import type { JobHandler } from './worker.ts';

export const MAINTENANCE_JOB = 'maintenance.purge';
const HOUR_MS = 3_600_000;

export const purgeExpired: JobHandler = async () => async (trx) => {
  await purgeExpiredSessions(trx);
  await purgeExpiredIdempotencyKeys(trx);
  await enqueueRetentionPurges(trx, Date.now());
};

export function scheduleMaintenance(db: Kysely<Database>, onError: (error: unknown) => void): () => void {
  const enqueue = () =>
    enqueueJob(db, {
      kind: MAINTENANCE_JOB,
      payload: {},
      idempotencyKey: `${MAINTENANCE_JOB}:${Math.floor(Date.now() / HOUR_MS)}`,
      maxAttempts: 3,
    }).catch(onError);
  void enqueue();
  const timer = setInterval(enqueue, HOUR_MS / 4);
  timer.unref();
  return () => clearInterval(timer);
}
