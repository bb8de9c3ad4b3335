import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { changePassword as changeUserPassword } from '../../identity/users.ts';

export const changePassword = defineOperation({
  id: 'auth.changePassword',
  method: 'POST',
  path: '/api/v1/auth/password',
  summary: "Replace the signed-in user's password (required after a one-time password).",
  tags: ['auth'],
  access: { signedIn: true },
  mutates: true,
  allowPendingPasswordChange: true,
  body: z.strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  }),
  response: z.object({ ok: z.literal(true) }),
  handle: async ({ actor, body, db, requestId }) => {
    if (actor.type !== 'user') throw new AppError('forbidden', { message: 'API keys have no password.' });
    await changeUserPassword(db, actor, body, requestId);
    return { ok: true as const };
  },
});
