/**
 * Misuse (DSA Art. 23(2)): notifiers who frequently send manifestly unfounded notices may have the
 * processing of their notices suspended, for a limited time and after a prior warning. Vigie only
 * counts and lists; a person warns and a person suspends — nothing here happens automatically.
 */
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import type { NoticeCount } from './batch-writes.ts';
import type { NotifierTable } from './tables.ts';

export interface NotifierStanding {
  key: string;
  label: string;
  noticeCount: number;
  unfoundedCount: number;
  /** Share of this notifier's notices found manifestly unfounded (Art. 23(3)(b)). */
  unfoundedRatio: number;
  warnedAt: number | null;
  suspendedUntil: number | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));

function toStanding(row: NotifierTable): NotifierStanding {
  return {
    key: row.key,
    label: row.label,
    noticeCount: row.notice_count,
    unfoundedCount: row.unfounded_count,
    unfoundedRatio: row.notice_count === 0 ? 0 : row.unfounded_count / row.notice_count,
    warnedAt: num(row.warned_at),
    suspendedUntil: num(row.suspended_until),
  };
}

/**
 * The notices of a batch counted per notifier, for `writeBatch`: a notifier's label is set by its
 * first notice; notifiers come in key order, so concurrent batches lock their rows in one order.
 */
export function noticeCounts(notices: { orgId: string; key: string; label: string }[]): NoticeCount[] {
  const counted = new Map<string, NoticeCount>();
  for (const { orgId, key, label } of notices) {
    const id = JSON.stringify([orgId, key]);
    const row = counted.get(id);
    if (row) row.notice_count += 1;
    else counted.set(id, { org_id: orgId, key, label, notice_count: 1, unfounded_count: 0 });
  }
  return [...counted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** Counts one manifestly unfounded notice against each notifier of a case (decided by a reviewer). */
export async function recordUnfounded(db: Db, orgId: string, caseId: string): Promise<void> {
  const keys = await db
    .selectFrom('reports')
    .select('notifier_key')
    .distinct()
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .where('notifier_key', 'is not', null)
    .execute();
  for (const { notifier_key } of keys) {
    await db
      .updateTable('notifiers')
      .set((eb) => ({ unfounded_count: eb('unfounded_count', '+', 1) }))
      .where('org_id', '=', orgId)
      .where('key', '=', notifier_key as string)
      .execute();
  }
}

export async function listNotifiers(db: Db, orgId: string, minUnfounded = 1): Promise<NotifierStanding[]> {
  const rows = await db
    .selectFrom('notifiers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('unfounded_count', '>=', minUnfounded)
    .orderBy('unfounded_count', 'desc')
    .limit(500)
    .execute();
  return rows.map(toStanding);
}

async function getNotifier(db: Db, orgId: string, key: string): Promise<NotifierTable> {
  const row = await db
    .selectFrom('notifiers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw notFound('Notifier', 'params.notifierKey');
  return row;
}

function requireHuman(actor: Actor): void {
  if (actor.type !== 'user') {
    throw new AppError('forbidden', {
      message: 'Only a person may warn or suspend a notifier (Art. 23(3)).',
    });
  }
}

export async function warnNotifier(
  db: Db,
  actor: Actor,
  key: string,
  reason: string,
  requestId: string | null,
): Promise<NotifierStanding> {
  requireHuman(actor);
  await getNotifier(db, actor.orgId, key);
  await db
    .updateTable('notifiers')
    .set({ warned_at: Date.now(), warned_by: actor.id })
    .where('org_id', '=', actor.orgId)
    .where('key', '=', key)
    .execute();
  await appendAudit(
    db,
    actor,
    { action: 'notifier.warn', targetType: 'notifier', targetId: key, details: { reason } },
    requestId,
  );
  return toStanding(await getNotifier(db, actor.orgId, key));
}

export async function suspendNotifier(
  db: Db,
  actor: Actor,
  key: string,
  input: { days: number; reason: string },
  requestId: string | null,
): Promise<NotifierStanding> {
  requireHuman(actor);
  const current = await getNotifier(db, actor.orgId, key);
  if (current.warned_at === null) {
    throw new AppError('conflict', {
      message: 'Warn the notifier before suspending the processing of their notices (Art. 23(2)).',
      field: 'params.notifierKey',
    });
  }
  const until = Date.now() + input.days * 86_400_000;
  await db
    .updateTable('notifiers')
    .set({ suspended_until: until, suspended_by: actor.id })
    .where('org_id', '=', actor.orgId)
    .where('key', '=', key)
    .execute();
  await appendAudit(
    db,
    actor,
    { action: 'notifier.suspend', targetType: 'notifier', targetId: key, details: { ...input, until } },
    requestId,
  );
  return toStanding(await getNotifier(db, actor.orgId, key));
}
