import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { updateUser as updateOrgUser } from '../../identity/users.ts';
import { idParam, languageTag, publicView, roleSchema, userSchema } from '../schemas.ts';

export const updateUser = defineOperation({
  id: 'users.update',
  method: 'PATCH',
  path: '/api/v1/users/:userId',
  summary: "Change a user's name, role, languages, or disable them (which ends their sessions).",
  tags: ['users'],
  access: { permission: 'users:manage' },
  mutates: true,
  params: z.strictObject({ userId: idParam }),
  body: z.strictObject({
    displayName: z.string().min(1).max(200).optional(),
    role: roleSchema.optional(),
    languages: z.array(languageTag).max(50).optional(),
    disabled: z.boolean().optional(),
  }),
  response: userSchema,
  handle: async ({ actor, params, body, db, requestId }) =>
    publicView(await updateOrgUser(db, actor, params.userId, body, requestId)),
});
