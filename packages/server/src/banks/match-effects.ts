/**
 * What a check does beyond answering: queue webhook deliveries for matched banks that have
 * subscriptions, and, with `record: true`, ask the cases module to open a case (job
 * `cases.open_from_match`). Both are written in one transaction; a check with neither writes nothing.
 */
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import type { CheckResult } from './check.ts';
import type { BankSettings, OrgMatcher } from './org-matcher.ts';
import { enqueueDeliveries } from './webhooks.ts';

export const OPEN_CASE_FROM_MATCH_JOB = 'cases.open_from_match';
export const MATCH_EVENT = 'bank.match';

export interface CheckContent {
  url?: string | undefined;
  mediaType?: string | undefined;
}

export async function applyMatchEffects(
  db: Db,
  actor: Actor,
  matcher: OrgMatcher,
  result: CheckResult,
  options: { record: boolean; content: CheckContent; requestId: string },
): Promise<{ caseJobId: string | null }> {
  const matchedBankIds = [...new Set(result.matches.map((m) => m.bankId))];
  const hooked = matchedBankIds
    .map((id) => matcher.bank(id))
    .filter((bank): bank is BankSettings => bank !== undefined && bank.webhookIds.length > 0);
  const recording = options.record && result.matches.length > 0;
  if (!recording && hooked.length === 0) return { caseJobId: null };

  return inTransaction(db, async (trx) => {
    let caseJobId: string | null = null;
    if (recording) {
      const job = await enqueueJob(trx, {
        kind: OPEN_CASE_FROM_MATCH_JOB,
        orgId: actor.orgId,
        idempotencyKey: `check-record:${actor.orgId}:${options.requestId}`,
        payload: {
          orgId: actor.orgId,
          content: { ...options.content, hashes: result.hashes },
          matches: result.matches,
        },
      });
      caseJobId = job.id;
      await appendAudit(
        trx,
        actor,
        {
          action: 'check.record',
          targetType: 'job',
          targetId: job.id,
          details: { matches: result.matches.length, banks: matchedBankIds },
        },
        options.requestId,
      );
    }
    for (const bank of hooked) {
      await enqueueDeliveries(trx, actor.orgId, bank.id, bank.webhookIds, {
        type: MATCH_EVENT,
        data: {
          checkId: options.requestId,
          bankId: bank.id,
          bankName: bank.name,
          content: options.content,
          hashes: result.hashes,
          matches: result.matches.filter((m) => m.bankId === bank.id),
        },
      });
    }
    return { caseJobId };
  });
}
