import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { getUser as getOrgUser } from '../../identity/users.ts';
import { idParam, publicView, userSchema } from '../schemas.ts';

export const getUser = defineOperation({
  id: 'users.get',
  method: 'GET',
  path: '/api/v1/users/:userId',
  summary: 'One user of the organisation.',
  tags: ['users'],
  access: { permission: 'users:read' },
  mutates: false,
  params: z.strictObject({ userId: idParam }),
  response: userSchema,
  handle: async ({ actor, params, db }) => publicView(await getOrgUser(db, actor.orgId, params.userId)),
});
