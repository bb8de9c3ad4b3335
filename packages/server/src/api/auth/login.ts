import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { SESSION_COOKIE } from '../../http/authenticate.ts';
import { defineOperation } from '../../http/operation.ts';
import { rolePermissions } from '../../identity/permissions.ts';
import { createSession, SESSION_TTL_MS } from '../../identity/sessions.ts';
import { authenticateUser } from '../../identity/users.ts';
import { publicView } from '../schemas.ts';
import { sessionResponse } from './schemas.ts';

export const login = defineOperation({
  id: 'auth.login',
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in to the console; sets an HTTP-only session cookie.',
  tags: ['auth'],
  access: { public: true, rateLimit: 'login' },
  mutates: true,
  body: z.strictObject({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) }),
  response: sessionResponse,
  handle: async ({ body, db, deps, reply, audit }) => {
    const user = await authenticateUser(db, body.email, body.password);
    if (!user) throw new AppError('invalid_credentials', { field: 'body.password' });
    const session = await createSession(db, user);
    const actor = {
      type: 'user' as const,
      id: user.id,
      orgId: user.orgId,
      role: user.role,
      permissions: rolePermissions[user.role],
      mustChangePassword: user.mustChangePassword,
      sessionId: '',
    };
    await audit({ action: 'auth.login', targetType: 'user', targetId: user.id }, actor);
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: deps.config.secureCookies,
      sameSite: 'lax',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return {
      user: publicView(user),
      permissions: [...rolePermissions[user.role]],
      csrfToken: session.csrfToken,
      passwordChangeRequired: user.mustChangePassword,
    };
  },
});
