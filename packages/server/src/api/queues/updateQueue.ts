import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { updateQueue as update } from '../../triage/queues.ts';
import { queueSchema } from '../cases/schemas.ts';
import { queueInputSchema } from './createQueue.ts';

export const updateQueue = defineOperation({
  id: 'queues.update',
  method: 'PATCH',
  path: '/api/v1/queues/:queueId',
  summary: 'Change a queue’s name, position, routing rule or SLA (applies to cases routed from now on).',
  tags: ['queues'],
  access: { permission: 'cases:manage' },
  mutates: true,
  params: z.strictObject({ queueId: z.string().min(1).max(100) }),
  body: queueInputSchema.partial(),
  response: z.object({ queue: queueSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    queue: await update(db, actor, params.queueId, body, requestId),
  }),
});
