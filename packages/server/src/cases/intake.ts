/**
 * Notice intake (DSA Art. 16): a report from the public form or from a platform / trusted flagger
 * API key becomes a `reports` row filed into a case, in one transaction. The reporter's contact is
 * sealed at once; attachments are hashed and stored encrypted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { canonicalUrl, InvalidUrlError } from '@vigie/hashing';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { AppError } from '../errors.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import type { Actor } from '../identity/actor.ts';
import { CATEGORY, KEYWORD } from '../taxonomy/dsa.ts';
import type { Db } from '../storage/transaction.ts';
import { storeAttachment } from './attachments.ts';
import { fileIntoCase, type ContentKey } from './grouping.ts';
import { assertNotSuspended, countNotice } from './misuse.ts';
import { newReportReference } from './references.ts';
import type { ReportAttachmentTable, ReportTable } from './tables.ts';

/** The category whose notices may be anonymous: offences of Arts. 3–7 of Directive 2011/93/EU. */
export const ANONYMOUS_CATEGORY = 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS';

export const HASH_ATTACHMENT_JOB = 'cases.hash_attachment';

/** The Art. 16(2) notice elements, shared by the public form and the API. */
export const noticeSchema = z.strictObject({
  url: z.string().min(1).max(2000).describe('Exact URL of the content (Art. 16(2)(b))'),
  explanation: z.string().trim().min(10).max(5000).describe('Why the content is illegal (Art. 16(2)(a))'),
  category: z.enum(CATEGORY),
  keywords: z.array(z.enum(KEYWORD)).max(20).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as fr')
    .optional()
    .describe('Language of the content'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FR')
    .optional(),
  reporter: z
    .strictObject({ name: z.string().trim().min(1).max(200), email: z.email().max(320) })
    .optional()
    .describe('Required unless the category is child sexual abuse (Art. 16(2)(c))'),
  reporterLanguage: z.enum(['fr', 'en']).optional().describe('Language to answer the reporter in'),
  goodFaith: z.literal(true, 'confirm that the notice is accurate and complete (Art. 16(2)(d))'),
  attachments: z
    .array(
      z.strictObject({
        filename: z.string().min(1).max(255),
        mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as image/png'),
        data: z.base64().max(8_000_000),
      }),
    )
    .max(5)
    .optional(),
});
export type NoticeInput = z.infer<typeof noticeSchema>;

export type NotifierType = 'individual' | 'entity' | 'trusted_flagger' | 'authority' | 'hotline';

export interface Submission {
  notice: NoticeInput;
  channel: 'web_form' | 'api';
  notifierType: NotifierType;
  /** An authority's removal order under Regulation (EU) 2021/784 (one-hour deadline). */
  removalOrder?: boolean;
}

export interface IntakeDeps {
  keyring: Keyring;
  dataDir: string;
}

function sourceTypeOf(s: Submission): string {
  if (s.notifierType === 'authority') return s.removalOrder ? 'removal_order' : 'authority';
  if (s.notifierType === 'trusted_flagger') return 'trusted_flagger';
  return 'notice';
}

/** The notifier counted for misuse: the API key, or the reporter's email (hashed, never stored plain). */
function notifierKeyOf(actor: Actor | undefined, orgId: string, notice: NoticeInput): string | null {
  if (actor && actor.type === 'api_key') return `apikey:${actor.id}`;
  if (notice.reporter) {
    const email = notice.reporter.email.trim().toLowerCase();
    return `email:${createHash('sha256').update(`${orgId}:${email}`).digest('hex')}`;
  }
  return null;
}

function canonicalOrNull(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch (error) {
    if (error instanceof InvalidUrlError) {
      throw new AppError('validation_failed', {
        message: 'The URL is not an http(s) address.',
        field: 'body.url',
      });
    }
    throw error;
  }
}

export interface SubmittedReport {
  reportId: string;
  reference: string;
  caseId: string;
  caseReference: string;
  receivedAt: number;
}

/**
 * Files a notice. `actor` is the API key for authenticated intake, undefined for the public form
 * (the audit entry then names the public intake).
 */
export async function submitReport(
  db: Db,
  deps: IntakeDeps,
  orgId: string,
  actor: Actor | undefined,
  submission: Submission,
  requestId: string | null,
): Promise<SubmittedReport> {
  const filed = await fileReport(db, deps, orgId, actor, submission);
  await filed.finish(db, requestId);
  return filed;
}

/**
 * `submitReport` in two steps: filing, then `finish` (the notifier's count and the audit entry).
 * Group commit runs the `finish` of a whole batch last, so the rows every report of an organisation
 * touches — its audit chain head, a frequent notifier — are locked (PostgreSQL) only at the end of a
 * batch, always in the same order, and batches on separate connections do not deadlock.
 */
export async function fileReport(
  db: Db,
  deps: IntakeDeps,
  orgId: string,
  actor: Actor | undefined,
  submission: Submission,
): Promise<SubmittedReport & { finish(db: Db, requestId: string | null): Promise<void> }> {
  const { notice } = submission;
  if (!notice.reporter && notice.category !== ANONYMOUS_CATEGORY) {
    throw new AppError('validation_failed', {
      message: 'Give your name and email; only child sexual abuse notices may be anonymous.',
      field: 'body.reporter',
    });
  }
  const canonical = canonicalOrNull(notice.url);
  const notifierKey = notifierKeyOf(actor, orgId, notice);
  const now = Date.now();
  const reportId = randomUUID();
  const reference = newReportReference();
  const filer: Pick<Actor, 'type' | 'id' | 'orgId'> = actor ?? { type: 'system', id: 'public-intake', orgId };

  if (notifierKey) await assertNotSuspended(db, orgId, notifierKey, now);

  const attachments: ReportAttachmentTable[] = [];
  for (const a of notice.attachments ?? []) {
    attachments.push(await storeAttachment(db, deps.keyring, deps.dataDir, orgId, reportId, a));
  }
  const keys: ContentKey[] = [
    ...(canonical ? [{ kind: 'url' as const, value: canonical }] : []),
    ...attachments.map((a) => ({ kind: 'sha256' as const, value: a.sha256 })),
  ];
  const sourceType = sourceTypeOf(submission);
  const filed = await fileIntoCase(
    db,
    filer,
    {
      keys,
      attributes: {
        category: notice.category,
        language: notice.language ?? null,
        country: notice.country ?? null,
        url: notice.url,
        canonicalUrl: canonical,
        sourceType,
        trustedFlagger: submission.notifierType === 'trusted_flagger',
      },
      reports: 1,
      matches: 0,
      events: [
        {
          type: 'reported',
          data: {
            reportId,
            channel: submission.channel,
            notifierType: submission.notifierType,
            category: notice.category,
          },
        },
      ],
    },
    now,
  );

  const row: ReportTable = {
    id: reportId,
    org_id: orgId,
    reference,
    case_id: filed.caseId,
    channel: submission.channel,
    notifier_type: submission.notifierType,
    notifier_key: notifierKey,
    url: notice.url,
    canonical_url: canonical,
    explanation: notice.explanation,
    category: notice.category,
    keywords: JSON.stringify(notice.keywords ?? []),
    language: notice.language ?? null,
    country: notice.country ?? null,
    contact_sealed: notice.reporter
      ? (
          await deps.keyring.seal(db, orgId, JSON.stringify(notice.reporter), contactContext(reportId))
        ).toString('base64')
      : null,
    reporter_language: notice.reporterLanguage ?? null,
    good_faith: 1,
    received_at: now,
    outcome_notified_at: null,
  };
  await db.insertInto('reports').values(row).execute();
  if (attachments.length > 0) {
    await db.insertInto('report_attachments').values(attachments).execute();
    for (const a of attachments.filter((x) => x.media_type.startsWith('image/'))) {
      await enqueueJob(db, { kind: HASH_ATTACHMENT_JOB, orgId, payload: { orgId, attachmentId: a.id } });
    }
  }
  return {
    reportId,
    reference,
    caseId: filed.caseId,
    caseReference: filed.reference,
    receivedAt: now,
    async finish(trx: Db, requestId: string | null) {
      if (notifierKey) await countNotice(trx, orgId, notifierKey, notifierLabel(actor, notice));
      await appendAudit(
        trx,
        filer as Actor,
        {
          action: 'report.submit',
          targetType: 'report',
          targetId: reportId,
          details: { caseId: filed.caseId, channel: submission.channel, category: notice.category },
        },
        requestId,
      );
    },
  };
}

export const contactContext = (reportId: string) => `report:${reportId}:contact`;

function notifierLabel(actor: Actor | undefined, notice: NoticeInput): string {
  if (actor?.type === 'api_key') return `API key ${actor.id}`;
  // The label must not reveal the email: initials of the name only.
  const name = notice.reporter?.name ?? 'anonymous';
  return `web form reporter ${name.slice(0, 1).toUpperCase()}.`;
}
