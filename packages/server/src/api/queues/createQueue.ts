import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { createQueue as create } from '../../triage/queues.ts';
import { routingRuleSchema } from '../../triage/routing.ts';
import { queueSchema } from '../cases/schemas.ts';

export const queueInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(1_000_000),
  rule: routingRuleSchema,
  slaMs: z
    .number()
    .int()
    .min(60_000)
    .max(365 * 86_400_000),
});

export const createQueue = defineOperation({
  id: 'queues.create',
  method: 'POST',
  path: '/api/v1/queues',
  summary: 'Add a review queue with its routing rule (first matching queue by position wins) and SLA.',
  tags: ['queues'],
  access: { permission: 'cases:manage' },
  mutates: true,
  successStatus: 201,
  body: queueInputSchema,
  response: z.object({ queue: queueSchema }),
  handle: async ({ actor, body, db, requestId }) => ({ queue: await create(db, actor, body, requestId) }),
});
