/** The session view that signing in and reading the session both answer. */
import { z } from 'zod';
import { userSchema } from '../schemas.ts';

export const sessionResponse = z
  .object({
    user: userSchema,
    permissions: z.array(z.string()),
    csrfToken: z
      .string()
      .describe('Send it back in the x-csrf-token header on every state-changing request.'),
    passwordChangeRequired: z.boolean(),
  })
  .meta({ id: 'Session' });
