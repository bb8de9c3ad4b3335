import { z } from 'zod';
import { updateEventWebhook as update } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { webhookUrl } from '../banks/schemas.ts';
import { idParam } from '../schemas.ts';
import { eventTypesSchema, eventWebhookSchema } from './schemas.ts';

export const updateEventWebhook = defineOperation({
  id: 'cases.updateEventWebhook',
  method: 'PATCH',
  path: '/api/v1/event-webhooks/:webhookId',
  summary: "Change a decision-event subscription's URL, description or event types, or disable it.",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  params: z.strictObject({ webhookId: idParam }),
  body: z.strictObject({
    url: webhookUrl.optional(),
    description: z.string().max(500).optional(),
    eventTypes: eventTypesSchema.optional(),
    disabled: z.boolean().optional(),
  }),
  response: z.object({ webhook: eventWebhookSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    webhook: await update(db, actor, params.webhookId, body, requestId),
  }),
});
