import { z } from 'zod';
import { addNote } from '../../cases/notes.ts';
import { defineOperation } from '../../http/operation.ts';
import { caseIdParams } from './schemas.ts';

export const addCaseNote = defineOperation({
  id: 'cases.addNote',
  method: 'POST',
  path: '/api/v1/cases/:caseId/notes',
  summary: 'Add a note: `internal` for the team, `public` for the reporters (shown on their status page).',
  tags: ['cases'],
  access: { permission: 'cases:review' },
  mutates: true,
  successStatus: 201,
  params: caseIdParams,
  body: z.strictObject({
    text: z.string().trim().min(1).max(5000),
    visibility: z.enum(['internal', 'public']),
  }),
  response: z.object({ seq: z.number().int() }),
  handle: async ({ actor, params, body, db, requestId }) => ({
    seq: await addNote(db, actor, params.caseId, body, requestId),
  }),
});
