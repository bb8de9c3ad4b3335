/**
 * Liveness re-checks: some time after a URL was captured (by default 24 h, 48 h and 7 days,
 * `VIGIE_LIVENESS_DELAYS`), a job fetches it again through `safeFetch` and records whether it is
 * still online and whether it still serves the captured content (same SHA-256, or for images a PDQ
 * within the usual match threshold). These records are the "still online after N days" evidence.
 */
import { randomUUID } from 'node:crypto';
import { pdqDistance } from '@vigie/hashing';
import type { Kysely } from 'kysely';
import type { Job } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { OutboundError, safeFetch, type SafeFetchOptions } from '../outbound/index.ts';
import type { Database } from '../storage/schema.ts';
import type { Db } from '../storage/transaction.ts';
import { sha256Of } from './blob-store.ts';
import { imagePdq } from './fingerprint.ts';
import type { EvidenceLivenessCheckTable } from './tables.ts';

export const LIVENESS_CHECK_JOB = 'evidence.liveness_check';

/** PDQ distance at or under which two images count as the same picture (the common PDQ threshold). */
export const PDQ_SAME_THRESHOLD = 31;

export type LivenessOutcome =
  | 'online_same'
  | 'online_similar'
  | 'online_changed'
  | 'removed'
  | 'restricted'
  | 'unavailable'
  | 'unreachable'
  | 'refused';

const ONLINE: ReadonlySet<string> = new Set(['online_same', 'online_similar', 'online_changed']);

interface CapturedPage {
  id: string;
  org_id: string;
  source_url: string | null;
  sha256: string;
  pdq: string | null;
  media_type: string;
  captured_at: number;
}

type Observation = Pick<
  EvidenceLivenessCheckTable,
  'outcome' | 'http_status' | 'final_url' | 'sha256' | 'pdq_distance' | 'error_code'
>;

/** Fetches the page again and compares it with the capture. Never throws for remote failures. */
export async function observe(page: CapturedPage, fetchOptions: SafeFetchOptions): Promise<Observation> {
  const none = { http_status: null, final_url: null, sha256: null, pdq_distance: null };
  let response;
  try {
    response = await safeFetch(page.source_url ?? '', fetchOptions);
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const refused = error.code === 'outbound_blocked_address' || error.code === 'outbound_bad_url';
    return { ...none, outcome: refused ? 'refused' : 'unreachable', error_code: error.code };
  }
  const base = { http_status: response.status, final_url: response.url, error_code: null };
  if (response.status === 404 || response.status === 410)
    return { ...base, outcome: 'removed', sha256: null, pdq_distance: null };
  if (response.status === 401 || response.status === 403 || response.status === 451)
    return { ...base, outcome: 'restricted', sha256: null, pdq_distance: null };
  if (response.status < 200 || response.status > 299)
    return { ...base, outcome: 'unavailable', sha256: null, pdq_distance: null };
  const sha256 = sha256Of(response.body);
  if (sha256 === page.sha256) return { ...base, outcome: 'online_same', sha256, pdq_distance: null };
  const pdq = page.pdq ? await imagePdq(response.body, page.media_type) : null;
  const distance = page.pdq && pdq ? pdqDistance(page.pdq, pdq) : null;
  const similar = distance !== null && distance <= PDQ_SAME_THRESHOLD;
  return { ...base, outcome: similar ? 'online_similar' : 'online_changed', sha256, pdq_distance: distance };
}

/** The job handler; fetch settings come from the caller (the server's configuration). */
export function livenessCheckHandler(fetchOptions: () => SafeFetchOptions): JobHandler {
  return async (job: Job, db: Kysely<Database>) => {
    const { itemId, delayMs } = job.payload as { itemId: string; delayMs: number };
    const page = await db
      .selectFrom('evidence_items')
      .select(['id', 'org_id', 'source_url', 'sha256', 'pdq', 'media_type', 'captured_at'])
      .where('id', '=', itemId)
      .where('org_id', '=', job.orgId ?? '')
      .executeTakeFirst();
    if (!page) return; // the item is gone: nothing to check
    const observation = await observe(page, fetchOptions());
    return async (trx) => {
      await trx
        .insertInto('evidence_liveness_checks')
        .values({
          id: randomUUID(),
          org_id: page.org_id,
          item_id: page.id,
          delay_ms: delayMs,
          checked_at: Date.now(),
          ...observation,
        })
        .execute();
    };
  };
}

export interface LivenessCheck {
  delayMs: number;
  /** Days between capture and this check, as scheduled (1, 2, 7 by default). */
  afterDays: number;
  checkedAt: number;
  outcome: LivenessOutcome;
  stillOnline: boolean;
  httpStatus: number | null;
  finalUrl: string | null;
  sameContent: boolean;
  pdqDistance: number | null;
  errorCode: string | null;
}

const DAY_MS = 86_400_000;

/** The re-checks of one captured page, oldest first. */
export async function listLivenessChecks(db: Db, orgId: string, itemId: string): Promise<LivenessCheck[]> {
  const rows = await db
    .selectFrom('evidence_liveness_checks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('item_id', '=', itemId)
    .orderBy('checked_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    delayMs: Number(r.delay_ms),
    afterDays: Math.round((Number(r.delay_ms) / DAY_MS) * 100) / 100,
    checkedAt: Number(r.checked_at),
    outcome: r.outcome as LivenessOutcome,
    stillOnline: ONLINE.has(r.outcome),
    httpStatus: r.http_status,
    finalUrl: r.final_url,
    sameContent: r.outcome === 'online_same' || r.outcome === 'online_similar',
    pdqDistance: r.pdq_distance,
    errorCode: r.error_code,
  }));
}
