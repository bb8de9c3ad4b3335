import { z } from 'zod';
import { actions } from '../../cases/actions.ts';
import { decideAppeal as decide } from '../../cases/appeals.ts';
import { notifyAppealDecision } from '../../cases/notify.ts';
import { defineOperation } from '../../http/operation.ts';
import { appealSchema, decisionSchema } from '../cases/schemas.ts';

export const decideAppeal = defineOperation({
  id: 'appeals.decide',
  method: 'POST',
  path: '/api/v1/appeals/:appealId/decision',
  summary:
    'Uphold or reverse the contested decision. Only a reviewer other than the one who decided may do this; a reversal is a new decision.',
  tags: ['appeals'],
  access: { permission: 'appeals:decide' },
  mutates: true,
  params: z.strictObject({ appealId: z.string().min(1).max(100) }),
  body: z.strictObject({
    outcome: z.enum(['upheld', 'reversed']),
    statement: z.string().trim().min(1).max(5000).describe('The reasoned decision told to the complainant'),
    newAction: z.enum(actions).optional(),
    newFields: z.record(z.string(), z.unknown()).optional(),
  }),
  response: z.object({ appeal: appealSchema, newDecision: decisionSchema.nullable() }),
  handle: async ({ actor, params, body, db, deps, requestId }) => {
    const result = await decide(db, actor, params.appealId, body, requestId);
    await notifyAppealDecision(db, deps.keyring, actor, result);
    return { appeal: result.appeal, newDecision: result.reversal?.decision ?? null };
  },
});
