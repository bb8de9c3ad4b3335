import { z } from 'zod';
import { createWebhook as createBankWebhook } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { webhookSchema, webhookUrl } from './schemas.ts';

export const createWebhook = defineOperation({
  id: 'banks.createWebhook',
  method: 'POST',
  path: '/api/v1/banks/:bankId/webhooks',
  summary:
    "Subscribe a URL to the bank's matches. Deliveries are signed per Standard Webhooks with the returned " +
    'secret (`whsec_…`), shown only in this response.',
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ bankId: idParam }),
  body: z.strictObject({
    url: webhookUrl,
    description: z.string().max(500).optional(),
  }),
  response: z.object({ webhook: webhookSchema, secret: z.string() }),
  handle: async ({ actor, body, db, deps, params, requestId }) =>
    createBankWebhook(db, deps.keyring, actor, params.bankId, body, requestId),
});
