import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listPlatforms as listDirectory } from '../../platforms/platforms.ts';
import { platformSchema } from './schemas.ts';

export const listPlatforms = defineOperation({
  id: 'platforms.list',
  method: 'GET',
  path: '/api/v1/platforms',
  summary: "The organisation's platform directory.",
  tags: ['platforms'],
  access: { permission: 'notices:read' },
  mutates: false,
  response: z.object({ platforms: z.array(platformSchema) }),
  handle: async ({ actor, db }) => ({ platforms: await listDirectory(db, actor.orgId) }),
});
