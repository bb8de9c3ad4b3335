/**
 * Webhooks: the API's objects and operations, for decision events (`/api/v1/event-webhooks`) and for a
 * bank's matches (`/api/v1/banks/:bankId/webhooks`, then `/api/v1/webhooks/:webhookId`).
 */
import type { z } from 'zod';
import type { listDeliveries } from '../../../server/src/api/banks/listDeliveries.ts';
import type { redeliverDelivery } from '../../../server/src/api/banks/redeliverDelivery.ts';
import type { deliverySchema, webhookSchema } from '../../../server/src/api/banks/schemas.ts';
import type { listEventWebhookDeliveries } from '../../../server/src/api/cases/listEventWebhookDeliveries.ts';
import type { redeliverEventWebhookDelivery } from '../../../server/src/api/cases/redeliverEventWebhookDelivery.ts';
import type { eventDeliverySchema, eventWebhookSchema } from '../../../server/src/api/cases/schemas.ts';
import type { webhookEventTypes } from '../../../server/src/cases/event-webhooks.ts';
import type { ApiClient } from '../api/client.ts';

export type EventWebhook = z.output<typeof eventWebhookSchema>;
export type EventDelivery = z.output<typeof eventDeliverySchema>;
/** One page of a delivery log, newest first, with `next`: where the older page starts (or null). */
export type EventDeliveryPage = z.output<typeof listEventWebhookDeliveries.response>;
type Redelivered = z.output<typeof redeliverEventWebhookDelivery.response>;
export type BankWebhook = z.output<typeof webhookSchema>;
export type BankDelivery = z.output<typeof deliverySchema>;
export type BankDeliveryPage = z.output<typeof listDeliveries.response>;
type BankRedelivered = z.output<typeof redeliverDelivery.response>;
export type EventType = EventWebhook['eventTypes'][number];

/** The events the subscription form offers, in the order it shows them. */
export const eventTypes = [
  'decision.created',
  'decision.reversed',
] as const satisfies typeof webhookEventTypes;

export interface EventWebhookInput {
  url: string;
  description?: string;
  eventTypes: EventType[];
}

/** Where the next (older) page of a delivery log starts, as the previous page's `next` gives it. */
export type DeliveryPageQuery = { limit?: number; before?: number; beforeId?: string };

export interface BankWebhookInput {
  url: string;
  description?: string;
}

const segment = encodeURIComponent;

/** Decision-event webhooks, and (`bank…` below) a bank's match webhooks. */
export function webhooksApi(client: ApiClient) {
  return {
    eventWebhooks: () => client.get<{ webhooks: EventWebhook[] }>('/api/v1/event-webhooks'),
    createEventWebhook: (body: EventWebhookInput) =>
      client.post<{ webhook: EventWebhook; secret: string }>('/api/v1/event-webhooks', body),
    updateEventWebhook: (webhookId: string, body: Partial<EventWebhookInput> & { disabled?: boolean }) =>
      client.patch<{ webhook: EventWebhook }>(`/api/v1/event-webhooks/${segment(webhookId)}`, body),
    /** One page of the log, newest first; pass the previous page's `next` for the older one. */
    eventDeliveries: (webhookId: string, query: DeliveryPageQuery = {}) =>
      client.get<EventDeliveryPage>(`/api/v1/event-webhooks/${segment(webhookId)}/deliveries`, query),
    /** Sends a failed delivery again (same `webhook-id`); it is pending again. */
    redeliverEvent: (webhookId: string, deliveryId: string) =>
      client.post<Redelivered>(
        `/api/v1/event-webhooks/${segment(webhookId)}/deliveries/${segment(deliveryId)}/redeliver`,
      ),

    bankWebhooks: (bankId: string) =>
      client.get<{ webhooks: BankWebhook[] }>(`/api/v1/banks/${segment(bankId)}/webhooks`),
    createBankWebhook: (bankId: string, body: BankWebhookInput) =>
      client.post<{ webhook: BankWebhook; secret: string }>(
        `/api/v1/banks/${segment(bankId)}/webhooks`,
        body,
      ),
    updateBankWebhook: (webhookId: string, body: Partial<BankWebhookInput> & { disabled?: boolean }) =>
      client.patch<{ webhook: BankWebhook }>(`/api/v1/webhooks/${segment(webhookId)}`, body),
    /** One page of the log, newest first; pass the previous page's `next` for the older one. */
    bankDeliveries: (webhookId: string, query: DeliveryPageQuery = {}) =>
      client.get<BankDeliveryPage>(`/api/v1/webhooks/${segment(webhookId)}/deliveries`, query),
    /** Sends a failed delivery again (same `webhook-id`); it is pending again. */
    redeliverBank: (webhookId: string, deliveryId: string) =>
      client.post<BankRedelivered>(
        `/api/v1/webhooks/${segment(webhookId)}/deliveries/${segment(deliveryId)}/redeliver`,
      ),
  };
}
