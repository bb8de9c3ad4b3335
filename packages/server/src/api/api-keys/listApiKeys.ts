import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listApiKeys as listOrgApiKeys } from '../../identity/api-keys.ts';
import { apiKeySchema, publicView } from '../schemas.ts';

export const listApiKeys = defineOperation({
  id: 'apiKeys.list',
  method: 'GET',
  path: '/api/v1/api-keys',
  summary: "The organisation's API keys (never their secrets).",
  tags: ['api-keys'],
  access: { permission: 'apikeys:manage' },
  mutates: false,
  response: z.object({ apiKeys: z.array(apiKeySchema) }),
  handle: async ({ actor, db }) => ({ apiKeys: (await listOrgApiKeys(db, actor.orgId)).map(publicView) }),
});
