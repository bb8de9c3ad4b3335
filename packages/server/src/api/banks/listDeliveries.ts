import { z } from 'zod';
import { bankDeliveryLog } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { deliveryCursorSchema, deliveryPageQuery, deliverySchema } from './schemas.ts';

export const listDeliveries = defineOperation({
  id: 'banks.listDeliveries',
  method: 'GET',
  path: '/api/v1/webhooks/:webhookId/deliveries',
  summary:
    "A webhook's delivery log, newest first: status, attempts, last HTTP status and error. A page at a " +
    'time: `next` holds the `before` and `beforeId` of the next (older) page, null on the last one.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  params: z.strictObject({ webhookId: idParam }),
  query: deliveryPageQuery,
  response: z.object({ deliveries: z.array(deliverySchema), next: deliveryCursorSchema }),
  handle: async ({ actor, db, params, query }) =>
    bankDeliveryLog.list(db, actor.orgId, params.webhookId, query),
});
