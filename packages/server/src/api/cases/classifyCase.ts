import { z } from 'zod';
import { recordClassification } from '../../cases/classification.ts';
import { defineOperation } from '../../http/operation.ts';
import { caseIdParams, caseSchema } from './schemas.ts';

export const classifyCase = defineOperation({
  id: 'cases.classify',
  method: 'POST',
  path: '/api/v1/cases/:caseId/classifications',
  summary:
    "Record a classifier's score for the case's content. The case keeps the highest score, is routed " +
    'again (routing rules may require a minimum score) and a score of 0.5 or more raises its priority.',
  tags: ['cases'],
  access: { permission: 'cases:manage' },
  mutates: true,
  successStatus: 201,
  params: caseIdParams,
  body: z.strictObject({
    classifier: z.string().trim().min(1).max(200),
    score: z.number().min(0).max(1),
    label: z.string().trim().min(1).max(200).optional(),
  }),
  response: z.object({ case: caseSchema }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    case: await recordClassification(db, actor, params.caseId, body, requestId),
  }),
});
