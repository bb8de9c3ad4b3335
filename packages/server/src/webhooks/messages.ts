/**
 * Webhook messages, whichever kind of subscription they go to: a secret in the Standard Webhooks format
 * and one message queued for delivery (its id, the body to sign and the job that sends it), written in
 * the caller's transaction so the change that causes a message and the message are committed together.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { enqueueJob } from '../jobs/outbox.ts';
import type { Db } from '../storage/transaction.ts';

export interface WebhookEvent {
  type: string;
  data: unknown;
}

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface QueuedMessage {
  /** The delivery row's id, also the `webhook-id` header. */
  id: string;
  jobId: string;
  /** The JSON body, exactly as it will be signed and sent. */
  payload: string;
  now: number;
}

/**
 * One message ready to store as a delivery row: its id (the `webhook-id` header), the signed body and
 * the job that sends it, enqueued in the caller's transaction.
 */
export async function queueWebhookMessage(
  trx: Db,
  orgId: string,
  jobKind: string,
  event: WebhookEvent,
): Promise<QueuedMessage> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const now = Date.now();
  const payload = { type: event.type, timestamp: new Date(now).toISOString(), data: event.data };
  const job = await enqueueJob(trx, {
    kind: jobKind,
    orgId,
    payload: { deliveryId: id },
    idempotencyKey: `webhook-delivery:${id}`,
  });
  return { id, jobId: job.id, payload: JSON.stringify(payload), now };
}
