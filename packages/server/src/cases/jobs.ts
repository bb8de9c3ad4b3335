/**
 * Background work of the notice-and-action module:
 * - `cases.hash_attachment`: the perceptual hash (PDQ) of an image attachment, then grouping by it
 *   (pdq-grouping.ts). A file that cannot be decoded is recorded as such and the job completes: the
 *   report never depends on it.
 * - `cases.open_from_match`: a platform's upload matched a hash bank with `record: true`; the content
 *   is filed into a case (opened or joined, also by PDQ distance) with a `matched` event.
 * - `cases.deliver_event_webhook`: a decision or reversal sent to the platform (event-webhooks.ts).
 */
import { canonicalUrl, pdqHash } from '@vigie/hashing';
import { appendAudit } from '../audit/audit-log.ts';
import { signedDeliveryHandler, type WebhookSender } from '../webhooks/delivery.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { systemActor } from '../identity/actor.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { decodeImage } from '../media/index.ts';
import { isCategoryKey } from '../taxonomy/dsa.ts';
import { readAttachment } from './attachments.ts';
import { DELIVER_EVENT_WEBHOOK_JOB, eventDeliveryStore } from './event-webhooks.ts';
import { fileIntoCase, type ContentKey } from './grouping.ts';
import { HASH_ATTACHMENT_JOB } from './intake.ts';
import { groupReportByPdq, lockPdqGrouping, nearestOpenCaseByPdq } from './pdq-grouping.ts';

export const OPEN_FROM_MATCH_JOB = 'cases.open_from_match';

export function hashAttachmentHandler(deps: { keyring: Keyring; dataDir: string }): JobHandler {
  return async (job, db) => {
    const { orgId, attachmentId } = job.payload as { orgId: string; attachmentId: string };
    const row = await db
      .selectFrom('report_attachments')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) return;
    let pdq: string | null = null;
    let hashError: string | null = null;
    try {
      const bytes = await readAttachment(db, deps.keyring, deps.dataDir, row);
      pdq = pdqHash(await decodeImage(bytes)).hash;
    } catch (error) {
      hashError = (error as Error).message.slice(0, 500);
    }
    return async (trx) => {
      await trx
        .updateTable('report_attachments')
        .set({ pdq, hash_error: hashError })
        .where('org_id', '=', orgId)
        .where('id', '=', attachmentId)
        .execute();
      if (pdq) await groupReportByPdq(trx, orgId, row.report_id, pdq);
    };
  };
}

export interface MatchPayload {
  orgId: string;
  content: { url?: string; hashes: Record<string, string | undefined>; mediaType?: string };
  matches: { bankId: string; entryId: string; distance: number; labels: string[] }[];
}

/** The DSA category a bank's labels point at (`dsa:<category>`; GIFCT labels are terrorist content). */
export function categoryFromLabels(labels: readonly string[]): string {
  for (const label of labels) {
    const [namespace, value] = label.split(':');
    if (namespace === 'dsa' && value) {
      const upper = value.toUpperCase();
      if (isCategoryKey(upper)) return upper;
      if (isCategoryKey(`STATEMENT_CATEGORY_${upper}`)) return `STATEMENT_CATEGORY_${upper}`;
    }
  }
  if (labels.some((l) => l.startsWith('gifct:'))) return 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY';
  return 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC';
}

function safeCanonical(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

export const openCaseFromMatch: JobHandler = async (job) => {
  const payload = job.payload as MatchPayload;
  const canonical = safeCanonical(payload.content.url);
  const keys: ContentKey[] = [];
  if (canonical) keys.push({ kind: 'url', value: canonical });
  for (const kind of ['sha256', 'md5', 'pdq'] as const) {
    const value = payload.content.hashes[kind];
    if (value) keys.push({ kind, value: value.toLowerCase() });
  }
  const labels = payload.matches.flatMap((m) => m.labels);
  const actor = systemActor(payload.orgId, 'matcher');
  const pdq = keys.find((k) => k.kind === 'pdq')?.value;
  return async (trx) => {
    let similarCaseId: string | undefined;
    if (pdq) {
      await lockPdqGrouping(trx, payload.orgId);
      similarCaseId = (await nearestOpenCaseByPdq(trx, payload.orgId, pdq))?.caseId;
    }
    const filed = await fileIntoCase(trx, actor, {
      similarCaseId,
      keys,
      attributes: {
        category: categoryFromLabels(labels),
        language: null,
        country: null,
        url: payload.content.url ?? null,
        canonicalUrl: canonical,
        sourceType: 'match',
        trustedFlagger: false,
      },
      reports: 0,
      matches: payload.matches.length,
      events: [
        {
          type: 'matched',
          data: {
            jobId: job.id,
            matches: payload.matches,
            hashes: payload.content.hashes,
            mediaType: payload.content.mediaType ?? null,
          },
        },
      ],
    });
    await appendAudit(trx, actor, {
      action: 'case.match',
      targetType: 'case',
      targetId: filed.caseId,
      details: { jobId: job.id, matches: payload.matches.length },
    });
  };
};

/** The module's job handlers, with the keyring and data folder of the server process that runs them. */
export const caseJobHandlers = (deps: {
  keyring: Keyring;
  dataDir: string;
  send: WebhookSender;
}): Record<string, JobHandler> => ({
  [HASH_ATTACHMENT_JOB]: hashAttachmentHandler(deps),
  [OPEN_FROM_MATCH_JOB]: openCaseFromMatch,
  [DELIVER_EVENT_WEBHOOK_JOB]: signedDeliveryHandler(deps, eventDeliveryStore),
});
