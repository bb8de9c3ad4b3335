/**
 * Retention on schedule: the hourly maintenance job enqueues, for each organisation holding evidence
 * past its retention date, one `evidence.retention_purge` job, which purges those items — content
 * deleted, metadata and custody chain kept with a `purged` entry, items under legal hold left alone
 * (`purgeExpiredEvidence`). One job per organisation, so a failure in one does not hold up the
 * others and each appears in its organisation's job list.
 */
import { systemActor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Db } from '../storage/transaction.ts';
import type { Vault } from './blob-store.ts';
import { purgeExpiredEvidence } from './items.ts';

export const EVIDENCE_RETENTION_JOB = 'evidence.retention_purge';
const HOUR_MS = 3_600_000;

/** Enqueues a retention job for every organisation with evidence due for purging at `now`. */
export async function enqueueRetentionPurges(db: Db, now: number): Promise<number> {
  // Across organisations on purpose: only their ids are read, each job then works inside one.
  const due = await db
    .selectFrom('evidence_items')
    .select('org_id')
    .distinct()
    .where('retention_until', '<=', now)
    .where('legal_hold_at', 'is', null)
    .where('purged_at', 'is', null)
    .execute();
  for (const { org_id: orgId } of due) {
    await enqueueJob(db, {
      kind: EVIDENCE_RETENTION_JOB,
      orgId,
      payload: {},
      idempotencyKey: `${EVIDENCE_RETENTION_JOB}:${orgId}:${Math.floor(now / HOUR_MS)}`,
      maxAttempts: 5,
    });
  }
  return due.length;
}

/**
 * Each purge commits on its own (the blob goes after its commit), so a job that fails half-way,
 * for instance because a legal hold was set meanwhile, is retried and skips what is already purged.
 */
export function retentionPurgeHandler(vault: Vault): JobHandler {
  return async (job, db) => {
    if (!job.orgId) return;
    await purgeExpiredEvidence(db, vault, systemActor(job.orgId, 'evidence-retention'));
  };
}
