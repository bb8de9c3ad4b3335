/** Decision-event webhooks: the API's objects and operations (`/api/v1/event-webhooks`). */
import type { z } from 'zod';
import type { eventDeliverySchema, eventWebhookSchema } from '../../../server/src/api/cases/schemas.ts';
import type { webhookEventTypes } from '../../../server/src/cases/event-webhooks.ts';
import type { ApiClient } from '../api/client.ts';

export type EventWebhook = z.output<typeof eventWebhookSchema>;
export type EventDelivery = z.output<typeof eventDeliverySchema>;
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
    eventDeliveries: (webhookId: string, query: { limit?: number } = {}) =>
      client.get<{ deliveries: EventDelivery[] }>(
        `/api/v1/event-webhooks/${segment(webhookId)}/deliveries`,
        query,
      ),
  };
}
