/**
 * Outbound notices: recording what an organisation sent to a platform (from a case or on its own),
 * reading notices back, the overdue list, and flagging notices into studies. Changes to a sent
 * notice go through the event log (log.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { ackWithinMs, decisionWithinMs, type ChannelKind } from '../platforms/channels.ts';
import { channelOf, getPlatformRow, toPlatform } from '../platforms/platforms.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { activeStudyOf } from '../studies/studies.ts';
import { appendNoticeEvent, getNoticeRow, NOTICE_DELIVER_JOB, systemNow, type Now } from './log.ts';
import type { NoticeTable } from './tables.ts';
import { toEventView, toNotice, type Notice, type NoticeEventView } from './view.ts';

export interface NoticeInput {
  platformId: string;
  channel: ChannelKind;
  legalBasis: string;
  trustedFlagger?: boolean | undefined;
  category?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
  text: string;
  items?: { url: string }[] | undefined;
  caseId?: string | undefined;
  studyId?: string | undefined;
  /** When it was sent through a channel Vigie does not drive (form, email); default: now. */
  sentAt?: number | undefined;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newNoticeReference = () => `N-${[...randomBytes(10)].map((b) => ALPHABET[b & 31]).join('')}`;

/** Category, country, language and URL of a linked case, as defaults for the notice. */
async function caseDefaults(db: Db, orgId: string, caseId: string) {
  const row = await db
    .selectFrom('cases')
    .select(['category', 'country', 'language', 'url'])
    .where('org_id', '=', orgId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('Case', 'body.caseId');
  return row;
}

export async function createNotice(
  db: Db,
  actor: Actor,
  input: NoticeInput,
  options: { now?: Now; requestId?: string | null } = {},
): Promise<Notice> {
  const now = (options.now ?? systemNow)();
  return inTransaction(db, async (trx) => {
    const platform = toPlatform(await getPlatformRow(trx, actor.orgId, input.platformId, 'body.platformId'));
    const channel = channelOf(platform, input.channel, 'body.channel');
    const fromCase = input.caseId ? await caseDefaults(trx, actor.orgId, input.caseId) : undefined;
    if (input.studyId) await activeStudyOf(trx, actor.orgId, input.studyId, 'body.studyId');
    const items = input.items ?? (fromCase?.url ? [{ url: fromCase.url }] : []);
    if (items.length === 0) {
      throw new AppError('validation_failed', {
        message: 'A notice names at least one item URL.',
        field: 'body.items',
      });
    }
    const category = input.category ?? fromCase?.category;
    if (!category) {
      throw new AppError('validation_failed', {
        message: 'A notice needs a category.',
        field: 'body.category',
      });
    }
    if (input.sentAt !== undefined && (input.sentAt > now || channel.kind === 'api')) {
      throw new AppError('validation_failed', {
        message: 'sentAt is for channels Vigie does not drive, and cannot be in the future.',
        field: 'body.sentAt',
      });
    }
    const row: NoticeTable = {
      id: randomUUID(),
      org_id: actor.orgId,
      reference: newNoticeReference(),
      platform_id: platform.id,
      platform_slug: platform.slug,
      case_id: input.caseId ?? null,
      study_id: input.studyId ?? null,
      channel: channel.kind,
      channel_address: channel.address,
      legal_basis: input.legalBasis,
      trusted_flagger: input.trustedFlagger ? 1 : 0,
      category,
      country: input.country ?? fromCase?.country ?? null,
      language: input.language ?? fromCase?.language ?? null,
      body: input.text,
      items: JSON.stringify(items),
      status: 'pending_delivery',
      sent_at: null,
      ack_within_ms: ackWithinMs(channel),
      decision_within_ms: decisionWithinMs(channel),
      ack_due_at: null,
      decision_due_at: null,
      acknowledged_at: null,
      decision: null,
      decided_at: null,
      sor_received_at: null,
      escalated_at: null,
      reversed_at: null,
      content_gone_at: null,
      closed_at: null,
      external_id: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      last_seq: 0,
    };
    await trx.insertInto('notices').values(row).execute();
    await appendAudit(
      trx,
      actor,
      {
        action: 'notice.create',
        targetType: 'notice',
        targetId: row.id,
        details: { reference: row.reference, platform: platform.slug, channel: channel.kind },
      },
      options.requestId ?? null,
    );
    await appendNoticeEvent(
      trx,
      actor,
      row.id,
      { type: 'created' },
      { now: () => now, at: now, audit: false },
    );
    if (channel.kind === 'api') {
      await enqueueJob(trx, {
        kind: NOTICE_DELIVER_JOB,
        orgId: actor.orgId,
        payload: { noticeId: row.id },
        idempotencyKey: `${NOTICE_DELIVER_JOB}:${row.id}`,
      });
    } else {
      await appendNoticeEvent(
        trx,
        actor,
        row.id,
        { type: 'sent' },
        { now: () => now, at: input.sentAt ?? now, audit: false },
      );
    }
    return getNotice(trx, actor.orgId, row.id, now);
  });
}

export async function getNotice(db: Db, orgId: string, noticeId: string, asOf: number): Promise<Notice> {
  return toNotice(await getNoticeRow(db, orgId, noticeId), asOf);
}

export async function listNoticeEvents(db: Db, orgId: string, noticeId: string): Promise<NoticeEventView[]> {
  await getNoticeRow(db, orgId, noticeId);
  const rows = await db
    .selectFrom('notice_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('notice_id', '=', noticeId)
    .orderBy('seq')
    .execute();
  return rows.map(toEventView);
}

export interface NoticeFilter {
  /** Only notices with a clock overdue at `asOf`. */
  overdue?: boolean | undefined;
  platformId?: string | undefined;
  status?: string | undefined;
  limit: number;
}

export async function listNotices(
  db: Db,
  orgId: string,
  filter: NoticeFilter,
  asOf: number,
): Promise<Notice[]> {
  const rows = await db
    .selectFrom('notices')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(filter.platformId !== undefined, (q) => q.where('platform_id', '=', filter.platformId as string))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
    .$if(filter.overdue === true, (q) =>
      q
        .where('sent_at', 'is not', null)
        .where('sent_at', '<=', asOf)
        .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', asOf)]))
        .where((eb) =>
          eb.or([
            eb.and([
              eb('decision_due_at', '<', asOf),
              eb.or([eb('decided_at', 'is', null), eb('decided_at', '>', asOf)]),
            ]),
            eb.and([
              eb('ack_due_at', '<', asOf),
              eb.or([eb('decided_at', 'is', null), eb('decided_at', '>', asOf)]),
              eb.or([eb('acknowledged_at', 'is', null), eb('acknowledged_at', '>', asOf)]),
            ]),
          ]),
        ),
    )
    .orderBy(filter.overdue ? 'decision_due_at' : 'created_at', filter.overdue ? 'asc' : 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => toNotice(row, asOf));
}

/** Flags the notice into a study the organisation is an active member of (or out, with null). */
export async function setNoticeStudy(
  db: Db,
  actor: Actor,
  noticeId: string,
  studyId: string | null,
  requestId: string | null = null,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await getNoticeRow(trx, actor.orgId, noticeId);
    if (studyId !== null) await activeStudyOf(trx, actor.orgId, studyId, 'body.studyId');
    await trx
      .updateTable('notices')
      .set({ study_id: studyId, updated_at: Date.now() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', noticeId)
      .execute();
    await appendAudit(
      trx,
      actor,
      { action: 'notice.set_study', targetType: 'notice', targetId: noticeId, details: { studyId } },
      requestId,
    );
  });
}
