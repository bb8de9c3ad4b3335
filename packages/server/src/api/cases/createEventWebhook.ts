import { z } from 'zod';
import { createEventWebhook as create } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { webhookUrl } from '../banks/schemas.ts';
import { eventTypesSchema, eventWebhookSchema } from './schemas.ts';

export const createEventWebhook = defineOperation({
  id: 'cases.createEventWebhook',
  method: 'POST',
  path: '/api/v1/event-webhooks',
  summary:
    'Subscribe a URL to decision events: `decision.created` (with the statement of reasons) and ' +
    '`decision.reversed` (restore the content). Signed per Standard Webhooks with the returned secret ' +
    '(`whsec_…`), shown only in this response.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    url: webhookUrl,
    description: z.string().max(500).optional(),
    eventTypes: eventTypesSchema,
  }),
  response: z.object({ webhook: eventWebhookSchema, secret: z.string() }),
  handle: async ({ actor, body, db, deps, requestId }) => create(db, deps.keyring, actor, body, requestId),
});
