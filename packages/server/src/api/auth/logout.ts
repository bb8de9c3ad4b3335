import { z } from 'zod';
import { SESSION_COOKIE } from '../../http/authenticate.ts';
import { defineOperation } from '../../http/operation.ts';
import { deleteSession } from '../../identity/sessions.ts';

export const logout = defineOperation({
  id: 'auth.logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'End the console session.',
  tags: ['auth'],
  access: { signedIn: true },
  mutates: true,
  allowPendingPasswordChange: true,
  response: z.object({ ok: z.literal(true) }),
  handle: async ({ actor, db, reply, audit }) => {
    if (actor.type === 'user') await deleteSession(db, actor.sessionId);
    await audit({ action: 'auth.logout', targetType: actor.type, targetId: actor.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  },
});
