import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { createApiKey as createOrgApiKey } from '../../identity/api-keys.ts';
import { apiKeySchema, permissionSchema, publicView } from '../schemas.ts';

export const createApiKey = defineOperation({
  id: 'apiKeys.create',
  method: 'POST',
  path: '/api/v1/api-keys',
  summary:
    'Create an API key scoped to this organisation and a list of permissions. The secret is shown once.',
  tags: ['api-keys'],
  access: { permission: 'apikeys:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({ name: z.string().min(1).max(200), permissions: z.array(permissionSchema).min(1) }),
  response: z.object({ apiKey: apiKeySchema, secret: z.string() }),
  handle: async ({ actor, body, db, requestId }) => {
    const { apiKey, secret } = await createOrgApiKey(db, actor, body, requestId);
    return { apiKey: publicView(apiKey), secret };
  },
});
