import { z } from 'zod';
import { listDeliveries as listWebhookDeliveries } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { deliverySchema } from './schemas.ts';

export const listDeliveries = defineOperation({
  id: 'banks.listDeliveries',
  method: 'GET',
  path: '/api/v1/webhooks/:webhookId/deliveries',
  summary: "A webhook's delivery log, newest first: status, attempts, last HTTP status and error.",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  params: z.strictObject({ webhookId: idParam }),
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  response: z.object({ deliveries: z.array(deliverySchema) }),
  handle: async ({ actor, db, params, query }) => ({
    deliveries: await listWebhookDeliveries(db, actor.orgId, params.webhookId, query.limit),
  }),
});
