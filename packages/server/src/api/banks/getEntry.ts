import { z } from 'zod';
import { getEntry as getBankEntry, parseEntryId } from '../../banks/entries.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entrySchema } from './schemas.ts';

export const getEntry = defineOperation({
  id: 'banks.getEntry',
  method: 'GET',
  path: '/api/v1/bank-entries/:entryId',
  summary: 'Get one bank entry, with its provenance and status history fields.',
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  params: z.strictObject({ entryId: idParam }),
  response: z.object({ entry: entrySchema }),
  handle: async ({ actor, db, params }) => ({
    entry: await getBankEntry(db, actor.orgId, parseEntryId(params.entryId)),
  }),
});
