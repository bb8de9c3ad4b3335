import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { createStudy as createCollectiveStudy } from '../../studies/studies.ts';
import { studyName, studySchema } from './schemas.ts';

export const createStudy = defineOperation({
  id: 'studies.create',
  method: 'POST',
  path: '/api/v1/studies',
  summary: 'Start a collective report-and-audit study; the organisation becomes its first member.',
  tags: ['studies'],
  access: { permission: 'studies:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    name: studyName,
    title: z.string().min(1).max(300),
    description: z.string().max(20_000).optional(),
  }),
  response: z.object({ study: studySchema }),
  handle: async ({ actor, body, db, requestId }) => ({
    study: await createCollectiveStudy(db, actor, body, requestId),
  }),
});
