/**
 * Background work on notices, run by the outbox worker: deliver API notices, poll the platform for
 * their status, check whether the notified items are still online, and record reminders when a
 * response clock runs out. Network work happens in the handler; the returned effects append events
 * in the worker's transaction (exactly once). `now` and `transport` are injectable so tests can run
 * the jobs against a fake platform at simulated times.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { systemActor, type Actor } from '../identity/actor.ts';
import { enqueueJob, type Job } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Database } from '../storage/schema.ts';
import type { Db } from '../storage/transaction.ts';
import { noticeClocks } from './clocks.ts';
import type { NoticeEvent } from './events.ts';
import {
  appendNoticeEvent,
  NOTICE_DELIVER_JOB,
  NOTICE_LIVENESS_JOB,
  NOTICE_POLL_JOB,
  NOTICE_REMIND_JOB,
  POLL_INTERVAL_MS,
  systemNow,
  type Now,
} from './log.ts';
import {
  eventsFromStatus,
  platformStatusSchema,
  statusUrl,
  submissionBody,
  submitAnswerSchema,
} from './platform-protocol.ts';
import type { NoticeTable } from './tables.ts';
import type { Transport } from './transport.ts';

/** Polling stops this long after sending, decided or not. */
export const POLL_HORIZON_MS = 30 * 24 * 3_600_000;
/**
 * Delay before poll round `round` (round 1 is an hour after sending): doubling from one hour, at most
 * a day, so a fast platform is seen quickly and a silent one costs about 30 polls a month. The
 * platform's stated times, not the poll times, date the events, so the spacing does not bias clocks.
 */
export const pollDelay = (round: number) => Math.min(24 * 3_600_000, POLL_INTERVAL_MS * 2 ** (round - 1));

/** HTTP answers that mean the item is gone (removed, or withheld for legal reasons). */
const GONE_STATUSES = new Set([404, 410, 451]);

interface NoticeJobPayload {
  noticeId: string;
  round?: number;
  clock?: 'acknowledgement' | 'decision';
}

const jobActor = (orgId: string): Actor => systemActor(orgId, 'notices');

async function loadNotice(db: Db, job: Job): Promise<NoticeTable | undefined> {
  const { noticeId } = job.payload as NoticeJobPayload;
  if (!job.orgId) return undefined;
  return db
    .selectFrom('notices')
    .selectAll()
    .where('org_id', '=', job.orgId)
    .where('id', '=', noticeId)
    .executeTakeFirst();
}

async function platformChannel(db: Db, notice: NoticeTable) {
  const platform = await db
    .selectFrom('platforms')
    .select('channels')
    .where('org_id', '=', notice.org_id)
    .where('id', '=', notice.platform_id)
    .executeTakeFirstOrThrow();
  const channels = JSON.parse(platform.channels) as { kind: string; statusUrl?: string }[];
  return channels.find((c) => c.kind === notice.channel);
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new Error(`the platform's ${what} answer is not JSON`);
  }
}

const appendAll =
  (notice: NoticeTable, events: { event: NoticeEvent; at: number }[], now: Now) =>
  async (trx: Transaction<Database>) => {
    for (const { event, at } of events) {
      await appendNoticeEvent(trx, jobActor(notice.org_id), notice.id, event, { now, at });
    }
  };

export interface NoticeJobOptions {
  now?: Now;
  /** How notices reach platforms: `safeTransport` with the server's outbound settings, or a test's fake. */
  transport: Transport;
}

export function noticeJobHandlers(options: NoticeJobOptions): Record<string, JobHandler> {
  const now = options.now ?? systemNow;
  const { transport } = options;

  /** One delivery attempt; throws to retry. */
  async function submit(
    notice: NoticeTable,
  ): Promise<{ ticketId?: string | undefined; submissionSha256: string }> {
    const body = submissionBody(notice);
    const response = await transport(notice.channel_address, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': notice.id },
      body,
    });
    if (response.status < 200 || response.status > 299) {
      throw new Error(`the platform refused the notice with HTTP ${response.status}`);
    }
    const answer = submitAnswerSchema.safeParse(
      response.body.length ? parseJson(response.body, 'submit') : {},
    );
    return {
      ticketId: answer.success ? answer.data.ticketId : undefined,
      submissionSha256: createHash('sha256').update(body).digest('hex'),
    };
  }

  const deliver: JobHandler = async (job, db) => {
    const notice = await loadNotice(db, job);
    if (!notice || notice.sent_at !== null || notice.status === 'delivery_failed') return;
    let event: NoticeEvent;
    try {
      event = { type: 'sent', ...(await submit(notice)) };
    } catch (error) {
      // Retried with backoff by the outbox; the last attempt marks the notice instead of dying silently.
      if (job.attempts < job.maxAttempts) throw error;
      event = {
        type: 'delivery_failed',
        error: (error as Error).message.slice(0, 500),
        attempts: job.attempts,
      };
    }
    const at = now();
    return appendAll(notice, [{ event, at }], () => at);
  };

  const poll: JobHandler = async (job, db) => {
    const notice = await loadNotice(db, job);
    const channel = notice && (await platformChannel(db, notice));
    if (!notice || notice.sent_at === null || notice.closed_at !== null || !channel?.statusUrl) return;
    const response = await transport(statusUrl(channel.statusUrl, notice), { method: 'GET' });
    if (response.status !== 200) throw new Error(`the platform's status answer is HTTP ${response.status}`);
    const parsed = platformStatusSchema.safeParse(parseJson(response.body, 'status'));
    if (!parsed.success)
      throw new Error(`the platform's status answer is malformed: ${parsed.error.message}`);
    const at = now();
    const events = eventsFromStatus(notice, parsed.data, at);
    const round = (job.payload as NoticeJobPayload).round ?? 1;
    const finished =
      (notice.decided_at !== null || parsed.data.decision !== undefined) &&
      (notice.sor_received_at !== null || parsed.data.statementOfReasons !== undefined);
    return async (trx) => {
      await appendAll(notice, events, () => at)(trx);
      const next = at + pollDelay(round + 1);
      if (!finished && next <= notice.sent_at! + POLL_HORIZON_MS) {
        await enqueueJob(trx, {
          kind: NOTICE_POLL_JOB,
          orgId: notice.org_id,
          payload: { noticeId: notice.id, round: round + 1 },
          idempotencyKey: `${NOTICE_POLL_JOB}:${notice.id}:${round + 1}`,
          runAt: next,
        });
      }
    };
  };

  /** Fetches every item: gone when all answer 404/410/451, online when any answers 2xx/3xx. */
  const liveness: JobHandler = async (job, db) => {
    const notice = await loadNotice(db, job);
    if (!notice || notice.sent_at === null) return;
    const items = JSON.parse(notice.items) as { url: string }[];
    const statuses: number[] = [];
    for (const item of items) {
      statuses.push((await transport(item.url, { method: 'GET' })).status);
    }
    const gone = statuses.every((s) => GONE_STATUSES.has(s));
    const online = statuses.some((s) => s >= 200 && s < 400);
    // Anything else (server errors) says nothing about the item: retry later.
    if (!gone && !online) throw new Error(`liveness inconclusive: HTTP ${statuses.join(', ')}`);
    const at = now();
    const event: NoticeEvent = {
      type: 'liveness',
      online,
      ...(statuses.length === 1 ? { httpStatus: statuses[0] } : {}),
    };
    return appendAll(notice, [{ event, at }], () => at);
  };

  const remind: JobHandler = async (job, db) => {
    const notice = await loadNotice(db, job);
    const which = (job.payload as NoticeJobPayload).clock;
    if (!notice || !which) return;
    const at = now();
    const clock = noticeClocks(notice, at)[which];
    if (clock?.state !== 'overdue') return;
    return appendAll(
      notice,
      [{ event: { type: 'reminder', clock: which, dueAt: clock.dueAt }, at }],
      () => at,
    );
  };

  return {
    [NOTICE_DELIVER_JOB]: deliver,
    [NOTICE_POLL_JOB]: poll,
    [NOTICE_LIVENESS_JOB]: liveness,
    [NOTICE_REMIND_JOB]: remind,
  };
}
