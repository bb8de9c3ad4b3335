import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { generatePassword } from '../../identity/passwords.ts';
import { createUser as createOrgUser } from '../../identity/users.ts';
import { languageTag, publicView, roleSchema, userSchema } from '../schemas.ts';

export const createUser = defineOperation({
  id: 'users.create',
  method: 'POST',
  path: '/api/v1/users',
  summary: 'Add a user to the organisation. Returns a one-time password, shown only in this response.',
  tags: ['users'],
  access: { permission: 'users:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    email: z.email().max(320),
    displayName: z.string().min(1).max(200).optional(),
    role: roleSchema,
    languages: z.array(languageTag).max(50).optional(),
  }),
  response: z.object({ user: userSchema, oneTimePassword: z.string() }),
  handle: async ({ actor, body, db, requestId }) => {
    const oneTimePassword = generatePassword();
    const user = await createOrgUser(
      db,
      actor,
      { ...body, password: oneTimePassword, mustChangePassword: true },
      requestId,
    );
    return { user: publicView(user), oneTimePassword };
  },
});
