import { z } from 'zod';
import { noticeSchema, submitReport as fileReport } from '../../cases/intake.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';

export const submitReport = defineOperation({
  id: 'reports.submit',
  method: 'POST',
  path: '/api/v1/reports',
  summary:
    'Submit a notice from a platform, a trusted flagger or an authority (API key with reports:submit).',
  tags: ['reports'],
  access: { permission: 'reports:submit' },
  mutates: true,
  successStatus: 201,
  body: noticeSchema.extend({
    notifierType: z
      .enum(['individual', 'entity', 'trusted_flagger', 'authority', 'hotline'])
      .default('entity'),
    removalOrder: z
      .boolean()
      .optional()
      .describe('A removal order under Regulation (EU) 2021/784 (authorities only): one-hour deadline'),
  }),
  response: z.object({
    reference: z.string(),
    statusPath: z.string(),
    caseId: z.string(),
    caseReference: z.string(),
    receivedAt: epochMs,
  }),
  handle: async ({ actor, body, db, deps, requestId }) => {
    const { notifierType, removalOrder, ...notice } = body;
    const report = await fileReport(
      db,
      { keyring: deps.keyring, dataDir: deps.config.dataDir },
      actor.orgId,
      actor,
      {
        notice,
        channel: 'api',
        notifierType,
        removalOrder: notifierType === 'authority' && removalOrder === true,
      },
      requestId,
    );
    return {
      reference: report.reference,
      statusPath: `/r/${report.reference}`,
      caseId: report.caseId,
      caseReference: report.caseReference,
      receivedAt: report.receivedAt,
    };
  },
});
