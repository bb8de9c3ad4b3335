import { z } from 'zod';
import { eventDeliveryLog } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { deliveryCursorSchema, deliveryPageQuery } from '../banks/schemas.ts';
import { idParam } from '../schemas.ts';
import { eventDeliverySchema } from './schemas.ts';

export const listEventWebhookDeliveries = defineOperation({
  id: 'cases.listEventWebhookDeliveries',
  method: 'GET',
  path: '/api/v1/event-webhooks/:webhookId/deliveries',
  summary:
    "A decision-event webhook's delivery log, newest first: status, attempts, last HTTP status and " +
    'error. A page at a time: `next` holds the `before` and `beforeId` of the next (older) page, null ' +
    'on the last one.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  params: z.strictObject({ webhookId: idParam }),
  query: deliveryPageQuery,
  response: z.object({ deliveries: z.array(eventDeliverySchema), next: deliveryCursorSchema }),
  handle: async ({ actor, db, params, query }) =>
    eventDeliveryLog.list(db, actor.orgId, params.webhookId, query),
});
