import { z } from 'zod';
import { parseEntryId, setEntryStatus } from '../../banks/entries.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entrySchema, reasonBody } from './schemas.ts';

export const markFalsePositive = defineOperation({
  id: 'banks.markFalsePositive',
  method: 'POST',
  path: '/api/v1/bank-entries/:entryId/false-positive',
  summary: 'Disable an entry that matched content it should not (with a reason); it stops matching.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  params: z.strictObject({ entryId: idParam }),
  body: reasonBody,
  response: z.object({ entry: entrySchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    entry: await setEntryStatus(
      db,
      actor,
      parseEntryId(params.entryId),
      'false_positive',
      body.reason,
      requestId,
    ),
  }),
});
