import { z } from 'zod';
import { importEntries as importBankEntries } from '../../banks/import-export.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { importBody } from './importEntries.ts';
import { importReportSchema } from './schemas.ts';

export const previewImport = defineOperation({
  id: 'banks.previewImport',
  method: 'POST',
  path: '/api/v1/banks/:bankId/import/preview',
  summary:
    'Dry run of an import: what would be inserted, rejected (line, field, reason), duplicated or changed.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: false,
  params: z.strictObject({ bankId: idParam }),
  body: importBody,
  response: z.object({ report: importReportSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    report: await importBankEntries(db, actor, params.bankId, { ...body, dryRun: true }, requestId),
  }),
});
