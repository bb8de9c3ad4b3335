import { z } from 'zod';
import { updateWebhook } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { webhookSchema } from './schemas.ts';

export const disableWebhook = defineOperation({
  id: 'banks.disableWebhook',
  method: 'DELETE',
  path: '/api/v1/webhooks/:webhookId',
  summary: 'Disable a webhook subscription; its delivery log is kept.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  params: z.strictObject({ webhookId: idParam }),
  response: z.object({ webhook: webhookSchema }),
  handle: async ({ actor, db, params, requestId }) => ({
    webhook: await updateWebhook(db, actor, params.webhookId, { disabled: true }, requestId),
  }),
});
