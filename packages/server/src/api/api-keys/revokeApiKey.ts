import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { revokeApiKey as revokeOrgApiKey } from '../../identity/api-keys.ts';
import { apiKeySchema, idParam, publicView } from '../schemas.ts';

export const revokeApiKey = defineOperation({
  id: 'apiKeys.revoke',
  method: 'POST',
  path: '/api/v1/api-keys/:keyId/revoke',
  summary: 'Revoke an API key at once.',
  tags: ['api-keys'],
  access: { permission: 'apikeys:manage' },
  mutates: true,
  params: z.strictObject({ keyId: idParam }),
  response: apiKeySchema,
  handle: async ({ actor, params, db, requestId }) =>
    publicView(await revokeOrgApiKey(db, actor, params.keyId, requestId)),
});
