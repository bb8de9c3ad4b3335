import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listTdbSubmissions as listSubmissions } from '../../transparency/tdb-submission.ts';

export const listTdbSubmissions = defineOperation({
  id: 'transparency.listSubmissions',
  method: 'GET',
  path: '/api/v1/transparency/submissions',
  summary: 'Where each decision’s statement of reasons stands with the EU Transparency Database.',
  tags: ['transparency'],
  access: { permission: 'exports:read' },
  mutates: false,
  query: z.strictObject({
    status: z.enum(['queued', 'submitted', 'rejected', 'not_required']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({
    submissions: z.array(
      z.object({
        decisionId: z.string(),
        puid: z.string(),
        status: z.string(),
        tdbUuid: z.string().nullable(),
        permalink: z.string().nullable(),
        errors: z.unknown(),
        queuedAt: z.number().int(),
        submittedAt: z.number().int().nullable(),
      }),
    ),
  }),
  handle: async ({ actor, query, db }) => ({ submissions: await listSubmissions(db, actor, query) }),
});
