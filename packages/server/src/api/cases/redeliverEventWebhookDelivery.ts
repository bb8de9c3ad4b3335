import { z } from 'zod';
import { eventDeliveryLog } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { deliveryIdParams } from '../banks/schemas.ts';
import { eventDeliverySchema } from './schemas.ts';

export const redeliverEventWebhookDelivery = defineOperation({
  id: 'cases.redeliverEventWebhookDelivery',
  method: 'POST',
  path: '/api/v1/event-webhooks/:webhookId/deliveries/:deliveryId/redeliver',
  summary:
    'Send a failed decision-event delivery again, with the same `webhook-id` so the platform can ' +
    'de-duplicate: it is pending again, its attempt log kept. 409 `delivery_not_failed` unless it ' +
    'failed, `webhook_disabled` while the subscription is disabled.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  params: deliveryIdParams,
  response: z.object({ delivery: eventDeliverySchema }),
  handle: async ({ actor, db, params, requestId }) => ({
    delivery: await eventDeliveryLog.redeliver(db, actor, params.webhookId, params.deliveryId, requestId),
  }),
});
