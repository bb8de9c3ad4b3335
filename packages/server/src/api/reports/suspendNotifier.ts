import { z } from 'zod';
import { suspendNotifier as suspend } from '../../cases/misuse.ts';
import { defineOperation } from '../../http/operation.ts';
import { notifierParams, notifierSchema } from './notifierSchema.ts';

export const suspendNotifier = defineOperation({
  id: 'notifiers.suspend',
  method: 'POST',
  path: '/api/v1/notifiers/:notifierKey/suspension',
  summary:
    'Suspend the processing of a warned notifier’s notices for a limited time (Art. 23(2)). A person decides; nothing suspends automatically.',
  tags: ['reports'],
  access: { permission: 'cases:manage' },
  mutates: true,
  params: notifierParams,
  body: z.strictObject({
    days: z.number().int().min(1).max(365),
    reason: z.string().trim().min(1).max(2000),
  }),
  response: z.object({ notifier: notifierSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    notifier: await suspend(db, actor, params.notifierKey, body, requestId),
  }),
});
