import { z } from 'zod';
import { bankDeliveryLog } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { deliveryIdParams, deliverySchema } from './schemas.ts';

export const redeliverDelivery = defineOperation({
  id: 'banks.redeliverDelivery',
  method: 'POST',
  path: '/api/v1/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
  summary:
    'Send a failed delivery again, with the same `webhook-id` so the receiver can de-duplicate: it is ' +
    'pending again, its attempt log kept. 409 `delivery_not_failed` unless it failed, ' +
    '`webhook_disabled` while the subscription is disabled.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  params: deliveryIdParams,
  response: z.object({ delivery: deliverySchema }),
  handle: async ({ actor, db, params, requestId }) => ({
    delivery: await bankDeliveryLog.redeliver(db, actor, params.webhookId, params.deliveryId, requestId),
  }),
});
