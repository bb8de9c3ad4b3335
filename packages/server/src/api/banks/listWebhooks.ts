import { z } from 'zod';
import { listWebhooks as listBankWebhooks } from '../../banks/webhooks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { webhookSchema } from './schemas.ts';

export const listWebhooks = defineOperation({
  id: 'banks.listWebhooks',
  method: 'GET',
  path: '/api/v1/banks/:bankId/webhooks',
  summary: "List a bank's webhook subscriptions (secrets are never shown again).",
  tags: ['webhooks'],
  access: { permission: 'webhooks:manage' },
  mutates: false,
  params: z.strictObject({ bankId: idParam }),
  response: z.object({ webhooks: z.array(webhookSchema) }),
  handle: async ({ actor, db, params }) => ({
    webhooks: await listBankWebhooks(db, actor.orgId, params.bankId),
  }),
});
