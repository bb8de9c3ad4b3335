import { AppError } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import { defineOperation } from '../../http/operation.ts';
import { getUser } from '../../identity/users.ts';
import { publicView } from '../schemas.ts';
import { sessionResponse } from './schemas.ts';

export const getSession = defineOperation({
  id: 'auth.session',
  method: 'GET',
  path: '/api/v1/auth/session',
  summary: 'The signed-in user, their permissions and the CSRF token of the session.',
  tags: ['auth'],
  access: { signedIn: true },
  mutates: false,
  allowPendingPasswordChange: true,
  response: sessionResponse,
  handle: async ({ actor, db, request }) => {
    const auth = await authenticate(db, request);
    if (actor.type !== 'user' || !auth?.csrfToken) {
      throw new AppError('forbidden', { message: 'Only console sessions have a session view.' });
    }
    const user = await getUser(db, actor.orgId, actor.id);
    return {
      user: publicView(user),
      permissions: [...actor.permissions],
      csrfToken: auth.csrfToken,
      passwordChangeRequired: user.mustChangePassword,
    };
  },
});
