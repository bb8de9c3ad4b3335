import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { createNotice as createOutboundNotice } from '../../notices/notices.ts';
import { noticeInputSchema, noticeSchema } from './schemas.ts';

export const createNotice = defineOperation({
  id: 'notices.create',
  method: 'POST',
  path: '/api/v1/notices',
  summary:
    'Record a notice to a platform: the exact text and items, channel, legal basis, trusted-flagger status. ' +
    'Notices on an api channel are delivered by a job; others are recorded as sent at sentAt (default now).',
  tags: ['notices'],
  access: { permission: 'notices:manage' },
  mutates: true,
  successStatus: 201,
  body: noticeInputSchema,
  response: z.object({ notice: noticeSchema }),
  handle: async ({ actor, body, db, requestId }) => ({
    notice: await createOutboundNotice(db, actor, body, { requestId }),
  }),
});
