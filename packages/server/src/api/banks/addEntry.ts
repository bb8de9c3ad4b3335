import { z } from 'zod';
import { addEntry as addBankEntry } from '../../banks/entries.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entrySchema, newEntryFields, signalTypeSchema } from './schemas.ts';

export const addEntry = defineOperation({
  id: 'banks.addEntry',
  method: 'POST',
  path: '/api/v1/banks/:bankId/entries',
  summary: 'Add an entry (a hash, URL or text) with labels, provenance, confidence and jurisdictions.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ bankId: idParam }),
  body: z.strictObject({
    signalType: signalTypeSchema,
    value: z.string().min(1).max(1_000_000),
    ...newEntryFields,
  }),
  response: z.object({ entry: entrySchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    entry: await addBankEntry(db, actor, params.bankId, body, requestId),
  }),
});
