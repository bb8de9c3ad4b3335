/** Decision-event webhooks: the API's objects and operations (`/api/v1/event-webhooks`). */
import type { z } from 'zod';
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

const segment = encodeURIComponent;

export function eventWebhooksApi(client: ApiClient) {
  return {
    eventWebhooks: () => client.get<{ webhooks: EventWebhook[] }>('/api/v1/event-webhooks'),
    createEventWebhook: (body: EventWebhookInput) =>
      client.post<{ webhook: EventWebhook; secret: string }>('/api/v1/event-webhooks', body),
    updateEventWebhook: (webhookId: string, body: Partial<EventWebhookInput> & { disabled?: boolean }) =>
      client.patch<{ webhook: EventWebhook }>(`/api/v1/event-webhooks/${segment(webhookId)}`, body),
    /** One page of the log, newest first; pass the previous page's `next` for the older one. */
    eventDeliveries: (
      webhookId: string,
      query: { limit?: number; before?: number; beforeId?: string } = {},
    ) => client.get<EventDeliveryPage>(`/api/v1/event-webhooks/${segment(webhookId)}/deliveries`, query),
    /** Sends a failed delivery again (same `webhook-id`); it is pending again. */
    redeliverEvent: (webhookId: string, deliveryId: string) =>
      client.post<Redelivered>(
        `/api/v1/event-webhooks/${segment(webhookId)}/deliveries/${segment(deliveryId)}/redeliver`,
      ),
  };
}
