/**
 * The notice event log: appending an event moves the projection in the same transaction, guarded by
 * `last_seq` so concurrent appends cannot interleave; sending starts the clocks and schedules the
 * follow-up jobs. Time is a parameter (`now`) so that tests can simulate days exactly.
 */
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { eventConflict, projectEvent, type NoticeEvent } from './events.ts';
import type { NoticeTable } from './tables.ts';

export const NOTICE_DELIVER_JOB = 'notices.deliver';
export const NOTICE_POLL_JOB = 'notices.poll';
export const NOTICE_REMIND_JOB = 'notices.remind';
export const NOTICE_LIVENESS_JOB = 'notices.liveness';

export type Now = () => number;
export const systemNow: Now = () => Date.now();

export async function getNoticeRow(db: Db, orgId: string, noticeId: string): Promise<NoticeTable> {
  const row = await db
    .selectFrom('notices')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!row) throw notFound('Notice', 'params.noticeId');
  return row;
}

/**
 * Appends one event and moves the projection. `at` is when it happened (default: now); it may not be
 * in the future nor before the notice was sent. When the event is `sent`, the response clocks start
 * and reminders are scheduled at each due time.
 */
export async function appendNoticeEvent(
  db: Db,
  actor: Actor,
  noticeId: string,
  event: NoticeEvent,
  options: { now?: Now; at?: number | undefined; requestId?: string | null; audit?: boolean } = {},
): Promise<NoticeTable> {
  const now = (options.now ?? systemNow)();
  const at = options.at ?? now;
  return inTransaction(db, async (trx) => {
    const row = await getNoticeRow(trx, actor.orgId, noticeId);
    const conflict = eventConflict(row, event);
    if (conflict) throw new AppError('conflict', { message: conflict, field: 'body.type' });
    if (at > now)
      throw new AppError('validation_failed', {
        message: 'Events cannot be in the future.',
        field: 'body.at',
      });
    if (event.type !== 'sent' && row.sent_at !== null && at < row.sent_at) {
      throw new AppError('validation_failed', {
        message: 'Events cannot precede the sending of the notice.',
        field: 'body.at',
      });
    }
    const changes: Partial<NoticeTable> = projectEvent(row, event, at);
    if (event.type === 'sent') {
      // The clocks run from the moment of sending, with the channel's expected times.
      changes.ack_due_at = at + row.ack_within_ms;
      changes.decision_due_at = at + row.decision_within_ms;
    }
    const seq = row.last_seq + 1;
    const updated = await trx
      .updateTable('notices')
      .set({ ...changes, last_seq: seq, updated_at: now })
      .where('id', '=', row.id)
      .where('last_seq', '=', row.last_seq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('conflict', { message: 'The notice changed meanwhile; retry.' });
    }
    await trx
      .insertInto('notice_events')
      .values({
        org_id: row.org_id,
        notice_id: row.id,
        seq,
        type: event.type,
        actor_type: actor.type,
        actor_id: actor.id,
        data: JSON.stringify(event),
        at,
        recorded_at: now,
      })
      .execute();
    if (options.audit !== false) {
      await appendAudit(
        trx,
        actor,
        { action: `notice.${event.type}`, targetType: 'notice', targetId: row.id, details: { seq, at } },
        options.requestId ?? null,
      );
    }
    const next = { ...row, ...changes, last_seq: seq, updated_at: now };
    if (event.type === 'sent') await scheduleFollowUps(trx, next);
    return next;
  });
}

export const LIVENESS_CHECK_OFFSETS_MS = [24 * 3_600_000, 48 * 3_600_000, 7 * 24 * 3_600_000] as const;
export const POLL_INTERVAL_MS = 3_600_000;

/**
 * Reminders at each due time, liveness checks of the items at +24 h, +48 h and +7 d, and for API
 * notices the first status poll.
 */
async function scheduleFollowUps(trx: Db, notice: NoticeTable): Promise<void> {
  const sentAt = notice.sent_at as number;
  const jobs: { kind: string; key: string; payload: Record<string, unknown>; runAt: number }[] = [
    // One millisecond after the due time: overdue means strictly after it.
    {
      kind: NOTICE_REMIND_JOB,
      key: 'acknowledgement',
      payload: { clock: 'acknowledgement' },
      runAt: (notice.ack_due_at as number) + 1,
    },
    {
      kind: NOTICE_REMIND_JOB,
      key: 'decision',
      payload: { clock: 'decision' },
      runAt: (notice.decision_due_at as number) + 1,
    },
    ...LIVENESS_CHECK_OFFSETS_MS.map((offset) => ({
      kind: NOTICE_LIVENESS_JOB,
      key: String(offset),
      payload: {},
      runAt: sentAt + offset,
    })),
  ];
  if (notice.channel === 'api') {
    jobs.push({ kind: NOTICE_POLL_JOB, key: '1', payload: { round: 1 }, runAt: sentAt + POLL_INTERVAL_MS });
  }
  for (const job of jobs) {
    await enqueueJob(trx, {
      kind: job.kind,
      orgId: notice.org_id,
      payload: { noticeId: notice.id, ...job.payload },
      idempotencyKey: `${job.kind}:${notice.id}:${job.key}`,
      runAt: job.runAt,
    });
  }
}
