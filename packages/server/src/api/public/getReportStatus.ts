import { z } from 'zod';
import { publicReportStatus } from '../../cases/public-status.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';

export const getReportStatus = defineOperation({
  id: 'public.getReportStatus',
  method: 'GET',
  path: '/api/v1/public/reports/:reference',
  summary: "A reporter's view of their report: progress, public notes, outcome and how to appeal.",
  tags: ['public'],
  access: { public: true },
  mutates: false,
  params: z.strictObject({ reference: z.string().min(1).max(100) }),
  response: z
    .strictObject({
      reference: z.string(),
      receivedAt: epochMs,
      status: z.enum(['received', 'in_review', 'decided', 'under_appeal', 'appeal_decided']),
      outcome: z.strictObject({ action: z.string(), decidedAt: epochMs, reversed: z.boolean() }).nullable(),
      notes: z.array(z.strictObject({ at: epochMs, text: z.string() })),
      appeal: z.strictObject({ deadline: epochMs, open: z.boolean() }).nullable(),
    })
    .meta({ id: 'PublicReportStatus' }),
  handle: ({ params, db }) => publicReportStatus(db, params.reference),
});
