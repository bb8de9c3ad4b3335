import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { claimNextCase as claimNext } from '../../triage/claims.ts';
import { caseSchema } from '../cases/schemas.ts';

export const claimNextCase = defineOperation({
  id: 'queues.claimNext',
  method: 'POST',
  path: '/api/v1/queues/:queueId/next',
  summary:
    'Claim the most urgent case of the queue you may take: cases in the languages you read come first. Null when none is waiting.',
  tags: ['queues'],
  access: { permission: 'cases:review' },
  mutates: true,
  params: z.strictObject({ queueId: z.string().min(1).max(100) }),
  response: z.object({ case: caseSchema.nullable() }),
  handle: async ({ actor, params, db, requestId, audit }) => {
    const languages =
      actor.type === 'user'
        ? ((await db.selectFrom('users').select('languages').where('id', '=', actor.id).executeTakeFirst())
            ?.languages ?? '[]')
        : '[]';
    const next = await claimNext(db, actor, JSON.parse(languages) as string[], params.queueId, requestId);
    // An empty queue changes nothing, but the request is still recorded.
    if (!next)
      await audit({
        action: 'queue.claim_next',
        targetType: 'queue',
        targetId: params.queueId,
        details: { claimed: null },
      });
    return { case: next };
  },
});
