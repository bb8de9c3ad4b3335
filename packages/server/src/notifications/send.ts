/**
 * The `notifications.send` job: e-mails one queued notice through SMTP (VIGIE_SMTP_URL). Without an
 * SMTP server the notice is held in the console instead. The address is opened from its sealed form
 * only here, in memory, and never written to logs or errors: SMTP failures are recorded by their
 * codes only, since server replies often quote the address.
 */
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Db } from '../storage/transaction.ts';
import './tables.ts';

export interface NotificationSenderDeps {
  keyring: Keyring;
  /** Undefined when no SMTP server is configured: notices are then held in the console. */
  smtp: SmtpSettings | undefined;
}

export const SMTP_NOT_CONFIGURED = 'no SMTP server configured (VIGIE_SMTP_URL); read it in the console';

/** The address inside a sealed recipient: plain, or the `email` field of a sealed JSON contact. */
export function addressOf(plaintext: string): string {
  const text = plaintext.trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { email?: unknown };
    if (typeof parsed.email !== 'string') throw new Error('the sealed contact has no email field');
    return parsed.email;
  }
  return text;
}

/** An error safe to log and store: the SMTP codes, never the server's text. */
function smtpFailure(error: unknown): Error {
  const details = error as { code?: unknown; responseCode?: unknown };
  const code = typeof details.code === 'string' ? details.code : 'unknown';
  const response = typeof details.responseCode === 'number' ? ` (SMTP ${details.responseCode})` : '';
  return new Error(`e-mail delivery failed: ${code}${response}`);
}

async function recordFailure(db: Db, id: string, message: string): Promise<void> {
  await db.updateTable('notifications').set({ last_error: message }).where('id', '=', id).execute();
}

export function notificationSendHandler(deps: NotificationSenderDeps): JobHandler {
  const transport = deps.smtp ? nodemailer.createTransport(deps.smtp.url) : undefined;
  return async (job, db) => {
    const { notificationId } = job.payload as { notificationId: string };
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .where('org_id', '=', job.orgId ?? '')
      .executeTakeFirst();
    if (!row || row.status === 'sent' || row.recipient_sealed === null || row.recipient_context === null)
      return;
    if (!transport || !deps.smtp) {
      return async (trx) => {
        await trx
          .updateTable('notifications')
          .set({ status: 'held', last_error: SMTP_NOT_CONFIGURED })
          .where('id', '=', row.id)
          .execute();
      };
    }
    const plaintext = await deps.keyring.openText(
      db,
      row.org_id,
      Buffer.from(row.recipient_sealed, 'base64'),
      row.recipient_context,
    );
    try {
      await transport.sendMail({
        from: deps.smtp.from,
        to: addressOf(plaintext),
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
        // The notification id as Message-ID lets a receiving system spot a duplicate after a retry.
        messageId: `<${row.id}@vigie.notifications>`,
      });
    } catch (error) {
      const failure = smtpFailure(error);
      await recordFailure(db, row.id, failure.message);
      throw failure;
    }
    return async (trx) => {
      await trx
        .updateTable('notifications')
        .set({ status: 'sent', sent_at: Date.now(), last_error: null })
        .where('id', '=', row.id)
        .execute();
    };
  };
}
