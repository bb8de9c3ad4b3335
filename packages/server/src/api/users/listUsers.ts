import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listUsers as listOrgUsers } from '../../identity/users.ts';
import { publicView, userSchema } from '../schemas.ts';

export const listUsers = defineOperation({
  id: 'users.list',
  method: 'GET',
  path: '/api/v1/users',
  summary: "The organisation's users.",
  tags: ['users'],
  access: { permission: 'users:read' },
  mutates: false,
  response: z.object({ users: z.array(userSchema) }),
  handle: async ({ actor, db }) => ({ users: (await listOrgUsers(db, actor.orgId)).map(publicView) }),
});
