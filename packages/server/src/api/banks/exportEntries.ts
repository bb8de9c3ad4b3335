import { z } from 'zod';
import { BANK_FORMATS, exportEntries as exportBankEntries } from '../../banks/import-export.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { entryStatusSchema } from './schemas.ts';

export const exportEntries = defineOperation({
  id: 'banks.export',
  method: 'GET',
  path: '/api/v1/banks/:bankId/export',
  summary: 'Export a bank as csv, json, hma or tat text (hma: active entries; tat: md5 and pdq only).',
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  params: z.strictObject({ bankId: idParam }),
  query: z.strictObject({
    format: z.enum(BANK_FORMATS).default('csv'),
    status: entryStatusSchema.optional(),
  }),
  response: z.object({ format: z.enum(BANK_FORMATS), count: z.number().int(), content: z.string() }),
  handle: async ({ actor, db, params, query }) => ({
    format: query.format,
    ...(await exportBankEntries(db, actor.orgId, params.bankId, query.format, { status: query.status })),
  }),
});
