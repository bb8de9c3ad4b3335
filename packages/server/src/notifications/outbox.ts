/**
 * The notifications outbox. `queueNotification` renders a notice and stores it in the caller's
 * transaction (a decision is never recorded without its notices), sealing the recipient's address
 * with the organisation key; a `notifications.send` job then e-mails it. A notice without an address
 * is held in the console, where a person can read it and deliver it another way.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Keyring } from '../crypto/keyring.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import type { Db } from '../storage/transaction.ts';
import {
  appealOutcomeMessage,
  reportOutcomeMessage,
  statementOfReasonsMessage,
  type AppealOutcomeInput,
  type ReportOutcomeInput,
  type StatementOfReasonsInput,
} from './messages.ts';
import type { RenderedMessage } from './document.ts';
import { stringsFor } from './strings.ts';
import type { NotificationStatus, NotificationTable } from './tables.ts';

export const NOTIFICATION_SEND_JOB = 'notifications.send';

export type NotificationContent =
  | ({ kind: 'statement_of_reasons' } & StatementOfReasonsInput)
  | ({ kind: 'report_outcome' } & ReportOutcomeInput)
  | ({ kind: 'appeal_outcome' } & AppealOutcomeInput);

export type NotificationKind = NotificationContent['kind'];
export type RecipientKind = 'affected_user' | 'reporter';

/**
 * Who receives it. Either the address in clear, which this module seals before storing it, or a blob
 * the caller already sealed with `keyring.seal(db, orgId, plaintext, context)` (base64) together with
 * its context; the plaintext of such a blob is an e-mail address or a JSON object with an `email`
 * field (the reports' sealed contact `{ name, email }` can be passed as is).
 */
export type Recipient = { email: string } | { sealed: string; context: string };

export interface NewNotification {
  orgId: string;
  caseId?: string | null | undefined;
  decisionId?: string | null | undefined;
  recipientKind: RecipientKind;
  recipient?: Recipient | null | undefined;
  content: NotificationContent;
}

export interface QueuedNotification {
  id: string;
  channel: 'email' | 'console';
  status: NotificationStatus;
}

const emailSchema = z.email().max(320);

export const recipientContext = (notificationId: string) => `notification:${notificationId}:recipient`;

function render(content: NotificationContent): RenderedMessage {
  switch (content.kind) {
    case 'statement_of_reasons':
      return statementOfReasonsMessage(content);
    case 'report_outcome':
      return reportOutcomeMessage(content);
    case 'appeal_outcome':
      return appealOutcomeMessage(content);
  }
}

async function sealRecipient(
  db: Db,
  keyring: Keyring,
  orgId: string,
  id: string,
  recipient: Recipient,
): Promise<{ sealed: string; context: string }> {
  if ('sealed' in recipient) return recipient;
  const email = emailSchema.safeParse(recipient.email.trim());
  if (!email.success) {
    throw new AppError('validation_failed', {
      message: 'The recipient address is not valid.',
      field: 'recipient.email',
    });
  }
  const context = recipientContext(id);
  const sealed = await keyring.seal(db, orgId, email.data, context);
  return { sealed: sealed.toString('base64'), context };
}

/** Renders and stores a notice, in the caller's transaction, and schedules its delivery. */
export async function queueNotification(
  db: Db,
  keyring: Keyring,
  input: NewNotification,
): Promise<QueuedNotification> {
  const id = randomUUID();
  const message = render(input.content);
  const recipient = input.recipient
    ? await sealRecipient(db, keyring, input.orgId, id, input.recipient)
    : null;
  const channel = recipient ? 'email' : 'console';
  const status: NotificationStatus = recipient ? 'queued' : 'held';
  await db
    .insertInto('notifications')
    .values({
      id,
      org_id: input.orgId,
      case_id: input.caseId ?? null,
      decision_id: input.decisionId ?? null,
      kind: input.content.kind,
      recipient_kind: input.recipientKind,
      recipient_sealed: recipient?.sealed ?? null,
      recipient_context: recipient?.context ?? null,
      locale: stringsFor(input.content.language).locale,
      channel,
      subject: message.subject,
      body_text: message.text,
      body_html: message.html,
      status,
      last_error: null,
      created_at: Date.now(),
      sent_at: null,
    })
    .execute();
  if (recipient) {
    await enqueueJob(db, {
      kind: NOTIFICATION_SEND_JOB,
      orgId: input.orgId,
      payload: { notificationId: id },
      idempotencyKey: `notification:${id}`,
    });
  }
  return { id, channel, status };
}

export interface NotificationView {
  id: string;
  caseId: string | null;
  decisionId: string | null;
  kind: string;
  recipientKind: string;
  /** Whether an address is on file (the address itself is never shown). */
  hasRecipient: boolean;
  locale: string;
  channel: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  status: string;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

function toView(row: NotificationTable): NotificationView {
  return {
    id: row.id,
    caseId: row.case_id,
    decisionId: row.decision_id,
    kind: row.kind,
    recipientKind: row.recipient_kind,
    hasRecipient: row.recipient_sealed !== null,
    locale: row.locale,
    channel: row.channel,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    status: row.status,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

export interface NotificationFilter {
  caseId?: string | undefined;
  status?: NotificationStatus | undefined;
  limit: number;
}

/** The organisation's notices, newest first. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  filter: NotificationFilter,
): Promise<NotificationView[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .$if(filter.caseId !== undefined, (q) => q.where('case_id', '=', filter.caseId!))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
  return rows.map(toView);
}
