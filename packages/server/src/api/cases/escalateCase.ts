import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { escalateCase as escalate } from '../../triage/claims.ts';
import { caseIdParams, caseSchema } from './schemas.ts';

export const escalateCase = defineOperation({
  id: 'cases.escalate',
  method: 'POST',
  path: '/api/v1/cases/:caseId/escalate',
  summary: 'Escalate a case: raises its priority and releases it for a senior reviewer.',
  tags: ['cases'],
  access: { permission: 'cases:review' },
  mutates: true,
  params: caseIdParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
  response: z.object({ case: caseSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    case: await escalate(db, actor, params.caseId, body.reason, requestId),
  }),
});
