import { z } from 'zod';
import { listEntries as listBankEntries } from '../../banks/entries.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entrySchema, entryStatusSchema } from './schemas.ts';

export const listEntries = defineOperation({
  id: 'banks.listEntries',
  method: 'GET',
  path: '/api/v1/banks/:bankId/entries',
  summary: "List a bank's entries in id order, a page at a time (`after` = the previous page's `next`).",
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  params: z.strictObject({ bankId: idParam }),
  query: z.strictObject({
    status: entryStatusSchema.optional(),
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  response: z.object({ entries: z.array(entrySchema), next: z.string().nullable() }),
  handle: async ({ actor, db, params, query }) => listBankEntries(db, actor.orgId, params.bankId, query),
});
