import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { claimCase as claim, CLAIM_TTL_MS } from '../../triage/claims.ts';
import { caseIdParams, caseSchema } from './schemas.ts';

export const claimCase = defineOperation({
  id: 'cases.claim',
  method: 'POST',
  path: '/api/v1/cases/:caseId/claim',
  summary: `Claim a case for review; the claim lapses after ${CLAIM_TTL_MS / 60_000} minutes unless renewed.`,
  tags: ['cases'],
  access: { permission: 'cases:review' },
  mutates: true,
  params: caseIdParams,
  response: z.object({ case: caseSchema }),
  handle: async ({ actor, params, db, requestId }) => ({
    case: await claim(db, actor, params.caseId, requestId),
  }),
});
