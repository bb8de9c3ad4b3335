import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { tdbSettingsFromEnv } from '../../transparency/tdb-client.ts';
import { scheduleTdbSubmissions as scheduleSubmissions } from '../../transparency/tdb-submission.ts';

export const scheduleTdbSubmissions = defineOperation({
  id: 'transparency.scheduleSubmissions',
  method: 'POST',
  path: '/api/v1/transparency/submissions',
  summary:
    'Queue the statements of reasons of every decision not yet sent to the EU Transparency Database, in ' +
    'batches of up to 100. Statements that fail validation are recorded as rejected and not sent.',
  tags: ['transparency'],
  access: { permission: 'cases:manage' },
  mutates: true,
  successStatus: 202,
  response: z.object({
    queued: z.number().int(),
    rejected: z.number().int(),
    notRequired: z.number().int(),
    jobs: z.number().int(),
  }),
  handle: async ({ actor, db, requestId }) => {
    if (!tdbSettingsFromEnv()) {
      throw new AppError('conflict', {
        message:
          'Submission to the Transparency Database is not configured (VIGIE_TDB_API_URL, VIGIE_TDB_API_TOKEN).',
      });
    }
    return scheduleSubmissions(db, actor, requestId);
  },
});
