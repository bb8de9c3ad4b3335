import { z } from 'zod';
import { parseEntryId, setEntryStatus } from '../../banks/entries.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entrySchema, reasonBody } from './schemas.ts';

export const retractEntry = defineOperation({
  id: 'banks.retractEntry',
  method: 'POST',
  path: '/api/v1/bank-entries/:entryId/retract',
  summary: 'Retract an entry (with a reason): it stops matching in every server process within a second.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  params: z.strictObject({ entryId: idParam }),
  body: reasonBody,
  response: z.object({ entry: entrySchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    entry: await setEntryStatus(db, actor, parseEntryId(params.entryId), 'retracted', body.reason, requestId),
  }),
});
