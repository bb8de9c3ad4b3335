import { z } from 'zod';
import { BANK_FORMATS, importEntries as importBankEntries } from '../../banks/import-export.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { importReportSchema } from './schemas.ts';

export const importBody = z.strictObject({
  format: z.enum(BANK_FORMATS),
  content: z.string().min(1),
  skipInvalid: z.boolean().optional(),
  source: z.string().min(1).max(200).optional(),
});

export const importEntries = defineOperation({
  id: 'banks.import',
  method: 'POST',
  path: '/api/v1/banks/:bankId/import',
  summary:
    'Import a bank file (csv, json, hma, tat) in one transaction. Any invalid row refuses the whole file ' +
    '(400 with the lines) unless skipInvalid is set. Large files: use `vigie bank import`.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  params: z.strictObject({ bankId: idParam }),
  body: importBody,
  response: z.object({ report: importReportSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    report: await importBankEntries(db, actor, params.bankId, { ...body, dryRun: false }, requestId),
  }),
});
