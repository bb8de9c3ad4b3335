import { z } from 'zod';
import { listEventDeliveries } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { eventDeliverySchema } from './schemas.ts';

export const listEventWebhookDeliveries = defineOperation({
  id: 'cases.listEventWebhookDeliveries',
  method: 'GET',
  path: '/api/v1/event-webhooks/:webhookId/deliveries',
  summary:
    "A decision-event webhook's delivery log, newest first: status, attempts, last HTTP status and error.",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  params: z.strictObject({ webhookId: idParam }),
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  response: z.object({ deliveries: z.array(eventDeliverySchema) }),
  handle: async ({ actor, db, params, query }) => ({
    deliveries: await listEventDeliveries(db, actor.orgId, params.webhookId, query.limit),
  }),
});
