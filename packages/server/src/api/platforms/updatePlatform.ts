import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { updatePlatform as updateDirectoryPlatform } from '../../platforms/platforms.ts';
import { idParam } from '../schemas.ts';
import { platformInputFields, platformSchema } from './schemas.ts';

export const updatePlatform = defineOperation({
  id: 'platforms.update',
  method: 'PATCH',
  path: '/api/v1/platforms/:platformId',
  summary:
    "Change a platform's directory entry. Notices already sent keep the deadlines they were sent with.",
  tags: ['platforms'],
  access: { permission: 'platforms:manage' },
  mutates: true,
  params: z.strictObject({ platformId: idParam }),
  body: z.strictObject(platformInputFields).partial(),
  response: z.object({ platform: platformSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    platform: await updateDirectoryPlatform(db, actor, params.platformId, body, requestId),
  }),
});
