import { z } from 'zod';
import { warnNotifier as warn } from '../../cases/misuse.ts';
import { defineOperation } from '../../http/operation.ts';
import { notifierParams, notifierSchema } from './notifierSchema.ts';

export const warnNotifier = defineOperation({
  id: 'notifiers.warn',
  method: 'POST',
  path: '/api/v1/notifiers/:notifierKey/warning',
  summary: 'Record the prior warning Art. 23(2) requires before a suspension. A person only, never a key.',
  tags: ['reports'],
  access: { permission: 'cases:manage' },
  mutates: true,
  params: notifierParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
  response: z.object({ notifier: notifierSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    notifier: await warn(db, actor, params.notifierKey, body.reason, requestId),
  }),
});
