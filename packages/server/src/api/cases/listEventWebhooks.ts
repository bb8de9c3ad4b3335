import { z } from 'zod';
import { listEventWebhooks as list } from '../../cases/event-webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { eventWebhookSchema } from './schemas.ts';

export const listEventWebhooks = defineOperation({
  id: 'cases.listEventWebhooks',
  method: 'GET',
  path: '/api/v1/event-webhooks',
  summary: "The organisation's decision-event webhook subscriptions (secrets are never shown again).",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  response: z.object({ webhooks: z.array(eventWebhookSchema) }),
  handle: async ({ actor, db }) => ({ webhooks: await list(db, actor.orgId) }),
});
