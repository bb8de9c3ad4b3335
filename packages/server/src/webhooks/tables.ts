/**
 * The columns every kind of webhook subscription and delivery table has (bank match webhooks in
 * banks/tables.ts, decision-event webhooks in cases/tables.ts add their own), so that the shared
 * delivery log (delivery-log.ts) can read and write either kind.
 */

/** The columns every delivery table has. */
export interface DeliveryColumns {
  /** Also the `webhook-id` header: stable across retries and redeliveries, so receivers can de-duplicate. */
  id: string;
  org_id: string;
  webhook_id: string;
  /** The job that sends it now (a redelivery queues a new one). */
  job_id: string | null;
  payload: string;
  /** `pending`, `delivered` or `failed` (gave up). */
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

/** The columns every subscription table has. */
export interface SubscriptionColumns {
  id: string;
  org_id: string;
  url: string;
  /** The signing secret, sealed with the organisation's data key (crypto/keyring.ts). */
  secret_sealed: Buffer;
  disabled_at: number | null;
}
