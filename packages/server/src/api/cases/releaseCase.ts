import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { releaseCase as release } from '../../triage/claims.ts';
import { caseIdParams, caseSchema } from './schemas.ts';

export const releaseCase = defineOperation({
  id: 'cases.release',
  method: 'POST',
  path: '/api/v1/cases/:caseId/release',
  summary: 'Give up a claim; with `skip`, the case is not offered to you again for an hour.',
  tags: ['cases'],
  access: { permission: 'cases:review' },
  mutates: true,
  params: caseIdParams,
  body: z.strictObject({ skip: z.boolean().default(false) }),
  response: z.object({ case: caseSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    case: await release(db, actor, params.caseId, body.skip, requestId),
  }),
});
