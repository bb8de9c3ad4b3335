import { z } from 'zod';
import { submitAppeal } from '../../cases/appeals.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';

export const submitPublicAppeal = defineOperation({
  id: 'public.submitAppeal',
  method: 'POST',
  path: '/api/v1/public/appeals',
  summary:
    'Contest a decision (DSA Art. 20) with the appeal token of a statement of reasons, or as a reporter with the report reference.',
  tags: ['public'],
  access: { public: true },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    token: z.string().min(1).max(200),
    grounds: z.string().trim().min(10).max(5000),
  }),
  response: z.object({ appealId: z.string(), submittedAt: epochMs }),
  handle: ({ body, db, requestId }) => submitAppeal(db, body, requestId),
});
