/**
 * Notice intake (DSA Art. 16): a report from the public form or from a platform / trusted flagger
 * API key becomes a `reports` row filed into a case, in one transaction. The reporter's contact is
 * sealed at once; attachments are hashed and stored encrypted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { canonicalUrl, InvalidUrlError } from '@vigie/hashing';
import { z } from 'zod';
import { appendAuditEntries } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { AppError } from '../errors.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { systemActor, type Actor } from '../identity/actor.ts';
import { CATEGORY, KEYWORD } from '../taxonomy/dsa.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { storeAttachment } from './attachments.ts';
import { writeBatch } from './batch-writes.ts';
import { planFilings, type Filing } from './grouping.ts';
import { noticeCounts } from './misuse.ts';
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
  const report = await prepareReport(db, deps, orgId, actor, submission);
  const [filed] = await fileReports(db, [{ report, requestId }]);
  return filed as SubmittedReport;
}

/** A notice checked, identified and sealed, ready to be filed: everything that needs no transaction. */
export interface PreparedReport {
  orgId: string;
  actor: Actor | undefined;
  submission: Submission;
  reportId: string;
  reference: string;
  canonical: string | null;
  notifierKey: string | null;
  contactSealed: string | null;
  attachments: ReportAttachmentTable[];
  receivedAt: number;
}

/**
 * The first half of `submitReport`: validation, identifiers, the sealed contact and the stored
 * attachment blobs. Public intake runs it before joining a group commit, with the database itself,
 * so the organisation's data key is read once and cached rather than locked in every batch.
 */
export async function prepareReport(
  db: Db,
  deps: IntakeDeps,
  orgId: string,
  actor: Actor | undefined,
  submission: Submission,
): Promise<PreparedReport> {
  const { notice } = submission;
  if (!notice.reporter && notice.category !== ANONYMOUS_CATEGORY) {
    throw new AppError('validation_failed', {
      message: 'Give your name and email; only child sexual abuse notices may be anonymous.',
      field: 'body.reporter',
    });
  }
  const canonical = canonicalOrNull(notice.url);
  const reportId = randomUUID();
  const attachments: ReportAttachmentTable[] = [];
  for (const a of notice.attachments ?? []) {
    attachments.push(await storeAttachment(db, deps.keyring, deps.dataDir, orgId, reportId, a));
  }
  const contactSealed = notice.reporter
    ? (
        await deps.keyring.seal(db, orgId, JSON.stringify(notice.reporter), contactContext(reportId))
      ).toString('base64')
    : null;
  return {
    orgId,
    actor,
    submission,
    reportId,
    reference: newReportReference(),
    canonical,
    notifierKey: notifierKeyOf(actor, orgId, notice),
    contactSealed,
    attachments,
    receivedAt: Date.now(),
  };
}

export interface ReportToFile {
  report: PreparedReport;
  /** The request audited with the report. */
  requestId: string | null;
}

/** Who files a report into its case: the API key, or the public intake of the organisation. */
const filerOf = (r: PreparedReport): Actor => r.actor ?? systemActor(r.orgId, 'public-intake');

/**
 * The second half of `submitReport`, for many reports at once in one transaction: they are filed
 * into their cases in order (a report may join a case opened by an earlier one of the same batch),
 * and the batch is written at once (`writeBatch`: one statement on PostgreSQL). The rows every
 * report of an organisation touches — its audit chain head, frequent notifiers — are locked
 * (PostgreSQL) only at the end, in a fixed order, so batches on separate connections do not deadlock.
 */
export async function fileReports(db: Db, reports: ReportToFile[]): Promise<SubmittedReport[]> {
  if (reports.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const { filed: cases, writes } = await planFilings(
      trx,
      reports.map(({ report }) => ({
        actor: filerOf(report),
        filing: filingOf(report),
        now: report.receivedAt,
      })),
    );
    const filed = reports.map(({ report }, i): SubmittedReport => {
      const { caseId, reference } = cases[i] as { caseId: string; reference: string };
      return {
        reportId: report.reportId,
        reference: report.reference,
        caseId,
        caseReference: reference,
        receivedAt: report.receivedAt,
      };
    });
    await writeBatch(trx, {
      ...writes,
      reports: reports.map(({ report }, i) => reportRow(report, (filed[i] as SubmittedReport).caseId)),
      noticeCounts: {
        rows: noticeCounts(
          reports.flatMap(({ report: r }) =>
            r.notifierKey
              ? [{ orgId: r.orgId, key: r.notifierKey, label: notifierLabel(r.actor, r.submission.notice) }]
              : [],
          ),
        ),
        now: Date.now(),
      },
    });
    const attachments = reports.flatMap(({ report }) => report.attachments);
    if (attachments.length > 0) {
      await trx.insertInto('report_attachments').values(attachments).execute();
      for (const a of attachments.filter((x) => x.media_type.startsWith('image/'))) {
        await enqueueJob(trx, {
          kind: HASH_ATTACHMENT_JOB,
          orgId: a.org_id,
          payload: { orgId: a.org_id, attachmentId: a.id },
        });
      }
    }
    await appendAuditEntries(
      trx,
      reports.map(({ report: r, requestId }, i) => ({
        actor: filerOf(r),
        event: {
          action: 'report.submit',
          targetType: 'report',
          targetId: r.reportId,
          details: {
            caseId: (filed[i] as SubmittedReport).caseId,
            channel: r.submission.channel,
            category: r.submission.notice.category,
          },
        },
        requestId,
      })),
    );
    return filed;
  });
}

function filingOf(r: PreparedReport): Filing {
  const { notice } = r.submission;
  return {
    keys: [
      ...(r.canonical ? [{ kind: 'url' as const, value: r.canonical }] : []),
      ...r.attachments.map((a) => ({ kind: 'sha256' as const, value: a.sha256 })),
    ],
    attributes: {
      category: notice.category,
      language: notice.language ?? null,
      country: notice.country ?? null,
      url: notice.url,
      canonicalUrl: r.canonical,
      sourceType: sourceTypeOf(r.submission),
      trustedFlagger: r.submission.notifierType === 'trusted_flagger',
    },
    reports: 1,
    matches: 0,
    events: [
      {
        type: 'reported',
        data: {
          reportId: r.reportId,
          channel: r.submission.channel,
          notifierType: r.submission.notifierType,
          category: notice.category,
        },
      },
    ],
  };
}

function reportRow(r: PreparedReport, caseId: string): ReportTable {
  const { notice } = r.submission;
  return {
    id: r.reportId,
    org_id: r.orgId,
    reference: r.reference,
    case_id: caseId,
    channel: r.submission.channel,
    notifier_type: r.submission.notifierType,
    notifier_key: r.notifierKey,
    url: notice.url,
    canonical_url: r.canonical,
    explanation: notice.explanation,
    category: notice.category,
    keywords: JSON.stringify(notice.keywords ?? []),
    language: notice.language ?? null,
    country: notice.country ?? null,
    contact_sealed: r.contactSealed,
    reporter_language: notice.reporterLanguage ?? null,
    good_faith: 1,
    received_at: r.receivedAt,
    outcome_notified_at: null,
  };
}

export const contactContext = (reportId: string) => `report:${reportId}:contact`;

function notifierLabel(actor: Actor | undefined, notice: NoticeInput): string {
  if (actor?.type === 'api_key') return `API key ${actor.id}`;
  // The label must not reveal the email: initials of the name only.
  const name = notice.reporter?.name ?? 'anonymous';
  return `web form reporter ${name.slice(0, 1).toUpperCase()}.`;
}
