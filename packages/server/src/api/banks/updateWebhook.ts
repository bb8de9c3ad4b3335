import { z } from 'zod';
import { updateWebhook as updateBankWebhook } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { webhookSchema, webhookUrl } from './schemas.ts';

export const updateWebhook = defineOperation({
  id: 'banks.updateWebhook',
  method: 'PATCH',
  path: '/api/v1/webhooks/:webhookId',
  summary:
    "Change a webhook subscription's URL or description, or disable / re-enable it (the secret stays).",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  params: z.strictObject({ webhookId: idParam }),
  body: z.strictObject({
    url: webhookUrl.optional(),
    description: z.string().max(500).optional(),
    disabled: z.boolean().optional(),
  }),
  response: z.object({ webhook: webhookSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    webhook: await updateBankWebhook(db, actor, params.webhookId, body, requestId),
  }),
});
