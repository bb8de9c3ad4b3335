/** Tables of the notifications module (migration 0006-notifications). */

export type NotificationStatus = 'queued' | 'sent' | 'held';

export interface NotificationTable {
  id: string;
  org_id: string;
  case_id: string | null;
  decision_id: string | null;
  /** `statement_of_reasons`, `report_outcome`, `appeal_outcome`. */
  kind: string;
  /** `affected_user` or `reporter`. */
  recipient_kind: string;
  /** The recipient's e-mail address sealed with the organisation key (base64); never stored in clear. */
  recipient_sealed: string | null;
  /** The keyring context the address was sealed under (not secret; binds the blob to its record). */
  recipient_context: string | null;
  locale: string;
  /** `email` or `console` (no address: shown in the console for a person to deliver). */
  channel: string;
  subject: string;
  body_text: string;
  body_html: string;
  /** `queued` → `sent`, or `held` when it can only be read in the console (no address, no SMTP). */
  status: NotificationStatus;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

declare module '../storage/schema.ts' {
  interface Database {
    notifications: NotificationTable;
  }
}
