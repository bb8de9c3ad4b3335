/**
 * Exclusive claims on cases. A reviewer claims a case (or asks for the next one) for a limited time;
 * an expired claim frees the case without anyone having to release it. The next case goes first to a
 * reviewer who reads its language; others get it only when nobody in the organisation reads it or
 * after a grace period (a quarter of the queue's SLA), so a rare language does not block the queue.
 */
import { appendAudit } from '../audit/audit-log.ts';
import { getCaseRow, toCaseView, type CaseView } from '../cases/cases.ts';
import { appendCaseEvents } from '../cases/events.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { priorityColumns } from './case-triage.ts';
import { listQueues } from './queues.ts';

export const CLAIM_TTL_MS = 15 * 60_000;
const SKIP_MEMORY_MS = 60 * 60_000;

const primaryLanguage = (tag: string | null) =>
  tag === null ? null : (tag.split('-')[0] ?? tag).toLowerCase();

export function claimIsActive(
  row: { assigned_to: string | null; claim_expires_at: number | null },
  now: number,
) {
  return row.assigned_to !== null && row.claim_expires_at !== null && Number(row.claim_expires_at) > now;
}

export async function claimCase(
  db: Db,
  actor: Actor,
  caseId: string,
  requestId: string | null,
  now = Date.now(),
): Promise<CaseView> {
  const row = await getCaseRow(db, actor.orgId, caseId, true);
  if (row.status !== 'open' && row.status !== 'appealed') {
    throw new AppError('conflict', { message: `The case is ${row.status}.`, field: 'params.caseId' });
  }
  if (claimIsActive(row, now) && row.assigned_to !== actor.id) throw new AppError('case_claimed');
  const expires = now + CLAIM_TTL_MS;
  await appendCaseEvents(
    db,
    actor,
    row,
    [{ type: 'assigned', data: { to: actor.id, until: expires } }],
    { assigned_to: actor.id, claim_expires_at: expires },
    now,
  );
  await appendAudit(db, actor, { action: 'case.claim', targetType: 'case', targetId: caseId }, requestId);
  return toCaseView(await getCaseRow(db, actor.orgId, caseId), now);
}

/** Gives up a claim; `skip` also keeps the case away from this reviewer for an hour. */
export async function releaseCase(
  db: Db,
  actor: Actor,
  caseId: string,
  skip: boolean,
  requestId: string | null,
  now = Date.now(),
): Promise<CaseView> {
  const row = await getCaseRow(db, actor.orgId, caseId, true);
  if (claimIsActive(row, now) && row.assigned_to !== actor.id) throw new AppError('case_claimed');
  await appendCaseEvents(
    db,
    actor,
    row,
    [{ type: skip ? 'skipped' : 'released', data: {} }],
    { assigned_to: null, claim_expires_at: null },
    now,
  );
  await appendAudit(
    db,
    actor,
    { action: skip ? 'case.skip' : 'case.release', targetType: 'case', targetId: caseId },
    requestId,
  );
  return toCaseView(await getCaseRow(db, actor.orgId, caseId), now);
}

export async function escalateCase(
  db: Db,
  actor: Actor,
  caseId: string,
  reason: string,
  requestId: string | null,
  now = Date.now(),
): Promise<CaseView> {
  const row = await getCaseRow(db, actor.orgId, caseId, true);
  if (row.status !== 'open') throw new AppError('conflict', { message: `The case is ${row.status}.` });
  const { priority, priority_reasons } = await priorityColumns(db, actor.orgId, {
    ...row,
    escalated_at: now,
  });
  await appendCaseEvents(
    db,
    actor,
    row,
    [{ type: 'escalated', data: { reason } }],
    {
      escalated_at: now,
      priority,
      priority_reasons,
      assigned_to: null,
      claim_expires_at: null,
    },
    now,
  );
  await appendAudit(
    db,
    actor,
    { action: 'case.escalate', targetType: 'case', targetId: caseId, details: { reason } },
    requestId,
  );
  return toCaseView(await getCaseRow(db, actor.orgId, caseId), now);
}

/** Languages read by the organisation's active reviewers (primary subtags). */
async function readableLanguages(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('languages')
    .where('org_id', '=', orgId)
    .where('disabled_at', 'is', null)
    .execute();
  const all = new Set<string>();
  for (const r of rows)
    for (const l of JSON.parse(r.languages) as string[]) all.add(primaryLanguage(l) as string);
  return all;
}

/**
 * Claims the most urgent case of a queue this reviewer may take now. Candidates are read by priority,
 * then age; the first one this reviewer is eligible for is claimed (a lost race moves to the next).
 */
export async function claimNextCase(
  db: Db,
  actor: Actor,
  reviewerLanguages: string[],
  queueId: string,
  requestId: string | null,
  now = Date.now(),
): Promise<CaseView | null> {
  const queue = (await listQueues(db, actor.orgId)).find((q) => q.id === queueId);
  if (!queue) throw new AppError('not_found', { message: 'Queue not found.', field: 'params.queueId' });
  const mine = new Set(reviewerLanguages.map((l) => primaryLanguage(l) as string));
  const readByTeam = await readableLanguages(db, actor.orgId);
  const skipped = new Set(
    (
      await db
        .selectFrom('case_events')
        .select('case_id')
        .where('org_id', '=', actor.orgId)
        .where('type', '=', 'skipped')
        .where('actor_id', '=', actor.id)
        .where('at', '>', now - SKIP_MEMORY_MS)
        .execute()
    ).map((r) => r.case_id),
  );
  const candidates = await db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('status', '=', 'open')
    .where('queue_id', '=', queueId)
    .where((eb) => eb.or([eb('assigned_to', 'is', null), eb('claim_expires_at', '<=', now)]))
    .orderBy('priority', 'desc')
    .orderBy('opened_at', 'asc')
    .limit(200)
    .execute();
  const grace = queue.slaMs / 4;
  const eligible = (c: (typeof candidates)[number]) => {
    if (skipped.has(c.id)) return false;
    const lang = primaryLanguage(c.language);
    if (lang === null || mine.has(lang) || !readByTeam.has(lang)) return true;
    return now - Number(c.opened_at) >= grace;
  };
  // Cases in the reviewer's languages (or in none) first, by priority; then the rest they may take.
  const inMyLanguage = (c: (typeof candidates)[number]) =>
    c.language === null || mine.has(primaryLanguage(c.language) ?? '');
  const ordered = [
    ...candidates.filter((c) => eligible(c) && inMyLanguage(c)),
    ...candidates.filter((c) => eligible(c) && !inMyLanguage(c)),
  ];
  for (const c of ordered) {
    try {
      return await claimCase(db, actor, c.id, requestId, now);
    } catch (error) {
      if (error instanceof AppError && error.code === 'case_claimed') continue;
      throw error;
    }
  }
  return null;
}
