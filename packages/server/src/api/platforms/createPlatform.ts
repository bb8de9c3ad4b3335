import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { createPlatform as createDirectoryPlatform } from '../../platforms/platforms.ts';
import { platformInputFields, platformSchema } from './schemas.ts';

export const createPlatform = defineOperation({
  id: 'platforms.create',
  method: 'POST',
  path: '/api/v1/platforms',
  summary:
    'Add a platform or host to the directory with its reporting channels and expected response times. ' +
    'Returns the secret that signs its callbacks, shown only in this response.',
  tags: ['platforms'],
  access: { permission: 'platforms:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject(platformInputFields),
  response: z.object({ platform: platformSchema, callbackSecret: z.string() }),
  handle: ({ actor, body, db, deps, requestId }) =>
    createDirectoryPlatform(db, deps.keyring, actor, body, requestId),
});
