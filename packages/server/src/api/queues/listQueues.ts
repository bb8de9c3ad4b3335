import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { queueStats } from '../../triage/stats.ts';
import { queueSchema } from '../cases/schemas.ts';

export const listQueues = defineOperation({
  id: 'queues.list',
  method: 'GET',
  path: '/api/v1/queues',
  summary: 'Review queues in routing order, with their open and overdue case counts.',
  tags: ['queues'],
  access: { permission: 'cases:read' },
  mutates: false,
  response: z.object({
    queues: z.array(queueSchema.extend({ open: z.number().int(), overdue: z.number().int() })),
  }),
  handle: async ({ actor, db }) => ({ queues: await queueStats(db, actor.orgId) }),
});
